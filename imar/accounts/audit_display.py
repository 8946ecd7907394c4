"""The audit trail as a person reads it: translated actions, the record's kind, field labels,
money and dates formatted, names instead of ids, yes and no instead of True and False.

The sealed events keep the stored codes (`budget 33537000.00`, `municipality 2`, `False`);
this module only reads them, one page at a time, with one query per related model named on
the page. It imports no domain app: models are found through the app registry by the label
an event carries (and the labels they had before a move, `audit_former_types`).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.apps import apps
from django.db import models
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

# The last part of an event's action (`forum.request_send` -> `request_send`), in words.
_VERBS = {
    "create": lambda: pgettext("audit action", "created"),
    "update": lambda: pgettext("audit action", "changed"),
    "delete": lambda: pgettext("audit action", "deleted"),
    "save": lambda: pgettext("audit action", "saved"),
    "transition": lambda: pgettext("audit action", "status changed"),
    "import": lambda: pgettext("audit action", "imported"),
    "approve": lambda: pgettext("audit action", "approved"),
    "appraise": lambda: pgettext("audit action", "appraised"),
    "run": lambda: pgettext("audit action", "run started"),
    "run_lost": lambda: pgettext("audit action", "run lost (the worker stopped)"),
    "append": lambda: pgettext("audit action", "appended"),
    "checkpoint": lambda: pgettext("audit action", "checkpoint taken"),
    "document_add": lambda: pgettext("audit action", "document added"),
    "register": lambda: pgettext("audit action", "registered"),
    "check_in": lambda: pgettext("audit action", "checked in"),
    "lead_record": lambda: pgettext("audit action", "lead recorded"),
    "lead_engagement": lambda: pgettext("audit action", "lead turned into an engagement"),
    "lead_agreement": lambda: pgettext("audit action", "lead turned into an agreement"),
    "event_create": lambda: pgettext("audit action", "event created"),
    "event_update": lambda: pgettext("audit action", "event changed"),
    "login_link_send": lambda: pgettext("audit action", "sign-in link sent"),
    "login_link_use": lambda: pgettext("audit action", "sign-in link used"),
    "meeting_mark": lambda: pgettext("audit action", "meeting marked"),
    "participant_account": lambda: pgettext("audit action", "delegate account made"),
    "participant_approve": lambda: pgettext("audit action", "delegate approved"),
    "participant_reject": lambda: pgettext("audit action", "delegate refused"),
    "profile_update": lambda: pgettext("audit action", "profile changed"),
    "request_send": lambda: pgettext("audit action", "meeting request sent"),
    "request_accepted": lambda: pgettext("audit action", "meeting request accepted"),
    "request_declined": lambda: pgettext("audit action", "meeting request declined"),
    "request_cancel": lambda: pgettext("audit action", "meeting request cancelled"),
    "request_cancelled": lambda: pgettext("audit action", "meeting request cancelled"),
    "request_lock": lambda: pgettext("audit action", "meeting locked"),
    "request_organizer": lambda: pgettext("audit action", "meeting request made by an organizer"),
    "schedule_run": lambda: pgettext("audit action", "schedule computed"),
    "session_create": lambda: pgettext("audit action", "session added"),
    "session_update": lambda: pgettext("audit action", "session changed"),
    "session_delete": lambda: pgettext("audit action", "session removed"),
    "showcase_add": lambda: pgettext("audit action", "added to the showcase"),
    "showcase_remove": lambda: pgettext("audit action", "removed from the showcase"),
    "slots_generate": lambda: pgettext("audit action", "meeting slots made"),
    "tables_create": lambda: pgettext("audit action", "meeting tables made"),
    "2fa_enrol": lambda: pgettext("audit action", "two-factor sign-in turned on"),
    "2fa_disable": lambda: pgettext("audit action", "two-factor sign-in turned off"),
}


# Change keys that are not a field of the record (counts and summaries some actions keep).
_EXTRA_FIELDS = {
    "meetings": lambda: _("meetings scheduled"),
    "moved": lambda: _("meetings moved"),
    "tables": lambda: _("meeting tables"),
    "slots": lambda: _("meeting slots"),
    "count": lambda: _("count"),
    "definition": lambda: _("definition"),
    "revoked_links": lambda: _("sign-in links revoked"),
    "organizations": lambda: _("organizations and their roles"),
    "districts": lambda: _("districts"),
    "last_hash": lambda: _("last hash"),
    "signature": lambda: _("signature"),
}


def action_label(action: str) -> str | None:
    """The action in words, or None when it has none yet (the page then shows the code)."""
    verb = action.rsplit(".", 1)[-1]
    label = _VERBS.get(verb)
    return capfirst(label()) if label else None


def models_by_type() -> dict[str, type[models.Model]]:
    found = {}
    for model in apps.get_models():
        found[model._meta.label_lower] = model
        for former in getattr(model, "audit_former_types", ()):
            found.setdefault(former, model)
    return found


def model_label(model: type[models.Model]) -> str:
    """The model's name in the page's language. Names that are plain strings (a model with no
    `verbose_name`, or a library's untranslated one, e.g. django-otp's "TOTP device") are
    looked up in the catalogue too, where Imar gives them their translation."""
    name = model._meta.verbose_name
    return capfirst(_(name) if isinstance(name, str) else name)


def type_label(object_type: str, known: dict | None = None) -> str | None:
    model = (known or models_by_type()).get(object_type)
    return model_label(model) if model is not None else None


def type_choices() -> list[tuple[str, str]]:
    """Every kind of record the trail may name, labelled, for the filter (by label)."""
    known = models_by_type()
    choices = {model._meta.label_lower: model_label(model) for model in known.values()}
    return sorted(choices.items(), key=lambda item: item[1].casefold())


@dataclass
class Change:
    field: str
    label: str | None  # None: not a model field, the code is shown
    before: str
    after: str


@dataclass
class ReadableEvent:
    event: object
    action: str | None
    type_label: str | None
    changes: list[Change] = field(default_factory=list)


def _model_field(model, name):
    """The model's own field by name or column name; reverse relations are not fields here."""
    if model is None:
        return None
    for candidate in model._meta.get_fields():
        if candidate.auto_created and not candidate.concrete:
            continue  # a reverse relation: has no label of its own
        if candidate.name == name or getattr(candidate, "attname", None) == name:
            return candidate
    return None


