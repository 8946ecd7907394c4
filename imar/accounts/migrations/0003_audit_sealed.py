"""Keyed seals, a signed chain head, and triggers that refuse every rewrite.

- Events already stored keep their unkeyed SHA-256 seal (`seal = "sha256"`); the head
  records how many there are (`unkeyed_length`), under its keyed signature, so no later
  event can pass itself off as one of them. New events are sealed with HMAC-SHA256 under
  IMAR_AUDIT_KEY.
- The head is created if missing and signed.
- The roles and privileges in force today are written to the trail as a baseline, so that
  `imar audit verify` can tell a later change made outside the application.
- The triggers of imar/accounts/audit_guard.py replace the UPDATE-only trigger of 0002.

Not reversible: removing seals from a trail would make it unverifiable.
"""

from django.db import migrations, models

from imar.accounts import audit, audit_guard, audit_roles


def _drop_old_trigger(schema_editor):
    statements = {
        "sqlite": ["DROP TRIGGER IF EXISTS accounts_auditevent_no_update;"],
        "postgresql": [
            "DROP TRIGGER IF EXISTS accounts_auditevent_append_only ON accounts_auditevent;",
            "DROP FUNCTION IF EXISTS accounts_auditevent_append_only();",
        ],
    }
    for sql in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


def _baseline(apps):
    """One event per privileged user and per profile: what the trail vouches for from now on."""
    Event = apps.get_model("accounts", "AuditEvent")
    Head = apps.get_model("accounts", "AuditChainHead")
    Profile = apps.get_model("accounts", "Profile")
    User = apps.get_model(audit_roles.USER_LABEL)
    reason = "State when the audit trail began to follow roles and privileges."

    def record(action, object_type, object_id, object_repr, changes):
        audit.append(
            event_model=Event,
            head_model=Head,
            actor=None,
            actor_name="",
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            object_repr=object_repr[:300],
            changes=changes,
            reason=reason,
        )

    privileged = User.objects.filter(models.Q(is_superuser=True) | models.Q(is_staff=True))
    for user in privileged.order_by("pk"):
        changes = {name: [None, getattr(user, name)] for name in audit_roles.USER_PRIVILEGES}
        record("user.baseline", audit_roles.USER_LABEL, user.pk, user.username, changes)
    for profile in Profile.objects.select_related("user").order_by("pk"):
        changes = {
            "role": [None, profile.role],
            "organization": [None, profile.organization_id],
            "districts": [None, sorted(profile.districts.values_list("pk", flat=True))],
        }
        name = f"{profile.user.username} ({profile.role})"
        record("profile.baseline", "accounts.profile", profile.pk, name, changes)


def upgrade(apps, schema_editor):
    _drop_old_trigger(schema_editor)
    Event = apps.get_model("accounts", "AuditEvent")
    Head = apps.get_model("accounts", "AuditChainHead")
    head = Head.objects.filter(pk=audit.HEAD_ID).first()
    last = Event.objects.order_by("-sequence").first()
    if head is None and last is None:
        audit.new_head(Head)
    else:
        if head is None:  # events without a head: take the chain as it stands
            head = Head(pk=audit.HEAD_ID, length=last.sequence, last_hash=last.hash)
        head.unkeyed_length = head.length
        audit._sign_head(head, audit.keyring().current)
        head.save()
    _baseline(apps)


def guard(apps, schema_editor):
    audit_guard.install(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_audit_append_only")]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="seal",
            field=models.CharField(
                choices=[
                    ("sha256", "SHA-256 (unkeyed, before keyed sealing)"),
                    ("hmac-sha256", "HMAC-SHA256 under the audit key"),
                ],
                default="sha256",
                max_length=16,
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditevent",
            name="key_id",
            field=models.CharField(blank=True, max_length=12),
        ),
        migrations.AddField(
            model_name="auditchainhead",
            name="unkeyed_length",
            field=models.PositiveBigIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="auditchainhead",
            name="signature",
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AddField(
            model_name="auditchainhead",
            name="key_id",
            field=models.CharField(blank=True, max_length=12),
        ),
        migrations.AddConstraint(
            model_name="auditchainhead",
            constraint=models.CheckConstraint(
                condition=models.Q(("id", 1)), name="audit_head_single_row"
            ),
        ),
        migrations.RunPython(upgrade),
        migrations.RunPython(guard),
    ]
