"""GET /api/v1/jobs/<id>/: a job's state, progress, result or translated failure."""

from django.core.exceptions import ValidationError
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import permissions as drf_permissions
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from imar.jobs import selectors
from imar.jobs.models import Job


class JobDetail(APIView):
    permission_classes = [drf_permissions.IsAuthenticated]

    @extend_schema(responses=OpenApiTypes.OBJECT, summary="A background job's state")
    def get(self, request, id):
        try:
            job = selectors.fresh_job(id)
        except (Job.DoesNotExist, ValidationError):
            raise NotFound from None
        if not selectors.can_see_job(request.user, job):
            raise PermissionDenied
        return Response(selectors.job_dict(job))


def register(router) -> None:
    pass


urlpatterns = [path("jobs/<uuid:id>/", JobDetail.as_view(), name="api-job-detail")]
