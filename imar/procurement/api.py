"""/api/v1/procurement/processes/ (staff: the processes they may see, filtered like the
contracts register) and /api/v1/procurement/processes/{id}/ (with bids, award, contract,
amendments and the red flags explained). The public reads the OCDS download instead."""

from rest_framework import serializers, viewsets

from imar.accounts import permissions as perms
from imar.procurement import reasons, selectors
from imar.procurement.enums import Method
from imar.procurement.flags import CODES
from imar.procurement.models import Amendment, Bid, Process


class BidSerializer(serializers.ModelSerializer):
    bidder = serializers.CharField(source="bidder.name_en")

    class Meta:
        model = Bid
        fields = ["id", "bidder", "value", "currency", "received_at", "status", "status_reason"]


class AmendmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Amendment
        fields = ["date", "value_before", "value_after", "end_before", "end_after", "reason"]


class ProcessSerializer(serializers.ModelSerializer):
    project = serializers.CharField(source="project.code")
    procuring_entity = serializers.CharField(source="procuring_entity.name_en")
    contractor = serializers.SerializerMethodField()
    contract_value = serializers.SerializerMethodField()
    red_flags = serializers.SerializerMethodField()

    class Meta:
        model = Process
        fields = [
            "id", "ocid", "project", "lot", "status", "method", "method_justification", "year",
            "budget_line", "estimated_value", "currency", "title_ar", "title_en",
            "procuring_entity", "tender_start", "tender_end", "contractor", "contract_value",
            "red_flags", "row_version",
        ]  # fmt: skip

    def _contract(self, process):
        return getattr(process, "contract", None)

    def get_contractor(self, process):
        contract = self._contract(process)
        return contract.contractor.name_en if contract else None

    def get_contract_value(self, process):
        contract = self._contract(process)
        return str(contract.value) if contract else None

    def get_red_flags(self, process):
        flags = self.context.get("flags", {}).get(process.pk, [])
        return [
            {"code": f.code, "title": str(reasons.title(f.code)), "text": reasons.explain(f)}
            for f in flags
        ]


class ProcessDetailSerializer(ProcessSerializer):
    bids = BidSerializer(many=True, read_only=True)
    amendments = serializers.SerializerMethodField()

    class Meta(ProcessSerializer.Meta):
        fields = [*ProcessSerializer.Meta.fields, "bids", "amendments"]

    def get_amendments(self, process):
        contract = self._contract(process)
        return AmendmentSerializer(contract.amendments.all(), many=True).data if contract else []


class ProcessViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [perms.StaffReadEditorsWrite]
    filterset_class = None

    def get_queryset(self):
        processes = selectors.visible_processes(self.request.user).order_by("-year", "ocid")
        params = self.request.query_params
        if params.get("method") in Method.values:
            processes = processes.filter(method=params["method"])
        if params.get("status"):
            processes = processes.filter(status=params["status"])
        if params.get("contractor", "").isdigit():
            processes = processes.filter(contract__contractor_id=int(params["contractor"]))
        if params.get("district", "").isdigit():
            processes = processes.filter(project__municipality__district_id=int(params["district"]))
        if params.get("sector"):
            processes = processes.filter(project__sector=params["sector"])
        flag = params.get("flag")
        if flag in CODES:
            found = selectors.flags_by_process(processes)
            flagged = [pk for pk, flags in found.items() if any(f.code == flag for f in flags)]
            processes = processes.filter(pk__in=flagged)
        return processes

    def get_serializer_class(self):
        return ProcessDetailSerializer if self.action == "retrieve" else ProcessSerializer

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        self._flags = selectors.flags_by_process(page if page is not None else queryset)
        return page

    def retrieve(self, request, *args, **kwargs):
        self._flags = selectors.flags_by_process([self.get_object()])
        return super().retrieve(request, *args, **kwargs)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "flags": getattr(self, "_flags", {})}


def register(router) -> None:
    router.register("procurement/processes", ProcessViewSet, basename="procurement-process")
