"""What apps above the registry add to it, without the registry importing them.

Portfolio sits below monitoring (docs/architecture.md), yet the project page shows the
monitoring section and a new budget or plan must refresh the monitoring figures. The apps
above fill these hooks in their `AppConfig.ready`: a list of page sections (the page needs
values back) and a signal for the figure inputs (nothing comes back).
"""

from collections.abc import Callable

from django.dispatch import Signal

# Called with `project=` and `user=`; returns the template to include on the project page
# (after the documents) and the context that template reads.
ProjectSection = Callable[..., tuple[str, dict]]

_project_sections: list[ProjectSection] = []


def register_project_section(section: ProjectSection) -> None:
    if section not in _project_sections:
        _project_sections.append(section)


def project_sections(*, project, user) -> tuple[list[str], dict]:
    """The templates of every registered section, and their context merged."""
    templates, context = [], {}
    for section in _project_sections:
        template, values = section(project=project, user=user)
        templates.append(template)
        context.update(values)
    return templates, context


# Called with `project=`; returns (model, ids) pairs of the project's records kept by the apps
# above (transactions, reports, milestones, risks) whose audit events belong in its history.
HistorySource = Callable[..., list[tuple]]

_history_sources: list[HistorySource] = []


def register_history_source(source: HistorySource) -> None:
    if source not in _history_sources:
        _history_sources.append(source)


def history_records(*, project) -> list[tuple]:
    """The project itself and every registered app's records of it, as (model, ids) pairs."""
    records = [(type(project), [project.pk])]
    for source in _history_sources:
        records.extend(source(project=project))
    return records


# Called with the project and the target status; returns translated reasons the transition
# cannot happen yet (empty when it can). Procurement adds: no implementation without a
# signed contract or a recorded exemption.
TransitionRequirement = Callable[..., list[str]]

_transition_requirements: list[TransitionRequirement] = []


def register_transition_requirement(requirement: TransitionRequirement) -> None:
    if requirement not in _transition_requirements:
        _transition_requirements.append(requirement)


def transition_requirements_missing(*, project, to: str) -> list[str]:
    """The reasons every registered requirement gives against moving `project` to `to`."""
    return [reason for check in _transition_requirements for reason in check(project, to)]


# Sent with `project_ids=[...]` (sender: Project) inside the write's transaction when a
# project's budget, currency or planned dates changed.
figure_inputs_changed = Signal()
