"""Demo step: a seeded synthetic portfolio of programs and projects (synthetic demo data).

The portfolio leans on the municipalities the September 2023 storm hit hardest (Derna,
Shahhat with Sousa, Al Bayda and Al Marj), which together carry most of the money, as in
the 2024 rapid damage and needs assessment. Statuses are set directly (a data load, not a
workflow), but every project meets the lifecycle's requirements for its status, and a sample
carries its StatusChange history. Rows are bulk-inserted so 100,000 projects load quickly.
"""

from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import connection

from imar.demo.organizations import CONTRACTORS, ENGINEER_ACRONYMS
from imar.demo.portfolio_titles import (
    CANCEL_REASONS,
    DERNA_LANDMARKS,
    NAMES,
    SUSPEND_REASONS,
    TEMPLATES,
)
from imar.demo.rows import insert_rows
from imar.geo.models import Municipality
from imar.organizations.enums import OrganizationKind
from imar.organizations.models import Organization
from imar.portfolio.enums import OrganizationRole, ProjectStatus
from imar.portfolio.models import Program, Project, ProjectOrganization, StatusChange
from imar.portfolio.sectors import Sector

S = Sector
ST = ProjectStatus
ROLE = OrganizationRole
SYNTHETIC = "Synthetic demo data."
SYNTHETIC_AR = "بيانات تجريبية مولَّدة."
# A fixed "today" keeps the generated dates identical whatever day the demo is loaded.
REFERENCE_DATE = date(2026, 11, 1)
STORM_DATE = date(2023, 9, 10)
RATES_TO_LYD = {"LYD": Decimal("1"), "USD": Decimal("4.85"), "EUR": Decimal("5.25")}

DERNA, SHAHHAT, AL_BAYDA, AL_MARJ = "LY010102", "LY010601", "LY010602", "LY010202"
STORM_MUNICIPALITIES = {DERNA: 0.14, SHAHHAT: 0.06, AL_BAYDA: 0.07, AL_MARJ: 0.06}
STORM_BUDGET_FACTOR = 3
# Cleaner English spellings for titles than the gazetteer's transliterations.
PLACE_NAMES = {
    SHAHHAT: ("Shahhat", "شحات"),
    AL_BAYDA: ("Al Bayda", "البيضاء"),
    AL_MARJ: ("Al Marj", "المرج"),
    "LY010304": ("Benghazi", "بنغازي"),
    "LY021401": ("Misrata", "مصراتة"),
    "LY031901": ("Sabha", "سبها"),
}
# Where ports and airports can be (coastal towns, towns with an airfield).
# fmt: off
SITES = {
    S.PORTS: {"LY021104", "LY010304", "LY021401", DERNA, "LY010403", "LY021001", "LY021503",
              "LY020803", "LY010506", "LY020801", SHAHHAT, "LY021402"},
    S.AIRPORTS: {"LY021104", "LY010304", "LY021401", "LY031901", "LY010403", "LY010105",
                 "LY032101", "LY010701", "LY020901", "LY032003", "LY020803", "LY031701"},
}
# fmt: on
SOUSA = ("Sousa", "سوسة", 32.90, 21.96)  # a town of Shahhat municipality

