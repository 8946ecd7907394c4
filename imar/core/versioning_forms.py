"""Edit forms that carry the version they started from, and show a stale save's conflicts.

An edit form renders two hidden inputs: `row_version` (the record's version) and `row_base`
(a fingerprint of every field as shown). When the save is refused as stale, the view builds
the same form for the current record and calls `form.merge_into(fresh)`:

- a field only the other person changed takes their value;
- a field only you changed keeps yours;
- a field you both changed keeps yours, and is listed as a clash to check;

and the page shows what they changed, their value against yours. Saving again then carries
the new version, so it goes through unless someone saves once more in between.
"""

import hashlib
import json
from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from imar.core.versioning import StaleVersion

MAX_SHOWN = 200


@dataclass(frozen=True)
class Related:
    """Something a form edits beside its fields (a formset): a label, a canonical value
    (sorted strings) and how to show it."""

    label: str
    value: tuple[str, ...]
    shown: str


@dataclass(frozen=True)
class ConflictRow:
    label: str
    theirs: str
    mine: str
    clash: bool  # both changed it: yours is kept, check it


@dataclass
class Conflict:
    rows: list[ConflictRow] = field(default_factory=list)
    by: str = ""
    at: object = None
    taken: set[str] = field(default_factory=set)  # related items to show as theirs


def _digest(values) -> str:
    return hashlib.sha256(json.dumps(list(values), ensure_ascii=False).encode()).hexdigest()[:16]


def _normal(value) -> str:
    return str(value).replace("\r\n", "\n").strip()


def _as_list(value) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (list, tuple, set, frozenset)):
        return tuple(sorted(s for s in (_normal(v) for v in value if v is not None) if s))
    text = _normal(value)
    return (text,) if text else ()


def shown_value(bound) -> tuple[str, ...]:
    """What an untouched widget of this bound field sends back, canonically."""
    widget = bound.field.widget
    value = bound.value()
    if isinstance(widget, forms.CheckboxInput):
        return ("1",) if widget.check_test(value) else ()
    return _as_list(widget.format_value(value))


def sent_value(bound) -> tuple[str, ...]:
    """What the browser sent for this bound field, canonically."""
    data = bound.data
    if isinstance(bound.field.widget, forms.CheckboxInput):
        return ("1",) if data else ()
    return _as_list(data)


def _label_map(formfield, values: tuple[str, ...]) -> dict[str, str]:
    if isinstance(formfield, forms.ModelChoiceField):
        key = formfield.to_field_name or "pk"
        rows = formfield.queryset.filter(**{f"{key}__in": list(values)})
        return {str(getattr(row, key)): str(row) for row in rows}
    if isinstance(formfield, forms.ChoiceField):
        labels = {}
        for value, label in formfield.choices:
            if isinstance(label, (list, tuple)):  # an option group
                labels.update({str(v): str(lab) for v, lab in label})
            else:
                labels[str(value)] = str(label)
        return labels
    return {}


def describe(formfield, values: tuple[str, ...]) -> str:
    """A value as a person reads it: choice labels, yes/no, "—" for nothing."""
    if isinstance(formfield.widget, forms.CheckboxInput):
        return _("Yes") if values else _("No")
    if not values:
        return "—"
    labels = _label_map(formfield, values)
    text = ", ".join(labels.get(v, v) for v in values)
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


