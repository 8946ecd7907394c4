"""What a scenario's page shows: chosen and left-out projects with their reasons, money per
place against needs, the rules beside what the answer achieved, the gap to the optimum,
conflicts in words; and two scenarios side by side."""

from dataclasses import dataclass
from decimal import Decimal

from imar.geo.models import District, Region
from imar.needs.models import Scenario, criterion_rows
from imar.needs.reasons import ReasonRenderer
from imar.needs.scenario_rules import RuleLine, rule_lines
from imar.needs.selectors import needs_overview
from imar.portfolio.models import Project
from imar.portfolio.sectors import Sector


@dataclass
class ProjectLine:
    project: Project
    cost: Decimal | None
    score: float | None
    chosen: bool
    reason: str
    start: int | None = None  # a multi-year plan's start year

    @property
    def url(self) -> str:
        return self.project.get_absolute_url()


def place_names() -> dict[str, str]:
    names = {d.iso_code: d.name for d in District.objects.all()}
    names |= {r.code: r.name for r in Region.objects.all()}
    return names


class ScenarioReport:
    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.result = scenario.result or {}
        self.render = ReasonRenderer(place_names(), currency=scenario.currency)

    @property
    def has_answer(self) -> bool:
        return "selected" in self.result

    @property
    def selected(self) -> list[str]:
        return self.result.get("selected", [])

    @property
    def gap_percent(self) -> float | None:
        gap = self.result.get("gap")
        return None if gap is None else gap * 100

    @property
    def conflicts(self) -> list[str]:
        return [self.render.render(reason) for reason in self.result.get("conflicts", [])]

    def lines(self) -> list[ProjectLine]:
        explanations = self.result.get("explanations", {})
        scores = self.result.get("scores", {})
        costs = self.result.get("costs", {})
        starts = self.result.get("starts", {})
        codes = set(explanations) | set(self.selected)
        chosen = set(self.selected)
        projects = Project.objects.filter(code__in=codes).select_related(
            "municipality__district__region"
        )
        lines = [
            ProjectLine(
                project=project,
                cost=Decimal(str(costs[project.code])) if project.code in costs else None,
                score=scores.get(project.code),
                chosen=project.code in chosen,
                reason=self.render.render(explanations[project.code])
                if project.code in explanations
                else "",
                start=starts.get(project.code),
            )
            for project in projects
        ]
        return sorted(lines, key=lambda line: (not line.chosen, -(line.score or 0)))

    def by_district(self, lines: list[ProjectLine]) -> list[dict]:
        """Money chosen per district against the district's recorded needs and gap."""
        overview = needs_overview(currency=self.scenario.currency)
        chosen: dict[int, Decimal] = {}
        for line in lines:
            if line.chosen and line.cost is not None:
                key = line.project.municipality.district_id
                chosen[key] = chosen.get(key, Decimal(0)) + line.cost
        return [
            {
                "district": row.district,
                "needs": row.recovery_needs,
                "allocated": row.allocated,
                "gap": row.gap,
                "chosen": chosen.get(row.district.pk, Decimal(0)),
            }
            for row in overview.districts
        ]

    def rules(self, lines: list[ProjectLine]) -> list[dict]:
        """Every rule with the money the answer put under it (see `scenario_rules`)."""
        spent: dict[tuple[str, str], float] = {}
        total = 0.0
        for line in lines:
            if not (line.chosen and line.cost is not None):
                continue
            district = line.project.municipality.district
            for group in (
                ("region", district.region.code),
                ("district", district.iso_code),
                ("sector", line.project.sector),
            ):
                spent[group] = spent.get(group, 0.0) + float(line.cost)
            total += float(line.cost)
        names = place_names()
        found = rule_lines(
            rules=self.scenario.rules or {},
            budget=float(self.scenario.budget),
            spent=spent,
            total=total,
        )
        return [{"rule": rule, "name": self._rule_name(rule, names)} for rule in found]

    @staticmethod
    def _rule_name(rule: RuleLine, names: dict[str, str]) -> str:
        if rule.level == "sector":
            return Sector(rule.code).label if rule.code in Sector.values else rule.code
        return names.get(rule.code, rule.code)

    def map_points(self, lines: list[ProjectLine]) -> list[dict]:
        points = []
        for line in lines:
            lat, lon, approximate = line.project.point
            points.append(
                {
                    "code": line.project.code,
                    "title": line.project.title,
                    "lat": lat,
                    "lon": lon,
                    "chosen": line.chosen,
                    "approximate": approximate,
                }
            )
        return points

    @property
    def plan_years(self) -> list[dict]:
        """A multi-year plan's years: budget, money available (with carry-over), spent, left."""
        return self.result.get("years", [])

    def sensitivity(self) -> dict | None:
        """Each rule's cost in score (by re-solving without it), ±10% budget, stable projects."""
        report = self.result.get("sensitivity")
        if not report:
            return None
        rules = [{**entry, "text": self.render.rule(entry)} for entry in report.get("rules", [])]
        return {**report, "rules": rules}

    def equity(self) -> dict | None:
        """Money against need per district, with the Gini and Theil of allocation / need."""
        equity = self.result.get("equity")
        if not equity:
            return None
        names = place_names()
        rows = [
            {**row, "name": names.get(row["district"], row["district"])}
            for row in equity["districts"]
            if row["need"] > 0 or row["money"] > 0
        ]
        rows.sort(key=lambda row: -(row["need"]))
        return {
            **equity,
            "districts": rows,
            "fairness": self.result.get("fairness"),
            "money_without_need_percent": equity.get("money_without_need_share", 0.0) * 100,
        }

    def money_by_region(self) -> dict[str, float]:
        """Money chosen per region code (from the costs the allocator saw)."""
        costs = self.result.get("costs", {})
        out: dict[str, float] = {}
        projects = Project.objects.filter(code__in=self.selected).values_list(
            "code", "municipality__district__region__code"
        )
        for code, region in projects:
            out[region] = out.get(region, 0.0) + float(costs.get(code, 0.0))
        return out

    def model_rows(self) -> list[tuple[dict, float]]:
        return criterion_rows(self.result.get("scoring_model"))

    def approval(self) -> dict:
        return self.result.get("approval", {})


def compare(first: Scenario, second: Scenario) -> dict:
    """Figures of two scenarios and the projects only one of them chose."""
    a, b = ScenarioReport(first), ScenarioReport(second)
    only_a = sorted(set(a.selected) - set(b.selected))
    only_b = sorted(set(b.selected) - set(a.selected))
    titles = {p.code: p.title for p in Project.objects.filter(code__in=only_a + only_b)}
    money = [a.money_by_region(), b.money_by_region()]
    regions = sorted(
        Region.objects.filter(code__in=set(money[0]) | set(money[1])), key=lambda r: r.code
    )
    by_region = [
        {
            "code": r.code,
            "name": r.name,
            "first": money[0].get(r.code, 0.0),
            "second": money[1].get(r.code, 0.0),
        }
        for r in regions
    ]
    return {
        "by_region": by_region,
        "chart": {
            "labels": [row["name"] for row in by_region],
            "series": [
                {
                    "name": f"{first.name} ({first.currency})",
                    "values": [row["first"] for row in by_region],
                },
                {
                    "name": f"{second.name} ({second.currency})",
                    "values": [row["second"] for row in by_region],
                },
            ],
        },
        "reports": [a, b],
        "both": sorted(set(a.selected) & set(b.selected)),
        "only_first": [(code, titles.get(code, "")) for code in only_a],
        "only_second": [(code, titles.get(code, "")) for code in only_b],
    }
