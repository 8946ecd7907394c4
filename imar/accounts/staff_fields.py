"""Output serializers with fields that only staff members read."""

from imar.accounts.permissions import is_staff_member


class StaffFieldsMixin:
    """An output serializer whose `Meta.staff_fields` only staff members read.

    The public gets the same shape without them; the schema lists them as optional, so one
    documented shape fits both answers (and a new staff field cannot reach the public by
    being forgotten in a second serializer).
    """

    def get_fields(self):
        fields = super().get_fields()
        for name in self.Meta.staff_fields:
            # Output only: not read-only, so the schema does not list the field as required.
            fields[name].read_only = False
            fields[name].required = False
        return fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is None or not is_staff_member(request.user):
            for name in self.Meta.staff_fields:
                data.pop(name, None)
        return data
