"""Donors' activities: what donors publish to IATI about the fund's country, matched to the
fund's projects by a person, and shown beside the needs (issue 14).

Layer 6, above partners and needs (it reads organizations, agreements and projects) and
beside forum; it fills the needs page's and the briefing's hooks (`needs/extensions.py`,
`partners/extensions.py`) in `AidConfig.ready`.
"""
