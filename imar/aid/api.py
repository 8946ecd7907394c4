"""/api/v1/aid/activities/ (list, filters) and /api/v1/aid/activities/{id}/ (detail with
transactions and links). Anyone reads what `aid/public.py` lets through; staff read all."""

from rest_framework import viewsets

from imar.accounts import permissions as perms
from imar.aid import selectors
from imar.aid.filters import ActivityFilterSet
from imar.aid.serializers import DonorActivityDetailSerializer, DonorActivitySerializer


class ActivityViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [perms.StaffWriteOrReadOnly]
    filterset_class = ActivityFilterSet

    def get_queryset(self):
        public = not perms.is_staff_member(self.request.user)
        queryset = selectors.activities(public=public).prefetch_related("transactions")
        return queryset.order_by("iati_identifier")

    def get_serializer_class(self):
        return (
            DonorActivityDetailSerializer if self.action == "retrieve" else DonorActivitySerializer
        )


def register(router) -> None:
    router.register("aid/activities", ActivityViewSet, basename="aid-activity")
