"""Output of /api/v1/aid/activities/: the fields the issue names, exactly."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from imar.aid import selectors
from imar.aid.public import public_links


class DonorReportingOrgSerializer(serializers.Serializer):
    ref = serializers.CharField()
    name = serializers.CharField()


class DonorDistrictSerializer(serializers.Serializer):
    iso_code = serializers.CharField()
    pcode = serializers.CharField()
    name_en = serializers.CharField()
    name_ar = serializers.CharField()


TOTALS = {
    "type": "object",
    "description": "{transaction type code: {currency: total as a decimal string}}",
    "additionalProperties": {"type": "object", "additionalProperties": {"type": "string"}},
}


class DonorActivitySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    iati_identifier = serializers.CharField()
    reporting_org = serializers.SerializerMethodField()
    title = serializers.CharField()
    status = serializers.CharField()
    districts = DonorDistrictSerializer(many=True)
    transaction_totals = serializers.SerializerMethodField()
    last_updated = serializers.DateTimeField(allow_null=True)
    linked = serializers.BooleanField(source="is_linked")

    @extend_schema_field(DonorReportingOrgSerializer)
    def get_reporting_org(self, activity) -> dict:
        return {"ref": activity.reporting_org_ref, "name": activity.reporting_org_name}

    @extend_schema_field(TOTALS)
    def get_transaction_totals(self, activity) -> dict:
        return selectors.transaction_totals(activity)


class DonorTransactionSerializer(serializers.Serializer):
    type_code = serializers.CharField()
    date = serializers.DateField(allow_null=True)
    value = serializers.DecimalField(max_digits=20, decimal_places=2, coerce_to_string=True)
    currency = serializers.CharField()
    value_date = serializers.DateField(allow_null=True)
    provider_ref = serializers.CharField()
    provider_name = serializers.CharField()
    receiver_ref = serializers.CharField()
    receiver_name = serializers.CharField()
    recipient_country = serializers.CharField()


class DonorLinkSerializer(serializers.Serializer):
    project_code = serializers.CharField(source="project.code")
    status = serializers.CharField()
    score = serializers.FloatField()
    reasons = serializers.JSONField()
    counting = serializers.JSONField()


class DonorActivityDetailSerializer(DonorActivitySerializer):
    titles = serializers.JSONField()
    descriptions = serializers.JSONField()
    sectors = serializers.JSONField()
    recipient_countries = serializers.JSONField()
    locations = serializers.JSONField()
    participating_orgs = serializers.JSONField()
    budgets = serializers.JSONField()
    results = serializers.JSONField()
    documents = serializers.JSONField()
    humanitarian = serializers.BooleanField()
    start_date = serializers.DateField(allow_null=True)
    end_date = serializers.DateField(allow_null=True)
    transactions = DonorTransactionSerializer(many=True)
    links = serializers.SerializerMethodField()

    @extend_schema_field(DonorLinkSerializer(many=True))
    def get_links(self, activity) -> list:
        from imar.accounts.permissions import is_staff_member, visible_related
        from imar.aid.enums import LinkStatus

        request = self.context.get("request")
        links = activity.links.select_related("project")
        if request is not None and is_staff_member(request.user):
            # Staff see suggested and confirmed links, to projects they may read only.
            links = visible_related(request.user, links).exclude(status=LinkStatus.REJECTED)
        else:
            links = public_links(links)
        return DonorLinkSerializer(links, many=True).data
