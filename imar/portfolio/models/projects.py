from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from imar.core.models import BilingualNamed, SearchKey, pick_language
from imar.core.money import Currency, money_field
from imar.core.versioning import Versioned
from imar.geo.models import Municipality
from imar.geo.points import is_location_sensitive, point_or_municipality, public_point
from imar.organizations.models import Organization
from imar.portfolio.enums import OrganizationRole, ProjectStatus, ProjectType
from imar.portfolio.public import ProgramQuerySet, ProjectOrganizationQuerySet, ProjectQuerySet
from imar.portfolio.sectors import Sector
from imar.portfolio.validators import (
    CODE_MAX_LENGTH,
    validate_program_code,
    validate_project_code,
)


class Program(BilingualNamed):
    code = models.CharField(
        _("code"), max_length=CODE_MAX_LENGTH, unique=True, validators=[validate_program_code]
    )
    description_ar = models.TextField(_("description (Arabic)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    objects = ProgramQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("program")
        verbose_name_plural = _("programs")

    @property
    def description(self) -> str:
        return pick_language(self.description_ar, self.description_en)

    def search_source(self) -> list[str]:
        return [self.code, self.name_ar, self.name_en]


class Project(Versioned, SearchKey, models.Model):
    code = models.CharField(
        _("code"), max_length=CODE_MAX_LENGTH, unique=True, validators=[validate_project_code]
    )
    title_ar = models.CharField(_("title (Arabic)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)
    description_ar = models.TextField(_("description (Arabic)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    program = models.ForeignKey(
        Program,
        verbose_name=_("program"),
        on_delete=models.PROTECT,
        related_name="projects",
        null=True,
        blank=True,
    )
    sector = models.CharField(_("sector"), max_length=32, choices=Sector.choices)
    project_type = models.CharField(_("project type"), max_length=32, choices=ProjectType.choices)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="projects",
    )
    latitude = models.FloatField(
        _("latitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(19.0), MaxValueValidator(34.0)],
    )
    longitude = models.FloatField(
        _("longitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(9.0), MaxValueValidator(26.0)],
    )
    location_sensitive = models.BooleanField(
        _("location-sensitive"),
        default=False,
        help_text=_(
            "The public sees only the municipality: never the site's coordinates, in any "
            "page, map, API or open-data file."
        ),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ProjectStatus.choices,
        default=ProjectStatus.IDENTIFIED,
        editable=False,  # only the lifecycle service changes it
    )
    # Where a suspended project returns to when it resumes.
    suspended_from = models.CharField(
        max_length=20, choices=ProjectStatus.choices, blank=True, editable=False
    )
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    budget = money_field(_("budget"), null=True, blank=True)
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.LYD
    )
    beneficiaries = models.PositiveIntegerField(_("beneficiaries"), null=True, blank=True)
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown on the public portal and in open data.")
    )
    organizations = models.ManyToManyField(
        Organization, through="ProjectOrganization", related_name="projects"
    )
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0),
                name="project_budget_not_negative",
                violation_error_message=_("The budget cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(planned_start__isnull=True)
                | Q(planned_end__isnull=True)
                | Q(planned_end__gte=models.F("planned_start")),
                name="project_planned_dates_in_order",
                violation_error_message=_("The planned end must not be before the planned start."),
            ),
            models.CheckConstraint(
                condition=Q(actual_start__isnull=True)
                | Q(actual_end__isnull=True)
                | Q(actual_end__gte=models.F("actual_start")),
                name="project_actual_dates_in_order",
                violation_error_message=_("The actual end must not be before the actual start."),
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="project_location_both_or_neither",
                violation_error_message=_("Give both latitude and longitude, or neither."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "sector"], name="project_status_sector_idx"),
            models.Index(fields=["sector", "status"], name="project_sector_status_idx"),
            models.Index(fields=["is_public", "code"], name="project_public_code_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def title(self) -> str:
        return pick_language(self.title_ar, self.title_en)

    @property
    def description(self) -> str:
        return pick_language(self.description_ar, self.description_en)

    @property
    def point(self) -> tuple[float, float, bool]:
        """(latitude, longitude, approximate): the project's own point or its municipality's."""
        town = self.municipality
        return point_or_municipality(self.latitude, self.longitude, town.latitude, town.longitude)

    @property
    def is_location_sensitive(self) -> bool:
        """Marked so, or in a location-sensitive district (`geo.points`)."""
        return is_location_sensitive(self.location_sensitive, self.municipality.district.iso_code)

    @property
    def public_point(self) -> tuple[float, float, bool]:
        """(latitude, longitude, approximate) as the public may see it (`geo.points`)."""
        town = self.municipality
        return public_point(
            self.latitude,
            self.longitude,
            town.latitude,
            town.longitude,
            sensitive=self.is_location_sensitive,
        )

    def is_safety_move(self, to: str) -> bool:
        """Suspending, or resuming from a suspension (never cancelling): the moves a regional
        engineer may make, since a security incident cannot wait for head office."""
        if to == ProjectStatus.SUSPENDED:
            return True
        return self.status == ProjectStatus.SUSPENDED and to != ProjectStatus.CANCELLED

    def get_absolute_url(self) -> str:
        return reverse("portfolio:project_detail", args=[self.code])

    def search_source(self) -> list[str]:
        return [self.code, self.title_ar, self.title_en]


class ProjectOrganization(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="participations")
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="participations",
    )
    role = models.CharField(_("role"), max_length=32, choices=OrganizationRole.choices)

    objects = ProjectOrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["role", "organization__name_en"]
        verbose_name = _("organization involved")
        verbose_name_plural = _("organizations involved")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organization", "role"], name="project_org_role_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} ({self.get_role_display()})"


class StatusChange(models.Model):
    """One lifecycle transition: who moved the project, when, from where to where, and why."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=ProjectStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ProjectStatus.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.project_id}: {self.from_status} -> {self.to_status}"