def _number(value) -> str:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    places = max(0, -number.as_tuple().exponent) if number.is_finite() else 0
    return formats.number_format(
        number, decimal_pos=min(places, 2), use_l10n=True, force_grouping=True
    )


def _format(value, model_field, names: dict) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, list):
        return "، ".join(_format(item, model_field, names) for item in value) if value else "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if model_field is None:
        return str(value)
    if getattr(model_field, "choices", None):
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.BooleanField):
        return _("Yes") if value in (True, "True", "true", 1) else _("No")
    if isinstance(model_field, (models.ForeignKey, models.ManyToManyField)):
        target = model_field.related_model
        return names.get((target, str(value)), f"#{value}")
    if isinstance(model_field, (models.DecimalField, models.IntegerField, models.FloatField)):
        return _number(value)
    return str(value)


def readable(events) -> list[ReadableEvent]:
    """The page's events, ready to show, with every id named in one query per model."""
    events = list(events)
    known = models_by_type()
    wanted: dict[type, set[str]] = defaultdict(set)
    for event in events:
        model = known.get(event.object_type)
        for name, pair in (event.changes or {}).items():
            model_field = _model_field(model, name)
            if isinstance(model_field, (models.ForeignKey, models.ManyToManyField)):
                for value in pair if isinstance(pair, list) else []:
                    for item in value if isinstance(value, list) else [value]:
                        if item not in (None, ""):
                            wanted[model_field.related_model].add(str(item))
    names = {}
    for target, ids in wanted.items():
        clean = [pk for pk in ids if pk.lstrip("-").isdigit()] if _int_pk(target) else list(ids)
        for obj in target._default_manager.filter(pk__in=clean):
            names[(target, str(obj.pk))] = str(obj)
    rows = []
    for event in events:
        model = known.get(event.object_type)
        row = ReadableEvent(
            event=event,
            action=action_label(event.action),
            type_label=type_label(event.object_type, known),
        )
        for name, pair in (event.changes or {}).items():
            model_field = _model_field(model, name)
            before, after = (pair + [None, None])[:2] if isinstance(pair, list) else (None, pair)
            if model_field is not None:
                label = capfirst(model_field.verbose_name)
            else:
                label = capfirst(_EXTRA_FIELDS[name]()) if name in _EXTRA_FIELDS else None
            row.changes.append(
                Change(
                    name,
                    label,
                    _format(before, model_field, names),
                    _format(after, model_field, names),
                )
            )
        rows.append(row)
    return rows


def _int_pk(model) -> bool:
    return isinstance(model._meta.pk, (models.AutoField, models.BigAutoField, models.IntegerField))
