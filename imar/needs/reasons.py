"""The allocator's reasons (stable code + params) rendered as translated sentences."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from imar.portfolio.sectors import Sector


def _money(value) -> str:
    return number_format(round(float(value)), 0, force_grouping=True)


def _percent(share) -> str:
    return number_format(round(float(share) * 100, 2), 2) + "%"


class ReasonRenderer:
    """Turns reason dicts into sentences; `places` maps region/district codes to names."""

    def __init__(self, places: dict[str, str] | None = None, currency: str = "LYD") -> None:
        self.places = places or {}
        self.currency = currency  # scores per million of the scenario's own currency

    def place(self, code: str) -> str:
        return self.places.get(code, code)

    def sector(self, code: str) -> str:
        return Sector(code).label if code in Sector.values else code

    def rule(self, rule: dict) -> str:
        kind = rule.get("rule")
        if kind == "budget":
            return _("the total budget of %(amount)s") % {"amount": _money(rule["amount"])}
        if kind == "region_min":
            return _("%(place)s gets at least %(share)s of the budget") % {
                "place": self.place(rule["region"]),
                "share": _percent(rule["share"]),
            }
        if kind == "region_max":
            return _("%(place)s gets at most %(share)s of the budget") % {
                "place": self.place(rule["region"]),
                "share": _percent(rule["share"]),
            }
        if kind == "sector_max":
            return _("sector %(sector)s gets at most %(share)s of the budget") % {
                "sector": self.sector(rule["sector"]),
                "share": _percent(rule["share"]),
            }
        if kind == "mandatory":
            return _("project %(project)s is mandatory") % {"project": rule["project"]}
        if kind == "requires":
            return _("project %(project)s may only be chosen together with %(other)s") % rule
        return _("projects %(project)s and %(other)s cannot both be chosen") % rule

    def render(self, reason: dict) -> str:  # noqa: C901 - one branch per reason code
        code, p = reason.get("code", ""), reason.get("params", {})
        if code == "region_minimums_exceed_budget":
            return _("The minimum shares of %(places)s add up to %(share)s of the budget.") % {
                "places": "، ".join(self.place(c) for c in p["regions"]),
                "share": _percent(p["total_share"]),
            }
        if code == "mandatory_over_budget":
            return _(
                "The mandatory projects cost %(cost)s, more than the budget of %(budget)s."
            ) % {
                "cost": _money(p["cost"]),
                "budget": _money(p["budget"]),
            }
        if code == "region_minimum_unreachable":
            return _(
                "%(place)s must get at least %(share)s of the budget (%(amount)s), but its "
                "candidates cost only %(available)s in all."
            ) % {
                "place": self.place(p["region"]),
                "share": _percent(p["share"]),
                "amount": _money(p["amount"]),
                "available": _money(p["available"]),
            }
        if code == "mandatory_over_region_maximum":
            return _(
                "The mandatory projects in %(place)s cost %(cost)s, more than its maximum "
                "share of %(share)s of the budget."
            ) % {
                "place": self.place(p["region"]),
                "cost": _money(p["cost"]),
                "share": _percent(p["share"]),
            }
        if code == "mandatory_over_sector_maximum":
            return _(
                "The mandatory projects in sector %(sector)s cost %(cost)s, more than its "
                "maximum share of %(share)s of the budget."
            ) % {
                "sector": self.sector(p["sector"]),
                "cost": _money(p["cost"]),
                "share": _percent(p["share"]),
            }
        if code == "mandatory_excludes_mandatory":
            return _("Mandatory project %(project)s excludes mandatory project %(other)s.") % p
        if code == "required_project_excluded":
            return _(
                "Mandatory project %(project)s requires %(required)s, but it is excluded by "
                "%(other)s."
            ) % {"project": p["chain"][0], "required": p["chain"][-1], "other": p["other"]}
        if code == "conflicting_rules":
            rules = [self.rule(rule) for rule in p["rules"]]
            return ngettext(
                "This rule cannot hold: %(rules)s.",
                "These rules cannot all hold at once: %(rules)s.",
                len(rules),
            ) % {"rules": "; ".join(rules)}
        if code == "mandatory":
            return _("Chosen: mandatory.")
        if code == "required":
            return _("Chosen: required by chosen project %(by)s.") % p
        if code == "high_score_per_dinar":
            return _("Chosen: score per million %(currency)s %(ratio)s.") % {
                "currency": self.currency,
                "ratio": number_format(p["score_per_million"], 3),
            }
        if code == "excluded_by":
            return _("Left out: excluded by chosen project %(project)s.") % p
        if code == "requires_unchosen":
            return _("Left out: requires %(project)s, which was not chosen.") % p
        if code == "region_maximum_reached":
            return _("Left out: %(place)s has reached its maximum share of %(share)s.") % {
                "place": self.place(p["region"]),
                "share": _percent(p["share"]),
            }
        if code == "sector_maximum_reached":
            return _("Left out: sector %(sector)s has reached its maximum share of %(share)s.") % {
                "sector": self.sector(p["sector"]),
                "share": _percent(p["share"]),
            }
        if code == "budget_exhausted":
            return _(
                "Left out: budget exhausted; it costs %(cost)s with %(remaining)s left, and its "
                "score per million %(currency)s (%(ratio)s) is below what the chosen projects "
                "give (%(cutoff)s)."
            ) % {
                "currency": self.currency,
                "cost": _money(p["cost"]),
                "remaining": _money(p["remaining"]),
                "ratio": number_format(p["score_per_million"], 3),
                "cutoff": number_format(p["cutoff_per_million"], 3)
                if p["cutoff_per_million"] not in (None, float("inf"))
                else "—",
            }
        if code == "no_gain":
            return _("Left out: it fits the rules, but choosing it does not raise the total score.")
        if code == "greedy_failed":
            return _("The greedy pass could not satisfy every rule.")
        if code == "not_found":
            return _(
                "No selection satisfying every rule was found within %(seconds)s seconds; one "
                "may still exist."
            ) % {"seconds": number_format(p["time_limit"], 0)}
        return reason.get("text", code)
