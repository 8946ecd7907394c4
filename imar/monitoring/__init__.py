"""Implementation monitoring: milestones, progress reports and photos, money flows, risks,
the per-project figures and the alerts and dashboards built on them.

It sits beside the project registry (imar.portfolio) and above it: monitoring imports
portfolio, never the reverse; it fills the registry's hooks (imar.portfolio.extensions).
Modules: `models/`; write services per idea (`reports`, `money`, `milestones`, `risks`,
`photos`); reads in `selectors`, `figures`, `alerts`, `dashboard`; `api`, `urls`, `views/`,
`forms`, `serializers` for the interfaces.
"""
