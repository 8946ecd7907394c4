from django.db import models
from django.utils.translation import gettext_lazy as _


class JobState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")


# A job in one of these states holds its key: the same kind and arguments give it back.
LIVE_STATES = (JobState.QUEUED, JobState.RUNNING)
