"""The queue's own rows stay out of the admin.

django-tasks-db registers an admin for its task results, where a row could be edited or
deleted behind the Job record's back (a "succeeded" job whose result was rewritten). The jobs
are read on the operator page (/operations/jobs/) and changed only by the worker.
"""

from django.contrib import admin
from django_tasks_db.models import DBTaskResult

if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)
