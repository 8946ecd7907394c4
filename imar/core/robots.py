"""/robots.txt: search engines may index the public pages, not the staff areas or sign-in.

Also the cheapest page the site serves (no database, no template), which the load test
(`bench/load/`) uses as its baseline: the ratio of every other page's throughput to it.
"""

from django.http import HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

# The staff areas, at the Arabic (unprefixed) address and under any language prefix.
STAFF_AREAS = [
    "accounts",
    "admin",
    "portfolio",
    "needs",
    "partners",
    "forum/organize",
    "aid",
    "procurement",
    "operations",
    "jobs",
]


@require_safe
@cache_control(public=True, max_age=86400)
def robots_txt(request):
    lines = ["User-agent: *"]
    for area in STAFF_AREAS:
        lines += [f"Disallow: /{area}/", f"Disallow: /*/{area}/"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
