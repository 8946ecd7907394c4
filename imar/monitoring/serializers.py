"""API shapes of monitoring: output serializers read models; input ones parse for services."""

from rest_framework import serializers

from imar.accounts.staff_fields import StaffFieldsMixin
from imar.core.money import Currency
from imar.core.versioning_api import VersionField
from imar.monitoring.models import (
    Milestone,
    ProgressReport,
    ReportPhoto,
    Risk,
    RiskCategory,
    RiskStatus,
    Transaction,
    TransactionKind,
)
from imar.portfolio.models import ExchangeRate


class MilestoneSerializer(StaffFieldsMixin, serializers.ModelSerializer):
    """A milestone; its `evidence` is internal (staff only)."""

    project = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Milestone
        staff_fields = ["evidence"]
        fields = [
            "id",
            "project",
            "name_ar",
            "name_en",
            "planned_date",
            "weight",
            "actual_date",
            "evidence",
        ]


class MilestoneInputSerializer(serializers.Serializer):
    project = serializers.CharField(help_text="Project code.")
    name_ar = serializers.CharField(max_length=255)
    name_en = serializers.CharField(max_length=255)
    planned_date = serializers.DateField()
    weight = serializers.DecimalField(max_digits=7, decimal_places=3)
    actual_date = serializers.DateField(required=False, allow_null=True)
    evidence = serializers.CharField(required=False, allow_blank=True)


class PhotoSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="The public copy: resized, no metadata.")

    class Meta:
        model = ReportPhoto
        fields = ["id", "caption", "caption_en", "url"]

    def get_url(self, photo) -> str:
        request = self.context.get("request")
        url = photo.public_image.url if photo.public_image else ""
        return request.build_absolute_uri(url) if request and url else url


class ReportSerializer(StaffFieldsMixin, serializers.ModelSerializer):
    """A progress report; the public reads verified reports without the staff-only fields."""

    project = serializers.SlugRelatedField(slug_field="code", read_only=True)
    photos = PhotoSerializer(many=True, read_only=True)

    class Meta:
        model = ProgressReport
        staff_fields = ["progress_note", "status", "return_reason", "submitted_at", "client_token"]
        fields = [
            "id",
            "project",
            "report_date",
            "physical_percent",
            "progress_note",
            "narrative_ar",
            "narrative_en",
            "status",
            "return_reason",
            "submitted_at",
            "verified_at",
            "client_token",
            "photos",
        ]


class PublicReportSerializer(ReportSerializer):
    """What anyone may read of a verified report of a public project (no geotag, no notes)."""

    class Meta(ReportSerializer.Meta):
        staff_fields = []
        fields = [
            "id",
            "project",
            "report_date",
            "physical_percent",
            "narrative_ar",
            "narrative_en",
            "verified_at",
            "photos",
        ]


class ReportInputSerializer(serializers.Serializer):
    project = serializers.CharField(help_text="Project code.")
    client_token = serializers.UUIDField(
        help_text="Chosen by the client before the first attempt; a retry with the same "
        "token returns the report already saved (200) instead of creating another."
    )
    report_date = serializers.DateField()
    physical_percent = serializers.DecimalField(max_digits=6, decimal_places=2)
    progress_note = serializers.CharField(required=False, allow_blank=True, default="")
    narrative_ar = serializers.CharField(required=False, allow_blank=True, default="")
    narrative_en = serializers.CharField(required=False, allow_blank=True, default="")
    latitude = serializers.FloatField(required=False, allow_null=True, default=None)
    longitude = serializers.FloatField(required=False, allow_null=True, default=None)
    submit = serializers.BooleanField(default=True)
    # Files, not ImageField: the service measures each image before anything decodes it, and
    # names the photo and the cap when it refuses one.
    photos = serializers.ListField(
        child=serializers.FileField(help_text="A JPEG or PNG photo."),
        required=False,
        default=list,
        max_length=10,
    )
    captions = serializers.ListField(
        child=serializers.CharField(allow_blank=True, max_length=300),
        required=False,
        default=list,
    )


class ReturnInputSerializer(serializers.Serializer):
    # Blank reaches the service, which names `return_reason` in its refusal.
    reason = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="What the author should correct."
    )