class VersionedForm(forms.BaseForm):
    """Mixin (before the form class) for a form editing a `Versioned` record. A BaseForm
    itself, so it sits just above BaseForm whatever the form's other bases.

    A ModelForm with an instance finds its record itself; a plain form is given
    ``record=``. ``related=`` adds what the view edits beside the fields (formsets).
    """

    def __init__(self, *args, record=None, related: dict[str, Related] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if record is None and getattr(getattr(self, "instance", None), "pk", None):
            record = self.instance
        self.record = record
        self.related = related or {}
        self.conflict: Conflict | None = None
        if record is None:
            return
        self.fields["row_version"] = forms.IntegerField(
            widget=forms.HiddenInput, required=False, min_value=1, initial=record.row_version
        )
        # Computed when rendered, once the form's own __init__ has added all its fields.
        self.fields["row_base"] = forms.CharField(
            widget=forms.HiddenInput, required=False, initial=self._fingerprint
        )

    # ---- what is tracked ------------------------------------------------------------------

    def tracked_fields(self) -> list[str]:
        """Fields compared on a stale save: the visible ones that are not uploads."""
        return [
            name
            for name, formfield in self.fields.items()
            if not formfield.widget.is_hidden and not isinstance(formfield, forms.FileField)
        ]

    def _fingerprint(self) -> str:
        base = {name: _digest(shown_value(self[name])) for name in self.tracked_fields()}
        base.update({f"+{name}": _digest(item.value) for name, item in self.related.items()})
        return json.dumps(base, separators=(",", ":"))

    def _base(self) -> dict:
        try:
            base = json.loads(self.data.get(self.add_prefix("row_base")) or "{}")
        except (TypeError, ValueError):
            return {}
        return base if isinstance(base, dict) else {}

    # ---- validation -----------------------------------------------------------------------

    def clean(self):
        cleaned = super().clean()
        if self.record is not None and cleaned.get("row_version") is None:
            self.add_error(
                None,
                _(
                    "This form does not say which version of the record it started from. "
                    "Reload the page and make your changes again."
                ),
            )
        return cleaned

    @property
    def expected_version(self) -> int | None:
        return self.cleaned_data.get("row_version") if self.record is not None else None

    def changes(self) -> dict:
        """cleaned_data without the version fields, for the service."""
        return {k: v for k, v in self.cleaned_data.items() if k not in ("row_version", "row_base")}

    # ---- a stale save ---------------------------------------------------------------------

    def merge_into(
        self,
        fresh: "VersionedForm",
        *,
        error: StaleVersion | None = None,
        mine: dict[str, Related] | None = None,
    ) -> "VersionedForm":
        """`fresh` (unbound, for the current record) holding the merged values, with
        `fresh.conflict` saying what the other person changed. `mine` gives the related
        items as this submission has them; a related item only they changed is named in
        `conflict.taken`, so the view shows theirs."""
        base = self._base()
        fresh.initial["row_base"] = fresh._fingerprint()  # the current record, before merging
        conflict = Conflict()
        for name in self.tracked_fields():
            if name not in fresh.fields:
                continue
            theirs, ours = shown_value(fresh[name]), sent_value(self[name])
            known = name in base
            they_changed = _digest(theirs) != base[name] if known else theirs != ours
            we_changed = _digest(ours) != base[name] if known else True
            if they_changed and not we_changed:
                pass  # fresh already shows their value
            else:
                fresh.initial[name] = self[name].data
            if they_changed and theirs != ours:
                formfield = self.fields[name]
                conflict.rows.append(
                    ConflictRow(
                        label=str(formfield.label or name),
                        theirs=describe(formfield, theirs),
                        mine=describe(formfield, ours),
                        clash=we_changed,
                    )
                )
        for name, item in fresh.related.items():
            submitted = (mine or {}).get(name)
            if submitted is None:
                continue
            known = f"+{name}" in base
            they_changed = _digest(item.value) != base[f"+{name}"] if known else True
            we_changed = _digest(submitted.value) != base[f"+{name}"] if known else True
            if they_changed and not we_changed:
                conflict.taken.add(name)
            if they_changed and item.value != submitted.value:
                conflict.rows.append(
                    ConflictRow(
                        label=item.label, theirs=item.shown, mine=submitted.shown, clash=we_changed
                    )
                )
        fresh._bound_fields_cache.clear()  # the bound fields read the initial values above
        record = fresh.record
        if record is not None:
            conflict.by, conflict.at = _last_change(record)
        fresh.conflict = conflict
        return fresh


def _last_change(record) -> tuple[str, object]:
    """Who saved the record last and when, from the audit trail."""
    # accounts sits above core and imports it (a real cycle; the layer contract lists it).
    from imar.accounts.audit import events_for

    event = next(iter(events_for(record, limit=1)), None) if record.pk else None
    if event is None:
        return "", None
    actor = event.actor
    name = (actor.get_full_name() if actor is not None else "") or event.actor_name
    return name or str(gettext_lazy("the system")), event.at
