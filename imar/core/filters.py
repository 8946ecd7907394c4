"""Filter helpers shared by list pages and the API."""

import django_filters
from django.utils.functional import lazy
from django.utils.translation import gettext


def _descending(label) -> str:
    return gettext("%s (descending)") % label


descending_label = lazy(_descending, str)


class OrderingFilter(django_filters.OrderingFilter):
    """django-filter's OrderingFilter, with its "(descending)" labels translated when shown
    rather than frozen in whatever language was active when the module was imported."""

    def build_choices(self, fields, labels):
        choices = []
        for field, param in fields.items():
            label = labels.get(field, param)
            choices += [(param, label), (f"-{param}", descending_label(label))]
        return choices
