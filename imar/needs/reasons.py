"""The allocator's reasons (stable code + params) worded in the reader's language.

The one place where allocation reasons become sentences: the scenario pages, the API and
the ``allocate`` command all render here. Figures are shown as the reason carries them;
where a sentence compares two figures, enough digits are shown for the comparison to be
visible in the text too.
"""

import math
import re

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from imar.portfolio.sectors import Sector


def _percent(share) -> str:
    return number_format(round(float(share) * 100, 2), 2) + "%"


def _ratio_pair(low: float, high: float) -> tuple[str, str]:
    """``low`` < ``high`` formatted with the fewest decimals (3 to 8) that keep them apart."""
    for digits in range(3, 9):
        a, b = round(low, digits), round(high, digits)
        if a < b:
            return number_format(a, digits), number_format(b, digits)
    return number_format(low, 8), number_format(high, 8)


class ReasonRenderer:
    """Turns reasons into sentences; `places` maps region/district codes to names."""

    def __init__(self, places: dict[str, str] | None = None, currency: str = "") -> None:
        self.places = places or {}
        self.currency = currency  # the problem's currency: costs and scores per million

    def money(self, value) -> str:
        amount = number_format(round(float(value)), 0, force_grouping=True)
        return f"{amount} {self.currency}" if self.currency else amount

    def place(self, code: str) -> str:
        return self.places.get(code, code)

    def sector(self, code: str) -> str:
        return Sector(code).label if code in Sector.values else code

    def names(self, items) -> str:
        return pgettext("list separator", ", ").join(items)

    def rule(self, rule: dict) -> str:
        kind = rule.get("rule")
        if kind == "budget":
            return _("the total budget of %(amount)s") % {"amount": self.money(rule["amount"])}
        if kind in ("region_min", "district_min"):
            return _("%(place)s gets at least %(share)s of the budget") % {
                "place": self.place(rule.get("region") or rule["district"]),
                "share": _percent(rule["share"]),
            }
        if kind in ("region_max", "district_max"):
            return _("%(place)s gets at most %(share)s of the budget") % {
                "place": self.place(rule.get("region") or rule["district"]),
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

    def render(self, reason) -> str:
        if hasattr(reason, "to_dict"):
            reason = reason.to_dict()
        code, params = reason.get("code", ""), reason.get("params", {})
        method = getattr(self, f"_{code}", None)
        text = method(params) if method is not None else reason.get("text", code)
        return re.sub(r" {2,}", " ", text)  # an empty currency leaves a double space

    # Conflicts: why the rules cannot all hold.

    def _region_minimums_exceed_budget(self, p) -> str:
        return _("The minimum shares of %(places)s add up to %(share)s of the budget.") % {
            "places": self.names(self.place(c) for c in p["regions"]),
            "share": _percent(p["total_share"]),
        }

    # A district is a place like a region: the same sentences, with its name.
    def _district_minimums_exceed_budget(self, p) -> str:
        return self._region_minimums_exceed_budget({**p, "regions": p["districts"]})

    def _district_minimum_unreachable(self, p) -> str:
        return self._region_minimum_unreachable({**p, "region": p["district"]})

    def _mandatory_over_district_maximum(self, p) -> str:
        return self._mandatory_over_region_maximum({**p, "region": p["district"]})

    def _district_maximum_reached(self, p) -> str:
        return self._region_maximum_reached({**p, "region": p["district"]})

    def _mandatory_over_budget(self, p) -> str:
        values = {"cost": self.money(p["cost"]), "budget": self.money(p["budget"])}
        if p.get("with_required"):
            return (
                _(
                    "The mandatory projects and those they require cost %(cost)s, more than "
                    "the budget of %(budget)s."
                )
                % values
            )
        return _("The mandatory projects cost %(cost)s, more than the budget of %(budget)s.") % (
            values
        )

    def _region_minimum_unreachable(self, p) -> str:
        return _(
            "%(place)s must get at least %(share)s of the budget (%(amount)s), but its "
            "candidates cost only %(available)s in all."
        ) % {
            "place": self.place(p["region"]),
            "share": _percent(p["share"]),
            "amount": self.money(p["amount"]),
            "available": self.money(p["available"]),
        }

    def _mandatory_over_region_maximum(self, p) -> str:
        values = {
            "place": self.place(p["region"]),
            "cost": self.money(p["cost"]),
            "share": _percent(p["share"]),
        }
        if p.get("with_required"):
            return (
                _(
                    "The mandatory projects in %(place)s and those they require cost "
                    "%(cost)s, more than its maximum share of %(share)s of the budget."
                )
                % values
            )
        return (
            _(
                "The mandatory projects in %(place)s cost %(cost)s, more than its maximum "
                "share of %(share)s of the budget."
            )
            % values
        )

    def _mandatory_over_sector_maximum(self, p) -> str:
        values = {
            "sector": self.sector(p["sector"]),
            "cost": self.money(p["cost"]),
            "share": _percent(p["share"]),
        }
        if p.get("with_required"):
            return (
                _(
                    "The mandatory projects in sector %(sector)s and those they require cost "
                    "%(cost)s, more than its maximum share of %(share)s of the budget."
                )
                % values
            )
        return (
            _(
                "The mandatory projects in sector %(sector)s cost %(cost)s, more than its "
                "maximum share of %(share)s of the budget."
            )
            % values
        )

    def _mandatory_excludes_mandatory(self, p) -> str:
        return _("Mandatory project %(project)s excludes mandatory project %(other)s.") % p

    def _required_project_excluded(self, p) -> str:
        chain = p["chain"]
        values = {
            "project": chain[0],
            "required": chain[-1],
            "chain": " → ".join(chain),
            "other": p["other"],
        }
        if p.get("other_root"):
            values["root"] = p["other_root"]
            return (
                _(
                    "Mandatory project %(project)s requires %(required)s (%(chain)s), but "
                    "%(required)s and %(other)s (required by mandatory project %(root)s) "
                    "exclude each other."
                )
                % values
            )
        if "other_root" in p:
            return (
                _(
                    "Mandatory project %(project)s requires %(required)s (%(chain)s), but "
                    "%(required)s and mandatory project %(other)s exclude each other."
                )
                % values
            )
        return (
            _(
                "Mandatory project %(project)s requires %(required)s, but it is excluded by "
                "%(other)s."
            )
            % values
        )

    def _conflicting_rules(self, p) -> str:
        rules = [self.rule(rule) for rule in p["rules"]]
        return ngettext(
            "This rule cannot hold: %(rules)s.",
            "These rules cannot all hold at once: %(rules)s.",
            len(rules),
        ) % {"rules": "; ".join(rules)}

    def _greedy_failed(self, p) -> str:
        return _("The greedy pass could not satisfy every rule.")

    def _not_found(self, p) -> str:
        return _(
            "No selection satisfying every rule was found within %(seconds)s seconds; one "
            "may still exist."
        ) % {"seconds": number_format(p["time_limit"], 0)}

    # Decisions: why each candidate is in or out.

    def _mandatory(self, p) -> str:
        return _("Chosen: mandatory.")

    def _required(self, p) -> str:
        return _("Chosen: required by chosen project %(by)s.") % p

    def _costs_nothing(self, p) -> str:
        return _("Chosen: it costs nothing.")

    def _high_score_per_dinar(self, p) -> str:
        return _("Chosen: score per million %(currency)s %(ratio)s.") % {
            "currency": self.currency,
            "ratio": number_format(p["score_per_million"], 3),
        }

    def _excluded_by(self, p) -> str:
        return _("Left out: excluded by chosen project %(project)s.") % p

    def _requires_unchosen(self, p) -> str:
        return _("Left out: requires %(project)s, which was not chosen.") % p

    def _region_maximum_reached(self, p) -> str:
        if "spent" not in p:  # a result stored before the figures were kept
            return _("Left out: %(place)s has reached its maximum share of %(share)s.") % {
                "place": self.place(p["region"]),
                "share": _percent(p["share"]),
            }
        return _(
            "Left out: it costs %(cost)s, and %(place)s already has %(spent)s of its maximum "
            "of %(amount)s (%(share)s of the budget)."
        ) % {
            "cost": self.money(p["cost"]),
            "place": self.place(p["region"]),
            "spent": self.money(p["spent"]),
            "amount": self.money(p["amount"]),
            "share": _percent(p["share"]),
        }

    def _sector_maximum_reached(self, p) -> str:
        if "spent" not in p:  # a result stored before the figures were kept
            return _("Left out: sector %(sector)s has reached its maximum share of %(share)s.") % {
                "sector": self.sector(p["sector"]),
                "share": _percent(p["share"]),
            }
        return _(
            "Left out: it costs %(cost)s, and sector %(sector)s already has %(spent)s of its "
            "maximum of %(amount)s (%(share)s of the budget)."
        ) % {
            "cost": self.money(p["cost"]),
            "sector": self.sector(p["sector"]),
            "spent": self.money(p["spent"]),
            "amount": self.money(p["amount"]),
            "share": _percent(p["share"]),
        }

    def _budget_exhausted(self, p) -> str:
        ratio, cutoff = p.get("score_per_million"), p.get("cutoff_per_million")
        if ratio is None or cutoff is None or not math.isfinite(cutoff) or ratio >= cutoff:
            # Not below the chosen projects (results stored before "does_not_fit" existed).
            return self._does_not_fit(p)
        ratio_text, cutoff_text = _ratio_pair(ratio, cutoff)
        return _(
            "Left out: it costs %(cost)s with %(remaining)s left, and its score per million "
            "%(currency)s (%(ratio)s) is below that of every project chosen for its score "
            "(the lowest is %(cutoff)s)."
        ) % {
            "currency": self.currency,
            "cost": self.money(p["cost"]),
            "remaining": self.money(p["remaining"]),
            "ratio": ratio_text,
            "cutoff": cutoff_text,
        }

    def _does_not_fit(self, p) -> str:
        return _(
            "Left out: it costs %(cost)s but only %(remaining)s is left; it would fit only "
            "by dropping chosen projects."
        ) % {"cost": self.money(p["cost"]), "remaining": self.money(p["remaining"])}

    def _no_gain(self, p) -> str:
        return _("Left out: it fits the rules, but choosing it does not raise the total score.")

    # Multi-year plans: start years, yearly budgets, no half-built projects.

    def _years_chosen(self, p) -> str:
        return _("Chosen: funded from %(start)s to %(end)s, %(cost)s in all.") % {
            "start": p["start"],
            "end": p["end"],
            "cost": self.money(p["cost"]),
        }

    def _years_mandatory(self, p) -> str:
        return _("Chosen: mandatory; funded from %(start)s to %(end)s, %(cost)s in all.") % {
            "start": p["start"],
            "end": p["end"],
            "cost": self.money(p["cost"]),
        }

    def _years_required(self, p) -> str:
        return _("Chosen: required by chosen project %(by)s; funded from %(start)s to %(end)s.") % {
            "by": p["by"],
            "start": p["start"],
            "end": p["end"],
        }

    def _years_cannot_finish(self, p) -> str:
        return ngettext(
            "Left out: it needs %(length)s year of funding; started in %(latest)s at the "
            "latest, it would not be finished by %(last)s.",
            "Left out: it needs %(length)s years of funding; started in %(latest)s at the "
            "latest, it would not be finished by %(last)s.",
            p["length"],
        ) % {"length": p["length"], "latest": p["latest_start"], "last": p["last_year"]}

    def _years_no_room(self, p) -> str:
        if p.get("carry_over"):
            template = _(
                "started in %(start)s, it would need %(needed)s up to %(year)s, when only "
                "%(left)s is left with carry-over"
            )
        else:
            template = _(
                "started in %(start)s, it would need %(needed)s in %(year)s, when only "
                "%(left)s is left"
            )
        parts = [
            template
            % {
                "start": s["start"],
                "year": s["year"],
                "needed": self.money(s["needed"]),
                "left": self.money(s["left"]),
            }
            for s in p["starts"]
        ]
        return _("Left out: it costs %(cost)s; %(starts)s.") % {
            "cost": self.money(p["cost"]),
            "starts": "; ".join(parts),
        }

    def _years_mandatory_cannot_finish(self, p) -> str:
        return _("Mandatory projects %(projects)s cannot be finished within the plan's years.") % {
            "projects": self.names(p["projects"])
        }

    def _years_rules_do_not_fit(self, p) -> str:
        return _(
            "No plan meets the yearly budgets, the mandatory projects and the region, "
            "district and sector shares together: loosen a floor or a ceiling, or raise a "
            "year's budget."
        )

    def _years_mandatory_do_not_fit(self, p) -> str:
        return _(
            "No start years let the mandatory projects (and those they require) fit the "
            "yearly budgets."
        )