# fmt: off
# (code, English, Arabic, sectors it gathers).
PROGRAMS = [
    ("DRN", "Derna reconstruction", "إعادة إعمار مدينة درنة", []),
    ("JAK", "Storm recovery in Al Jabal al Akhdar and Al Marj",
     "التعافي من العاصفة في الجبل الأخضر والمرج", []),
    ("NRD", "National roads and bridges", "البرنامج الوطني للطرق والجسور", [S.ROADS_BRIDGES]),
    ("HSG", "National housing programme", "البرنامج الوطني للإسكان", [S.HOUSING]),
    ("SCH", "Schools", "برنامج المدارس", [S.EDUCATION]),
    ("HSP", "Hospitals and health centres", "برنامج المستشفيات والمراكز الصحية", [S.HEALTH]),
    ("WAT", "Water and sanitation networks", "برنامج شبكات المياه والصرف الصحي",
     [S.WATER_SANITATION, S.SOLID_WASTE]),
    ("PWR", "Power networks", "برنامج شبكات الكهرباء", [S.ELECTRICITY, S.RENEWABLE_ENERGY]),
    ("FLD", "Flood protection", "برنامج الحماية من الفيضانات", [S.FLOOD_PROTECTION]),
    ("PUB", "Public buildings and urban centres", "برنامج المباني العامة والمراكز الحضرية",
     [S.PUBLIC_BUILDINGS, S.URBAN_REHABILITATION, S.CULTURE_SPORTS]),
    ("ECO", "Ports, airports and communications", "برنامج الموانئ والمطارات والاتصالات",
     [S.PORTS, S.AIRPORTS, S.TELECOMMUNICATIONS, S.AGRICULTURE_IRRIGATION]),
]
# Sector weights for storm-hit places and elsewhere.
STORM_SECTORS = {S.HOUSING: 25, S.ROADS_BRIDGES: 14, S.WATER_SANITATION: 12, S.ELECTRICITY: 8,
                 S.HEALTH: 8, S.EDUCATION: 10, S.URBAN_REHABILITATION: 9,
                 S.PUBLIC_BUILDINGS: 5, S.FLOOD_PROTECTION: 9}
OTHER_SECTORS = {S.HOUSING: 14, S.ROADS_BRIDGES: 16, S.WATER_SANITATION: 13, S.ELECTRICITY: 10,
                 S.RENEWABLE_ENERGY: 4, S.HEALTH: 10, S.EDUCATION: 12,
                 S.URBAN_REHABILITATION: 4, S.PUBLIC_BUILDINGS: 6, S.FLOOD_PROTECTION: 3,
                 S.TELECOMMUNICATIONS: 3, S.PORTS: 1, S.AIRPORTS: 1, S.SOLID_WASTE: 3,
                 S.AGRICULTURE_IRRIGATION: 3, S.CULTURE_SPORTS: 3}
# Budget range in millions of LYD (drawn log-uniformly) and beneficiaries range.
SIZES = {S.HOUSING: (2, 25, 500, 20000), S.ROADS_BRIDGES: (1, 30, 2000, 200000),
         S.WATER_SANITATION: (0.6, 16, 2000, 150000), S.ELECTRICITY: (0.8, 24, 2000, 200000),
         S.RENEWABLE_ENERGY: (1, 12, 2000, 80000), S.HEALTH: (0.5, 18, 5000, 250000),
         S.EDUCATION: (0.3, 6, 300, 5000), S.URBAN_REHABILITATION: (0.5, 10, 1000, 80000),
         S.PUBLIC_BUILDINGS: (0.3, 5, 1000, 60000), S.FLOOD_PROTECTION: (2, 50, 5000, 120000),
         S.TELECOMMUNICATIONS: (0.5, 8, 5000, 150000), S.PORTS: (4, 60, 10000, 300000),
         S.AIRPORTS: (4, 50, 10000, 300000), S.SOLID_WASTE: (0.3, 4, 5000, 150000),
         S.AGRICULTURE_IRRIGATION: (0.5, 8, 200, 8000), S.CULTURE_SPORTS: (0.3, 4, 1000, 50000)}
IMPLEMENTERS = {S.HOUSING: ["MHU", "HIB"], S.ROADS_BRIDGES: ["MOT", "HIB"],
                S.WATER_SANITATION: ["GCWW", "MWR"], S.ELECTRICITY: ["GECOL"],
                S.RENEWABLE_ENERGY: ["GECOL"], S.HEALTH: ["MOH"], S.EDUCATION: ["MOE"],
                S.URBAN_REHABILITATION: ["MLG", "ODAC"], S.PUBLIC_BUILDINGS: ["ODAC", "MLG"],
                S.FLOOD_PROTECTION: ["MWR"], S.TELECOMMUNICATIONS: ["MCI"], S.PORTS: ["MOT"],
                S.AIRPORTS: ["MOT"], S.SOLID_WASTE: ["MLG"], S.AGRICULTURE_IRRIGATION: ["MOA"],
                S.CULTURE_SPORTS: ["MYS"]}
