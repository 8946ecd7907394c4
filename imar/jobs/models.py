"""A background job as the fund sees it: what, for whom, how far, how it ended.

The queue (Django's Tasks API: the database backend embedded, RQ on Redis in production)
only carries the job's id; this record is the truth every page, the API and the operator
page read, whichever backend ran it.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from imar.jobs.enums import LIVE_STATES, JobState


class Job(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=100, db_index=True)
    arguments = models.JSONField(_("arguments"), default=dict, blank=True)
    # sha256 of kind and arguments: one live job per key (idempotent enqueueing).
    key = models.CharField(max_length=64, db_index=True)
    state = models.CharField(
        _("state"), max_length=10, choices=JobState.choices, default=JobState.QUEUED
    )
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(null=True, blank=True)
    progress_message = models.CharField(max_length=200, blank=True)
    result = models.JSONField(null=True, blank=True)
    # Why it failed, as a code and its parameters, worded in the reader's language on display.
    error_code = models.CharField(max_length=60, blank=True)
    error_params = models.JSONField(default=dict, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    max_attempts = models.PositiveSmallIntegerField(default=3)
    worker = models.CharField(max_length=120, blank=True)
    # The queue backend's own id of the last attempt (django-tasks' TaskResult.id).
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        constraints = [
            models.UniqueConstraint(
                fields=["key"],
                condition=Q(state__in=[s.value for s in LIVE_STATES]),
                name="jobs_one_live_job_per_key",
            )
        ]
        indexes = [models.Index(fields=["state", "heartbeat_at"], name="jobs_state_heartbeat")]

    def __str__(self) -> str:
        return f"{self.kind} {self.id}"

    @property
    def is_finished(self) -> bool:
        return self.state in (JobState.SUCCEEDED, JobState.FAILED)

    @property
    def failure(self) -> str:
        """Why it failed, in the active language ("" unless failed)."""
        from imar.jobs.registry import failure_text

        return failure_text(self.error_code, self.error_params) if self.error_code else ""

    @property
    def label(self) -> str:
        from imar.jobs.registry import get

        spec = get(self.kind)
        return str(spec.label) if spec else self.kind

    @property
    def percent(self) -> int | None:
        if not self.progress_total:
            return 100 if self.state == JobState.SUCCEEDED else None
        return min(100, round(100 * self.progress_done / self.progress_total))


class Schedule(models.Model):
    """A periodic job the worker starts itself (no cron): when it last ran and runs next."""

    kind = models.CharField(_("kind"), max_length=100, primary_key=True)
    last_run_at = models.DateTimeField(_("last run"), null=True, blank=True)
    next_run_at = models.DateTimeField(_("next run"), null=True, blank=True)
    last_job = models.ForeignKey(
        Job, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["next_run_at"]
        verbose_name = _("periodic job")
        verbose_name_plural = _("periodic jobs")

    def __str__(self) -> str:
        return self.kind
