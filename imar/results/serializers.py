"""API input and output of results. The public reads the Public* shapes: no reporter,
approver, return reason, upload token or private evidence."""

from rest_framework import serializers

from imar.results.enums import Dimension
from imar.results.models import (
    Indicator,
    IndicatorPeriod,
    PeriodDisaggregation,
    PeriodEvidence,
    StandardIndicator,
)

VALUE = {"max_digits": 16, "decimal_places": 2, "required": False, "allow_null": True}


class StandardSerializer(serializers.ModelSerializer):
    class Meta:
        model = StandardIndicator
        fields = [
            "code",
            "name_ar",
            "name_en",
            "unit",
            "measure",
            "result_type",
            "damage_sector",
            "iati_vocabulary",
            "iati_code",
        ]


class IndicatorSerializer(serializers.ModelSerializer):
    project = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    program = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    standard = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Indicator
        fields = [
            "id",
            "project",
            "program",
            "standard",
            "result_type",
            "title_ar",
            "title_en",
            "unit",
            "measure",
            "baseline_value",
            "baseline_date",
            "baseline_source",
            "row_version",
        ]


class IndicatorInputSerializer(serializers.Serializer):
    project = serializers.CharField(required=False, allow_blank=True, help_text="Project code.")
    program = serializers.CharField(required=False, allow_blank=True, help_text="Program code.")
    standard = serializers.CharField(
        required=False, allow_blank=True, help_text="Code of a standard indicator."
    )
    title_ar = serializers.CharField(required=False, allow_blank=True, max_length=300)
    title_en = serializers.CharField(required=False, allow_blank=True, max_length=300)
    unit = serializers.CharField(required=False, allow_blank=True, max_length=20)
    measure = serializers.CharField(required=False, allow_blank=True, max_length=12)
    result_type = serializers.CharField(required=False, allow_blank=True, max_length=2)
    baseline_value = serializers.DecimalField(**VALUE)
    baseline_date = serializers.DateField(required=False, allow_null=True)
    baseline_source = serializers.CharField(required=False, allow_blank=True, max_length=300)


class DisaggregationSerializer(serializers.ModelSerializer):
    class Meta:
        model = PeriodDisaggregation
        fields = ["dimension", "category", "value"]


class EvidenceSerializer(serializers.ModelSerializer):
    """A photo's public copy (resized, no EXIF); documents and originals stay private."""

    class Meta:
        model = PeriodEvidence
        fields = ["id", "kind", "caption", "public_image"]


class PublicPeriodSerializer(serializers.ModelSerializer):
    indicator = serializers.PrimaryKeyRelatedField(read_only=True)
    actual_percent = serializers.SerializerMethodField()
    disaggregations = DisaggregationSerializer(many=True, read_only=True)
    evidence = serializers.SerializerMethodField()

    class Meta:
        model = IndicatorPeriod
        fields = [
            "id",
            "indicator",
            "period_start",
            "period_end",
            "target_value",
            "actual_value",
            "actual_numerator",
            "actual_denominator",
            "actual_percent",
            "narrative_ar",
            "narrative_en",
            "approved_at",
            "disaggregations",
            "evidence",
        ]

    def get_actual_percent(self, period) -> float | None:
        if period.actual_numerator is None or not period.actual_denominator:
            return None
        return float(round(period.actual_numerator * 100 / period.actual_denominator, 2))

    def get_evidence(self, period) -> list[dict]:
        photos = [e for e in period.evidence.all() if e.kind == "photo" and e.public_image]
        return EvidenceSerializer(photos, many=True, context=self.context).data


class PeriodSerializer(PublicPeriodSerializer):
    """The staff shape: the workflow's fields too."""

    reported_by = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )
    approved_by = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )

    class Meta(PublicPeriodSerializer.Meta):
        fields = [
            *PublicPeriodSerializer.Meta.fields,
            "status",
            "return_reason",
            "reported_by",
            "submitted_at",
            "approved_by",
            "client_token",
            "row_version",
        ]

    def get_evidence(self, period) -> list[dict]:
        return EvidenceSerializer(period.evidence.all(), many=True, context=self.context).data


class BreakdownInputSerializer(serializers.Serializer):
    dimension = serializers.ChoiceField(choices=Dimension.choices)
    category = serializers.CharField(max_length=20)
    value = serializers.DecimalField(max_digits=16, decimal_places=2)


class PeriodInputSerializer(serializers.Serializer):
    """A field report of one period (multipart with photos, or JSON without)."""

    indicator = serializers.IntegerField()
    client_token = serializers.UUIDField(
        help_text="Chosen by the client before the first attempt; a retry with the same "
        "token returns the period already saved (200) instead of creating another."
    )
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    actual_value = serializers.DecimalField(**VALUE)
    actual_numerator = serializers.DecimalField(**VALUE)
    actual_denominator = serializers.DecimalField(**VALUE)
    target_value = serializers.DecimalField(**VALUE)
    narrative_ar = serializers.CharField(required=False, allow_blank=True, default="")
    narrative_en = serializers.CharField(required=False, allow_blank=True, default="")
    disaggregations = BreakdownInputSerializer(many=True, required=False, default=list)
    submit = serializers.BooleanField(default=True)
    photos = serializers.ListField(
        child=serializers.FileField(help_text="A JPEG or PNG photo."),
        required=False,
        default=list,
        max_length=6,
    )
    captions = serializers.ListField(
        child=serializers.CharField(allow_blank=True, max_length=300),
        required=False,
        default=list,
        max_length=6,
    )


class PeriodPlanSerializer(serializers.Serializer):
    indicator = serializers.IntegerField()
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    target_value = serializers.DecimalField(**VALUE)


class PeriodReturnInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class RollupRowSerializer(serializers.Serializer):
    group = serializers.CharField(help_text="Program code, district ISO code, sector; '' fund.")
    label = serializers.CharField()
    standard = serializers.CharField()
    measure = serializers.CharField()
    actual = serializers.DecimalField(max_digits=20, decimal_places=2)
    target = serializers.DecimalField(max_digits=20, decimal_places=2, allow_null=True)
    percent_of_target = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    damaged = serializers.DecimalField(max_digits=20, decimal_places=2, allow_null=True)
    answered = serializers.DecimalField(max_digits=20, decimal_places=2, allow_null=True)
    percent_of_damage = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    indicators = serializers.IntegerField()
    approved_periods = serializers.IntegerField()