STATUS_WEIGHTS = {ST.IDENTIFIED: 7, ST.APPRAISED: 7, ST.APPROVED: 9, ST.PROCUREMENT: 16,
                  ST.IMPLEMENTATION: 32, ST.COMPLETED: 22, ST.SUSPENDED: 4, ST.CANCELLED: 3}
MUNICIPAL_COUNCILS = {DERNA: "DMC", AL_BAYDA: "BMC", AL_MARJ: "MMC", SHAHHAT: "SMC"}
# fmt: on
# The share of a municipality's people one project of a sector can plausibly serve: a housing
# or school project serves its neighbourhood, a road, water or power scheme much of the town.
# Beneficiaries are drawn from SIZES, then capped at this share of the municipality's
# population, so the portfolio's "people served" stays within what Libya's towns hold.
REACH = {
    S.HOUSING: 0.01,
    S.EDUCATION: 0.01,
    S.HEALTH: 0.06,
    S.ROADS_BRIDGES: 0.05,
    S.WATER_SANITATION: 0.06,
    S.ELECTRICITY: 0.06,
    S.RENEWABLE_ENERGY: 0.03,
    S.URBAN_REHABILITATION: 0.03,
    S.PUBLIC_BUILDINGS: 0.02,
    S.FLOOD_PROTECTION: 0.08,
    S.TELECOMMUNICATIONS: 0.05,
    S.PORTS: 0.10,
    S.AIRPORTS: 0.10,
    S.SOLID_WASTE: 0.05,
    S.AGRICULTURE_IRRIGATION: 0.01,
    S.CULTURE_SPORTS: 0.02,
}
# Municipalities with no population in the gazetteer (73 of 100: Natural Earth names only the
# larger towns) count as this many people: Libya's 7.4 million less the 5.8 million of the
# towns that have a figure, spread over the others.
UNKNOWN_POPULATION = 22_000
PATH = [ST.IDENTIFIED, ST.APPRAISED, ST.APPROVED, ST.PROCUREMENT, ST.IMPLEMENTATION]
EURO_COUNTRIES = {"GR", "IT", "DE", "FR", "BE"}
BATCH = 2000
HISTORY_SAMPLE = 0.1  # share of projects that get their StatusChange history
HISTORY_MAX = 3000  # at most this many projects, so huge demos stay fast


def _days(rng, low, high) -> timedelta:
    return timedelta(days=rng.randint(low, high))


def _place_names(municipality) -> tuple[str, str]:
    if municipality.pcode in PLACE_NAMES:
        return PLACE_NAMES[municipality.pcode]
    # The gazetteer writes some names in lower case ("Umm arrazam"); titles capitalise words.
    name_en = " ".join(word[:1].upper() + word[1:] for word in municipality.name_en.split())
    return name_en, municipality.name_ar


def _programs() -> dict[str, Program]:
    programs = []
    for code, name_en, name_ar, _sectors in PROGRAMS:
        program = Program(
            code=code,
            name_en=name_en,
            name_ar=name_ar,
            description_en=f"{SYNTHETIC} {name_en}: a programme of the fund's demo portfolio.",
            description_ar=f"{SYNTHETIC_AR} {name_ar}: برنامج من المحفظة التجريبية للصندوق.",
        )
        program.refresh_search_text()
        programs.append(program)
    Program.objects.bulk_create(programs)
    return {program.code: program for program in Program.objects.all()}


def _program_code(pcode: str, sector: str) -> str:
    if pcode == DERNA:
        return "DRN"
    if pcode in STORM_MUNICIPALITIES:
        return "JAK"
    return next(code for code, _e, _a, sectors in PROGRAMS if sector in sectors)


