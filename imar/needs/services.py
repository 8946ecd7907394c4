"""Writes of the needs app other than scenarios: scoring models and staff appraisals."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from imar.accounts.audit import record_event
from imar.core.versioning import lock_current
from imar.needs import scoring
from imar.needs.models import ProjectAppraisal, ScoringModel
from imar.needs.scenarios import scoring_model_in_use
from imar.needs.scoring_adapter import CRITERIA
from imar.portfolio.models import Project


def parse_score(value) -> int | None:
    """An appraisal score: a whole number from 0 to 100 (10, "10", 10.0), else None."""
    try:
        number = Decimal("" if value is None else str(value).strip())
    except InvalidOperation:
        return None
    if not number.is_finite() or number != number.to_integral_value() or not 0 <= number <= 100:
        return None
    return int(number)


def scoring_error_message(error: scoring.ScoringError) -> str:
    """A translated sentence for the scorer's errors."""
    p = error.params
    if error.code == "ahp_inconsistent":
        text = _(
            "The pairwise comparisons are inconsistent: the consistency ratio %(ratio)s is above "
            "%(limit)s."
        ) % {"ratio": p["ratio"], "limit": p["limit"]}
        if "first" in p:
            text += (
                " "
                + _(
                    "The most inconsistent comparison is %(first)s versus %(second)s: it says "
                    "%(given)s, the other comparisons imply about %(implied)s."
                )
                % p
            )
        return text
    if error.code == "ahp_not_reciprocal":
        return _("The comparison of %(first)s with %(second)s is not the reciprocal one.") % p
    if error.code == "negative_weight":
        return _("Criterion %(criterion)s has a negative weight.") % p
    if error.code == "zero_weights":
        return _("At least one criterion needs a positive weight.")
    if error.code == "unknown_criterion":
        return _("Criterion “%(criterion)s” is not one the fund's data provides.") % p
    return _("The scoring model is not valid: %(detail)s") % {"detail": error.message}


def build_definition(
    *, weights: dict[str, float], method: str, pairwise: list[list[float]] | None = None
) -> tuple[dict, float | None]:
    """The scorer's serialized model from weights (or AHP judgements) over the fund criteria."""
    base = {c.name: c for c in scoring.default_criteria()}
    unknown = set(weights) - set(CRITERIA)
    if unknown:
        raise ValidationError(
            {"weights": _("Unknown criterion “%(name)s”.") % {"name": sorted(unknown)[0]}}
        )
    criteria = [
        scoring.Criterion(name, base[name].direction, base[name].normalization, weights[name])
        for name in CRITERIA
        if name in weights
    ]
    try:
        if pairwise:
            model, ahp = scoring.ScoringModel.from_ahp(criteria, pairwise, method=method)
            return model.to_dict(), ahp.consistency_ratio
        return scoring.ScoringModel(tuple(criteria), method).to_dict(), None
    except scoring.ScoringError as exc:
        raise ValidationError({"weights": scoring_error_message(exc)}) from exc


@transaction.atomic
def scoring_model_save(
    *,
    by,
    name: str,
    weights: dict[str, float],
    method: str,
    pairwise: list[list[float]] | None = None,
    notes: str = "",
    name_en: str = "",
    notes_en: str = "",
    previous: ScoringModel | None = None,
    expected_version: int | None = None,
) -> ScoringModel:
    """Save a model; changing one that a run has used makes a new version instead. Changed
    in place, a model saved elsewhere since `expected_version` is refused (`StaleVersion`)."""
    definition, ratio = build_definition(weights=weights, method=method, pairwise=pairwise)
    if previous is not None and not scoring_model_in_use(previous) and previous.name == name:
        target = lock_current(previous, expected_version=expected_version)
    else:
        latest = ScoringModel.objects.filter(name=name).aggregate(v=Max("version"))["v"] or 0
        target = ScoringModel(name=name, version=latest + 1, created_by=by)
    definition["version"] = str(target.version)
    target.method, target.definition, target.notes = method, definition, notes
    target.name_en, target.notes_en = name_en.strip(), notes_en.strip()
    target.pairwise, target.consistency_ratio = pairwise or None, ratio
    target.full_clean()
    target.save()
    record_event(
        action="save", instance=target, actor=by, changes={"definition": [None, definition]}
    )
    return target


@transaction.atomic
def appraisal_set(*, project, score: int, note: str = "", by) -> ProjectAppraisal:
    appraisal = ProjectAppraisal.objects.filter(project=project).first()
    appraisal = appraisal or ProjectAppraisal(project=project)
    old = appraisal.score if appraisal.pk else None
    appraisal.score, appraisal.note, appraisal.by = score, note, by
    appraisal.full_clean()
    appraisal.save()
    record_event(
        action="appraise", instance=project, actor=by, changes={"staff_score": [old, score]}
    )
    return appraisal


@transaction.atomic
def appraisals_save(*, values: dict[str, str], by) -> int:
    """Appraisal scores typed on the scoring page (project code -> text), all or none. An
    empty box leaves the project as it is; only changed values are written (each audited)."""
    wanted = {code: text for code, text in values.items() if text != ""}
    projects = {p.code: p for p in Project.objects.filter(code__in=wanted)}
    current = {
        code: (score, note)
        for code, score, note in ProjectAppraisal.objects.filter(
            project__code__in=wanted
        ).values_list("project__code", "score", "note")
    }
    errors = []
    for code, text in sorted(wanted.items()):
        if code not in projects:
            errors.append(_("No project has the code %(code)s.") % {"code": code})
        elif parse_score(text) is None:
            errors.append(
                _("%(code)s: the score must be a whole number from 0 to 100.") % {"code": code}
            )
    if errors:
        raise ValidationError(errors)
    count = 0
    for code, text in sorted(wanted.items()):
        score = parse_score(text)
        old_score, note = current.get(code, (None, ""))
        if old_score != score:  # the note (typed or imported) is kept
            appraisal_set(project=projects[code], score=score, note=note, by=by)
            count += 1
    return count
