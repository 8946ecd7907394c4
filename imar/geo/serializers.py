"""API shapes of Libya's regions, districts and municipalities."""

from rest_framework import serializers

from imar.geo.models import District, Municipality, Region


class RegionOutputSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True, help_text="The name in the active language.")
    url = serializers.HyperlinkedIdentityField(view_name="region-detail", lookup_field="code")

    class Meta:
        model = Region
        fields = ["code", "name_ar", "name_en", "name", "url"]


class RegionRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["code", "name_ar", "name_en"]


class DistrictOutputSerializer(serializers.ModelSerializer):
    """A district; `geometry` (GeoJSON) only when the request asks `?include=geometry`."""

    name = serializers.CharField(read_only=True, help_text="The name in the active language.")
    region = RegionRefSerializer(read_only=True)
    geometry = serializers.JSONField(
        required=False,
        allow_null=True,
        help_text="Simplified boundary as a GeoJSON geometry; only with ?include=geometry.",
    )
    url = serializers.HyperlinkedIdentityField(view_name="district-detail", lookup_field="iso_code")

    class Meta:
        model = District
        fields = [
            "iso_code",
            "pcode",
            "name_ar",
            "name_en",
            "name",
            "region",
            "latitude",
            "longitude",
            "population",
            "geometry",
            "url",
        ]

    def get_fields(self):
        fields = super().get_fields()
        if self.context.get("include_geometry") is False:
            # The view defers the column too: touching it would cost a query per row.
            fields.pop("geometry")
        return fields


class DistrictRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = District
        fields = ["iso_code", "pcode", "name_ar", "name_en"]


class MunicipalityRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Municipality
        fields = ["pcode", "name_ar", "name_en"]


class MunicipalityOutputSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True, help_text="The name in the active language.")
    district = DistrictRefSerializer(read_only=True)
    region = RegionRefSerializer(read_only=True, source="district.region")
    location_approximate = serializers.BooleanField(
        source="location_is_approximate",
        read_only=True,
        help_text="True when the point is the district's, not the town's own.",
    )
    url = serializers.HyperlinkedIdentityField(
        view_name="municipality-detail", lookup_field="pcode"
    )

    class Meta:
        model = Municipality
        fields = [
            "pcode",
            "name_ar",
            "name_en",
            "name",
            "district",
            "region",
            "latitude",
            "longitude",
            "location_approximate",
            "population",
            "url",
        ]