class _Generator:
    def __init__(self, rng, municipalities, organizations):
        self.rng = rng
        self.municipalities = municipalities
        self.by_district = {}
        for municipality in municipalities:
            self.by_district.setdefault(municipality.district_id, []).append(municipality)
        weights = []
        rest = 1 - sum(STORM_MUNICIPALITIES.values())
        big = {"LY021104", "LY010304", "LY021401"}
        others = [m for m in municipalities if m.pcode not in STORM_MUNICIPALITIES]
        total = sum(3 if m.pcode in big else 1 for m in others)
        for m in municipalities:
            share = STORM_MUNICIPALITIES.get(m.pcode)
            weights.append(share if share else rest * (3 if m.pcode in big else 1) / total)
        self.municipality_weights = weights
        self.orgs = organizations
        foreign = (
            OrganizationKind.FOREIGN_GOVERNMENT,
            OrganizationKind.DEVELOPMENT_AGENCY,
            OrganizationKind.MULTILATERAL,
        )
        self.foreign_funders = sorted(
            (o for o in organizations.values() if o.kind in foreign), key=lambda o: o.acronym
        )
        self.contractors = {
            sector: [a for a, _c, _e, _ar, sectors in CONTRACTORS if sector in sectors]
            or [row[0] for row in CONTRACTORS]
            for sector in S.values
        }
        self.sequence = Counter()

    def place(self, municipality):
        """(English, Arabic, point or None) of the project's place."""
        rng = self.rng
        if municipality.pcode == SHAHHAT and rng.random() < 0.45:
            lat, lon = SOUSA[2] + rng.uniform(-0.01, 0.01), SOUSA[3] + rng.uniform(-0.01, 0.01)
            return SOUSA[0], SOUSA[1], (round(lat, 5), round(lon, 5))
        name_en, name_ar = _place_names(municipality)
        point = None
        if rng.random() < 0.5:
            point = (
                round(municipality.latitude + rng.uniform(-0.02, 0.02), 5),
                round(municipality.longitude + rng.uniform(-0.02, 0.02), 5),
            )
        return name_en, name_ar, point

    def title(self, municipality, sector, place_en, place_ar):
        rng = self.rng
        if municipality.pcode == DERNA and rng.random() < 0.04:
            landmark = rng.choice(DERNA_LANDMARKS)
            return landmark[0], landmark[1], landmark[2], landmark[3]
        storm = municipality.pcode in STORM_MUNICIPALITIES
        templates = [t for t in TEMPLATES[sector] if storm or "storm-damaged" not in t[1]]
        kind, en, ar, numbers = rng.choice(templates)
        name_en, name_ar = rng.choice(NAMES)
        other = rng.choice(self.by_district[municipality.district_id])
        if other.pk == municipality.pk:
            other = rng.choice(self.municipalities)
        q_en, q_ar = _place_names(other)
        n = rng.randint(*numbers) if numbers else 0
        values_en = {"p": place_en, "q": q_en, "name": name_en, "n": n}
        values_ar = {"p": place_ar, "q": q_ar, "name": name_ar, "n": n}
        return sector, kind, en.format(**values_en), ar.format(**values_ar)

    def dates(self, stage, storm):
        """Planned and actual dates consistent with the (furthest) stage reached."""
        rng, ref = self.rng, REFERENCE_DATE
        earliest = STORM_DATE + timedelta(days=60) if storm else date(2019, 1, 1)
        duration = _days(rng, 180, 1200)
        actual_start = actual_end = None
        if stage == ST.COMPLETED:
            actual_start = max(earliest, ref - _days(rng, 200, 2000))
            actual_end = min(ref - _days(rng, 1, 30), actual_start + duration)
            actual_end = max(actual_end, actual_start + timedelta(days=60))
            planned_start = actual_start - _days(rng, 0, 120)
        elif stage == ST.IMPLEMENTATION:
            actual_start = max(earliest, ref - _days(rng, 20, 1100))
            planned_start = actual_start - _days(rng, 0, 120)
        elif stage == ST.PROCUREMENT:
            planned_start = ref + _days(rng, -60, 270)
        elif stage == ST.APPROVED or rng.random() < 0.5:
            planned_start = ref + _days(rng, 60, 540)
        else:
            return None, None, None, None
        planned_start = max(planned_start, earliest - timedelta(days=30))
        return planned_start, planned_start + duration, actual_start, actual_end

    def organizations(self, project, stage, pcode, foreign_funder):
        """(organization, role) pairs meeting the requirements of `stage`."""
        rng, orgs, reached = self.rng, self.orgs, PATH.index(stage) if stage in PATH else 5
        pairs = [(foreign_funder or orgs["DRF"], ROLE.FUNDER)]
        if foreign_funder is None and rng.random() < 0.08:
            pairs.append((rng.choice(self.foreign_funders), ROLE.FUNDER))
        if reached >= 3 or rng.random() < 0.6:
            implementer = rng.choice(IMPLEMENTERS[project.sector])
            if pcode in MUNICIPAL_COUNCILS and rng.random() < 0.2:
                implementer = MUNICIPAL_COUNCILS[pcode]
            pairs.append((orgs[implementer], ROLE.IMPLEMENTER))
        if reached >= 4:
            pairs.append((orgs[rng.choice(self.contractors[project.sector])], ROLE.CONTRACTOR))
            if rng.random() < 0.9:
                pairs.append((orgs[rng.choice(ENGINEER_ACRONYMS)], ROLE.SUPERVISING_ENGINEER))
        return pairs

    def project(self, municipality):
        rng = self.rng
        storm = municipality.pcode in STORM_MUNICIPALITIES
        sectors = STORM_SECTORS if storm else OTHER_SECTORS
        sector = rng.choices(list(sectors), weights=list(sectors.values()))[0]
        if municipality.pcode not in SITES.get(sector, (municipality.pcode,)):
            sector = S.ROADS_BRIDGES  # no port or airport there
        status = rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()))[0]
        stage = status
        if status == ST.SUSPENDED:
            stage = rng.choice([ST.APPROVED, ST.PROCUREMENT, ST.IMPLEMENTATION, ST.IMPLEMENTATION])
        elif status == ST.CANCELLED:
            stage = rng.choice([ST.IDENTIFIED, ST.APPRAISED, ST.APPROVED, ST.PROCUREMENT])
        place_en, place_ar, point = self.place(municipality)
        sector, kind, title_en, title_ar = self.title(municipality, sector, place_en, place_ar)
        program = _program_code(municipality.pcode, sector)
        self.sequence[program] += 1
        code = f"{program}-{self.sequence[program]:05d}"
        low, high, ben_low, ben_high = SIZES[sector]
        budget_lyd = Decimal(round(low * (high / low) ** rng.random(), 3)) * 1_000_000
        if storm:
            budget_lyd *= Decimal(STORM_BUDGET_FACTOR)
        foreign = rng.choice(self.foreign_funders) if rng.random() < 0.12 else None
        currency = "LYD"
        if foreign is not None:
            euro = foreign.country.code in EURO_COUNTRIES
            currency = "EUR" if euro else "USD"
        budget = (budget_lyd / RATES_TO_LYD[currency] / 1000).quantize(Decimal("1")) * 1000
        has_budget = stage not in (ST.IDENTIFIED, ST.APPRAISED) or rng.random() < 0.7
        planned_start, planned_end, actual_start, actual_end = self.dates(stage, storm)
        project = Project(
            code=code,
            title_en=title_en,
            title_ar=title_ar,
            description_en=f"{SYNTHETIC} {title_en}, {municipality.district.name_en} district.",
            description_ar=f"{SYNTHETIC_AR} {title_ar}، شعبية {municipality.district.name_ar}.",
            program_id=self.programs[program].pk,
            sector=sector,
            project_type=kind,
            municipality=municipality,
            latitude=point[0] if point else None,
            longitude=point[1] if point else None,
            status=status,
            suspended_from=stage if status == ST.SUSPENDED else "",
            planned_start=planned_start,
            planned_end=planned_end,
            actual_start=actual_start,
            actual_end=actual_end,
            budget=budget if has_budget else None,
            currency=currency,
            beneficiaries=_served(municipality, sector, rng.randint(ben_low, ben_high))
            if rng.random() < 0.9
            else None,
            is_public=rng.random() < 0.9,
        )
        project.refresh_search_text()
        pairs = self.organizations(project, stage, municipality.pcode, foreign)
        return project, stage, pairs