class TransactionSerializer(serializers.ModelSerializer):
    project = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Transaction
        fields = [
            "id",
            "project",
            "kind",
            "date",
            "amount",
            "currency",
            "amount_lyd",
            "provider",
            "receiver",
            "reference",
            "override_reason",
            "created_at",
        ]


class TransactionInputSerializer(serializers.Serializer):
    project = serializers.CharField(help_text="Project code.")
    kind = serializers.ChoiceField(choices=TransactionKind.choices)
    date = serializers.DateField()
    amount = serializers.CharField(help_text="A positive decimal with at most 2 places.")
    currency = serializers.CharField(help_text=f"One of {', '.join(Currency.values)}.")
    provider = serializers.IntegerField(required=False, allow_null=True, default=None)
    receiver = serializers.IntegerField(required=False, allow_null=True, default=None)
    reference = serializers.CharField(required=False, allow_blank=True, default="")
    override_reason = serializers.CharField(required=False, allow_blank=True, default="")


class RiskSerializer(serializers.ModelSerializer):
    project = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Risk
        fields = [
            "id",
            "project",
            "category",
            "description_ar",
            "description_en",
            "likelihood",
            "impact",
            "mitigation",
            "mitigation_en",
            "owner",
            "owner_en",
            "status",
            "row_version",
        ]


class RiskInputSerializer(serializers.Serializer):
    project = serializers.CharField(help_text="Project code.")
    category = serializers.ChoiceField(choices=RiskCategory.choices)
    description_ar = serializers.CharField(required=False, allow_blank=True, default="")
    description_en = serializers.CharField(required=False, allow_blank=True, default="")
    likelihood = serializers.IntegerField()
    impact = serializers.IntegerField()
    mitigation = serializers.CharField(required=False, allow_blank=True, default="")
    owner = serializers.CharField(required=False, allow_blank=True, default="")
    status = serializers.ChoiceField(choices=RiskStatus.choices, default=RiskStatus.OPEN)


class RiskUpdateSerializer(serializers.Serializer):
    category = serializers.ChoiceField(choices=RiskCategory.choices, required=False)
    description_ar = serializers.CharField(required=False, allow_blank=True)
    description_en = serializers.CharField(required=False, allow_blank=True)
    likelihood = serializers.IntegerField(required=False)
    impact = serializers.IntegerField(required=False)
    mitigation = serializers.CharField(required=False, allow_blank=True)
    owner = serializers.CharField(required=False, allow_blank=True)
    status = serializers.ChoiceField(choices=RiskStatus.choices, required=False)
    row_version = VersionField(required=False)


class ExchangeRateSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExchangeRate
        fields = ["id", "currency", "date", "rate_to_lyd"]


class GroupFiguresSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    projects = serializers.IntegerField()
    budget = serializers.DecimalField(max_digits=20, decimal_places=2, allow_null=True)
    committed = serializers.DecimalField(max_digits=20, decimal_places=2, allow_null=True)
    disbursed = serializers.DecimalField(max_digits=20, decimal_places=2, allow_null=True)
    spent = serializers.DecimalField(max_digits=20, decimal_places=2, allow_null=True)
    percent_complete = serializers.DecimalField(max_digits=9, decimal_places=1, allow_null=True)
    percent_planned = serializers.DecimalField(max_digits=9, decimal_places=1, allow_null=True)
    spi = serializers.DecimalField(max_digits=12, decimal_places=3, allow_null=True)
    cpi = serializers.DecimalField(max_digits=12, decimal_places=3, allow_null=True)


class BucketSerializer(serializers.Serializer):
    label = serializers.CharField()
    count = serializers.IntegerField()


class StatusCountSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class DashboardSerializer(serializers.Serializer):
    currency = serializers.CharField()
    totals = GroupFiguresSerializer()
    statuses = StatusCountSerializer(many=True)
    by_district = GroupFiguresSerializer(many=True)
    by_sector = GroupFiguresSerializer(many=True)
    spi_buckets = BucketSerializer(many=True)
    cpi_buckets = BucketSerializer(many=True)
