"""Gunicorn's configuration when `imar serve` starts it: every option from settings
(imar.core.serving.gunicorn_options), read before any worker loads Django's apps."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "imar.settings")

from django.conf import settings  # noqa: E402 - the settings module needs the variable above

from imar.core.serving import child_exit, gunicorn_options  # noqa: E402

globals().update(gunicorn_options(settings))

__all__ = ["child_exit"]