def _served(municipality, sector, drawn: int) -> int:
    """The drawn beneficiaries, capped at what the municipality can hold (REACH)."""
    population = municipality.population or UNKNOWN_POPULATION
    return max(1, min(drawn, int(population * REACH[sector])))


def _history(rng, project, stage, director):
    """StatusChange rows from `identified` to the project's status, dated along its life."""
    path = PATH[: PATH.index(stage) + 1] if stage in PATH else PATH + [ST.COMPLETED]
    anchor = min(project.actual_start or project.planned_start or REFERENCE_DATE, REFERENCE_DATE)
    start = anchor - _days(rng, 300, 500)
    if project.municipality.pcode in STORM_MUNICIPALITIES:
        start = max(start, STORM_DATE + timedelta(days=5))
    # Appraisal, approval and procurement spread between identification and the start.
    preparation = [s for s in path[1:] if s not in (ST.IMPLEMENTATION, ST.COMPLETED)]
    span = (anchor - start).days
    dates = {
        status: start + timedelta(days=span * rank // (len(preparation) + 1))
        for rank, status in enumerate(preparation, 1)
    }
    if ST.IMPLEMENTATION in path:
        dates[ST.IMPLEMENTATION] = project.actual_start
    if ST.COMPLETED in path:
        dates[ST.COMPLETED] = project.actual_end
    moves = list(zip(path, path[1:], strict=False))
    if project.status in (ST.SUSPENDED, ST.CANCELLED):
        reasons = SUSPEND_REASONS if project.status == ST.SUSPENDED else CANCEL_REASONS
        moves.append((stage, project.status, rng.choice(reasons)))
        last = max([start, *dates.values()])
        dates[project.status] = min(REFERENCE_DATE, last + _days(rng, 20, 200))
    changes = []
    for move in moves:
        from_status, to_status = move[0], move[1]
        changes.append(
            StatusChange(
                project=project,
                from_status=from_status,
                to_status=to_status,
                changed_by=director,
                reason=move[2] if len(move) > 2 else "",
                changed_at=datetime.combine(dates[to_status], time(10, 0), tzinfo=UTC),
            )
        )
    return changes


def _insert_history(changes: list[StatusChange]) -> None:
    """Insert history rows with their own dates: `changed_at` is auto_now_add, so the ORM's
    inserts would stamp every row with the load time."""
    meta = StatusChange._meta
    names = ["project", "from_status", "to_status", "changed_by", "changed_at", "reason"]
    fields = [meta.get_field(name) for name in names]
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        connection.ops.quote_name(meta.db_table),
        ", ".join(connection.ops.quote_name(field.column) for field in fields),
        ", ".join(["%s"] * len(fields)),
    )
    rows = [
        [field.get_db_prep_save(getattr(change, field.attname), connection) for field in fields]
        for change in changes
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start : start + BATCH])


