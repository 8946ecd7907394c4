"""Staff pages: the triage queue, a case with its actions, and the data-quality page."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from imar.accounts import permissions
from imar.accounts.decorators import staff_required, user_passes
from imar.core import list_export as export
from imar.feedback import access, selectors, services
from imar.feedback.enums import Category, Status
from imar.feedback.forms import AssignForm, ModerateForm, MoveForm, NoteForm
from imar.feedback.models import Case


def case_fields() -> list[export.Field]:
    """The queue's columns (never the citizen's words or contact: they stay on the case)."""

    def handler(case):
        user = case.assigned_to
        return user and (user.get_full_name() or user.username)

    return [
        export.integer("#", lambda c: c.pk, 8),
        export.Field(_("Project"), lambda c: c.project.code, 14),
        export.Field(_("District"), lambda c: c.project.municipality.district.name),
        export.Field(_("Category"), lambda c: c.get_category_display(), 20),
        export.Field(_("Status"), lambda c: c.get_status_display()),
        export.integer(_("Escalation level"), lambda c: c.escalation_level),
        export.Field(_("Received"), lambda c: c.received_at, 18),
        export.Field(_("Due"), lambda c: c.due_at, 18),
        export.Field(_("Assigned to"), handler),
    ]


@staff_required
def queue(request):
    filters = {
        "status": request.GET.get("status", ""),
        "category": request.GET.get("category", ""),
        "overdue": request.GET.get("overdue") == "1",
        "mine": request.GET.get("mine") == "1",
        "user": request.user,
    }
    cases = selectors.triage_queue(
        access.visible_cases(request.user, Case.objects.all()), filters=filters
    )
    if fmt := export.export_format(request):
        return export.export_response(
            fmt, name="cases", title=_("Citizens' cases"), fields=case_fields(), rows=cases
        )
    page = Paginator(cases, 50).get_page(request.GET.get("page"))
    categories = [
        (value, label)
        for value, label in Category.choices
        if access.sees_sensitive(request.user) or value != Category.MISUSE_OF_MONEY
    ]
    return render(
        request,
        "feedback/queue.html",
        {
            "page": page,
            "filters": filters,
            "now": timezone.now(),
            "status_choices": Status.choices,
            "category_choices": categories,
        },
    )


def _case_for(request, pk) -> Case:
    case = get_object_or_404(
        Case.objects.select_related("project__municipality__district", "assigned_to"), pk=pk
    )
    if not access.can_see(request.user, case):
        raise Http404
    return case


def _forms(case, data=None, which=None):
    users = access.handlers(get_user_model().objects.filter(is_active=True), case)
    photo_choices = [
        (str(p.pk), _("Photo %(n)s") % {"n": i}) for i, p in enumerate(case.photos.all(), 1)
    ]
    bound = lambda name: data if which == name else None  # noqa: E731
    return {
        "assign_form": AssignForm(
            bound("assign"), users=users, initial={"assignee": case.assigned_to_id}
        ),
        "note_form": NoteForm(bound("note")),
        "move_form": MoveForm(
            bound("move"), initial={"answer_ar": case.answer_ar, "answer_en": case.answer_en}
        ),
        "moderate_form": ModerateForm(
            bound("moderate"),
            photo_choices=photo_choices,
            initial={
                "public_text": case.public_text or case.text,
                "publish": case.is_published,
                "photos": [str(p.pk) for p in case.photos.all() if p.is_public],
            },
        ),
    }


@staff_required
def case_detail(request, pk):
    case = _case_for(request, pk)
    context = {
        "case": case,
        "can_handle": access.can_handle(request.user, case),
        "notes": case.notes.select_related("author"),
        "photos": list(case.photos.all()),
        "now": timezone.now(),
        **_forms(case),
    }
    return render(request, "feedback/case_detail.html", context)


ACTIONS = {
    "assign": AssignForm,
    "note": NoteForm,
    "move": MoveForm,
    "moderate": ModerateForm,
}


@staff_required
@require_POST
def case_action(request, pk, action):
    case = _case_for(request, pk)
    if action not in ACTIONS:
        raise Http404
    if not access.can_handle(request.user, case):
        raise PermissionDenied
    forms = _forms(case, request.POST, action)
    form = forms[f"{action}_form"]
    if form.is_valid():
        data = form.cleaned_data
        try:
            if action == "assign":
                services.case_assign(by=request.user, case=case, assignee=data["assignee"])
            elif action == "note":
                services.case_note_add(by=request.user, case=case, text=data["text"])
            elif action == "move":
                services.case_move(
                    by=request.user,
                    case=case,
                    status=data["status"],
                    reason=data["reason"],
                    answer_ar=data["answer_ar"],
                    answer_en=data["answer_en"],
                )
            else:
                services.case_moderate(
                    by=request.user,
                    case=case,
                    public_text=data["public_text"],
                    publish=data["publish"],
                    public_photo_ids=data["photos"],
                )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(request, _("Saved."))
            return redirect("feedback:case_detail", pk=case.pk)
    case.refresh_from_db()
    context = {
        "case": case,
        "can_handle": True,
        "notes": case.notes.select_related("author"),
        "photos": list(case.photos.all()),
        "now": timezone.now(),
        **forms,
    }
    return render(request, "feedback/case_detail.html", context, status=400)


@user_passes(permissions.is_head_office)
def quality_staff(request):
    entry = selectors.cached_quality(public=False)
    return render(
        request,
        "feedback/quality.html",
        {**entry, "report_days": settings.IMAR_QUALITY_REPORT_DAYS},
    )
