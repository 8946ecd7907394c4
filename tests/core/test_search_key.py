"""Bulk inserts (the demo) store the same search keys that save() would."""

import pytest
from django.core.management import call_command

from imar.core.models import SearchKey
from imar.forum.models import Participant
from imar.monitoring.models import Milestone
from imar.organizations.models import Organization
from imar.partners.models import Agreement, Engagement
from imar.portfolio.models import Program, Project

MODELS = [Organization, Program, Project, Milestone, Engagement, Agreement, Participant]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("demo", projects=60, reset=True, verbosity=0)
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_stored_key_is_the_models_own(demo, db, model):
    assert issubclass(model, SearchKey)
    objects = list(model.objects.all()[:200])
    assert objects, f"the demo made no {model.__name__}"
    for obj in objects:
        stored = obj.search_text
        obj.refresh_search_text()
        assert stored == obj.search_text, obj