def load(*, rng, options, log):
    count = options.get("projects") or 1500
    municipalities = list(Municipality.objects.select_related("district").order_by("pcode"))
    organizations = {o.acronym: o for o in Organization.objects.exclude(acronym="")}
    generator = _Generator(rng, municipalities, organizations)
    generator.programs = _programs()
    # The first project of every district is placed there, so small demos cover all 22.
    firsts = [ms[0] for _district, ms in sorted(generator.by_district.items())]
    chosen = firsts[:count] + rng.choices(
        municipalities, weights=generator.municipality_weights, k=max(0, count - len(firsts))
    )
    director = get_user_model().objects.filter(username="director").first()
    projects, links, history_candidates = [], [], []
    for municipality in chosen:
        project, stage, pairs = generator.project(municipality)
        projects.append(project)
        links.append(pairs)
        if rng.random() < HISTORY_SAMPLE and len(history_candidates) < HISTORY_MAX:
            history_candidates.append((project, stage))
    insert_rows(Project, projects)  # no ids come back: read them by the unique code
    ids = dict(Project.objects.values_list("code", "id"))
    for project in projects:
        project.pk = ids[project.code]
        project._state.adding, project._state.db = False, "default"
    participations = [
        ProjectOrganization(project=project, organization=organization, role=role)
        for project, pairs in zip(projects, links, strict=True)
        for organization, role in pairs
    ]
    insert_rows(ProjectOrganization, participations)
    changes = [
        change
        for project, stage in history_candidates
        for change in _history(rng, project, stage, director)
    ]
    _insert_history(changes)
    log(
        f"  {len(generator.programs)} programs, {len(projects)} projects, "
        f"{len(participations)} organization roles, {len(changes)} status changes"
    )
