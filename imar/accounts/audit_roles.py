"""Role and privilege changes go to the audit trail, whatever path makes them.

Signals, not services, because Django itself changes these (the admin's user and group
forms, `createsuperuser`) as well as our code: a profile's role, organization and
districts; a user's superuser, staff and active flags, groups and permissions. The actor
is the one named by `audit.acting_as` (the admin sets it), else nobody (a script).
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from imar.accounts.audit import record_event
from imar.accounts.models import Profile

USER_LABEL = settings.AUTH_USER_MODEL.lower()
USER_PRIVILEGES = ("is_superuser", "is_staff", "is_active")
PROFILE_FIELDS = ("role", "organization_id")
_BEFORE = "_audit_before"


def _values(instance, names) -> dict:
    return {name: getattr(instance, name) for name in names}


def _changed(before: dict, after: dict) -> dict:
    return {
        name.removesuffix("_id"): [before[name], value]
        for name, value in after.items()
        if before[name] != value
    }


def _remember(model, names):
    def handler(sender, instance, update_fields=None, raw=False, **kwargs):
        if raw or instance.pk is None:
            return
        if update_fields is not None and not set(update_fields) & {
            n.removesuffix("_id") for n in names
        }:
            return
        before = model.objects.filter(pk=instance.pk).values(*names).first()
        setattr(instance, _BEFORE, before)

    return handler


def _user_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    after = _values(instance, USER_PRIVILEGES)
    if created:
        if instance.is_superuser or instance.is_staff:
            record_event(
                action="user.create",
                instance=instance,
                changes={name: [None, value] for name, value in after.items()},
            )
        return
    before = instance.__dict__.pop(_BEFORE, None)
    changes = _changed(before, after) if before else {}
    if changes:
        record_event(action="user.update", instance=instance, changes=changes)


def _user_deleted(sender, instance, **kwargs):
    if instance.is_superuser or instance.is_staff:
        record_event(action="user.delete", instance=instance, changes={})


def _profile_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    after = _values(instance, PROFILE_FIELDS)
    if created:
        changes = {name.removesuffix("_id"): [None, v] for name, v in after.items()}
        record_event(action="profile.create", instance=instance, changes=changes)
        return
    before = instance.__dict__.pop(_BEFORE, None)
    changes = _changed(before, after) if before else {}
    if changes:
        record_event(action="profile.update", instance=instance, changes=changes)


def _profile_deleted(sender, instance, **kwargs):
    record_event(
        action="profile.delete",
        instance=instance,
        changes={"role": [instance.role, None]},
    )


@dataclass(frozen=True)
class _Relation:
    """A many-to-many relation of `owner` whose members are written as `labels` paths."""

    owner: type
    field: str
    owner_column: str
    target_column: str
    labels: tuple[str, ...]

    @property
    def through(self):
        return getattr(self.owner, self.field).through

    def state(self, owner_ids) -> dict:
        state = {owner_id: [] for owner_id in owner_ids}
        rows = self.through.objects.filter(**{f"{self.owner_column}__in": owner_ids})
        for owner_id, *label in rows.values_list(self.owner_column, *self.labels):
            state[owner_id].append(".".join(map(str, label)) if len(label) > 1 else label[0])
        return {owner_id: sorted(values) for owner_id, values in state.items()}

    def owners(self, instance, reverse: bool, pk_set) -> set:
        if not reverse:
            return {instance.pk}
        if pk_set is not None:
            return set(pk_set)
        rows = self.through.objects.filter(**{self.target_column: instance.pk})
        return set(rows.values_list(self.owner_column, flat=True))

    def changed(self, sender, instance, action: str, reverse: bool, pk_set, **kwargs):
        if action.startswith("pre_"):
            owner_ids = self.owners(instance, reverse, pk_set)
            instance.__dict__.setdefault(_BEFORE + "_m2m", {})[self.field] = (
                owner_ids,
                self.state(owner_ids),
            )
            return
        owner_ids, before = instance.__dict__.get(_BEFORE + "_m2m", {}).pop(self.field, (set(), {}))
        after = self.state(owner_ids)
        for owner in self.owner.objects.filter(pk__in=owner_ids).order_by("pk"):
            old, new = before.get(owner.pk, []), after.get(owner.pk, [])
            if old != new:
                record_event(
                    action=f"{self.owner._meta.model_name}.update",
                    instance=owner,
                    changes={self.field: [old, new]},
                )


def relations() -> list[_Relation]:
    User = get_user_model()
    return [
        _Relation(Profile, "districts", "profile_id", "district_id", ("district_id",)),
        _Relation(User, "groups", "user_id", "group_id", ("group__name",)),
        _Relation(
            User,
            "user_permissions",
            "user_id",
            "permission_id",
            ("permission__content_type__app_label", "permission__codename"),
        ),
        _Relation(
            Group,
            "permissions",
            "group_id",
            "permission_id",
            ("permission__content_type__app_label", "permission__codename"),
        ),
    ]


def connect() -> None:
    User = get_user_model()
    pre_save.connect(
        _remember(User, USER_PRIVILEGES), sender=User, weak=False, dispatch_uid="audit_user_pre"
    )
    post_save.connect(_user_saved, sender=User, dispatch_uid="audit_user_post")
    post_delete.connect(_user_deleted, sender=User, dispatch_uid="audit_user_delete")
    pre_save.connect(
        _remember(Profile, PROFILE_FIELDS),
        sender=Profile,
        weak=False,
        dispatch_uid="audit_profile_pre",
    )
    post_save.connect(_profile_saved, sender=Profile, dispatch_uid="audit_profile_post")
    post_delete.connect(_profile_deleted, sender=Profile, dispatch_uid="audit_profile_delete")
    for relation in relations():
        m2m_changed.connect(
            relation.changed,
            sender=relation.through,
            weak=False,
            dispatch_uid=f"audit_{relation.through._meta.label}",
        )
