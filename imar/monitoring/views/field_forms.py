"""What the field forms share: the progress report (monitoring) and the results period
(imar.results), each a phone form with numbered photo rows, retry-safe sending and a
verify/approve, return or submit workflow. One copy here; results imports it (it sits above
monitoring). Templates: `monitoring/_field_fields.html`, `_field_photos.html`,
`_field_send.html`."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction

from imar.core.versioning import StaleVersion
from imar.portfolio.lifecycle import TransitionRefused
from imar.portfolio.views.form_page import errors_to_form


def run_service(form, call) -> object | None:
    """Run a service; its refusals become form errors and nothing is kept. A stale edit
    raises `StaleVersion` for the view to show the other person's changes."""
    try:
        with transaction.atomic():
            return call()
    except StaleVersion:
        raise
    except ValidationError as error:
        errors_to_form(form, error)
    except TransitionRefused as error:
        form.add_error(None, str(error))
    return None


def run_action(request, call) -> None:
    """Run one workflow step (verify, approve, return, submit) in one transaction; its
    refusals become error messages on the page it redirects to."""
    try:
        with transaction.atomic():
            call()
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
