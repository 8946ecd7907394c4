"""The API documentation page (Swagger UI from drf-spectacular-sidecar) under the site's CSP.

drf-spectacular's default page inlines its init script and a style block, which a policy
without 'unsafe-inline' refuses. The split view serves the init script from this same address
at ?script; our template moves the style block to core/api_docs.css.
"""

from drf_spectacular.views import SpectacularSwaggerSplitView


class ApiDocsView(SpectacularSwaggerSplitView):
    template_name = "core/api_docs.html"
