"""The permission matrix: who may read (GET) and write (POST, PUT, PATCH) every page and
every API operation. Roles: A anonymous, P partner (forum delegate), E regional engineer
(Derna), U auditor, F finance officer, O fund officer, X administrator.

A page or operation missing here fails `test_permission_matrix`: add it, with the roles
that may use it, when you add an endpoint.

Each entry names the objects its address points at (from `matrix_world`), chosen so every
role that may read them can: a refusal is then the role's, not the object's. "Allowed"
means any answer but a refusal (401, 403, 404, 405, or a redirect to a login page); a
write allowed with an empty body usually answers 400 with the fields it needs.
"""

from collections.abc import Callable
from dataclasses import dataclass

ALL = "APEUFOX"
LOGGED_IN = "PEUFOX"
STAFF = "EUFOX"
HEAD = "UFOX"  # head office: reads the whole country
EDITORS = "EOX"
MONEY = "FOX"
OFFICERS = "OX"
AUDIT = "UX"
NOBODY = ""
ANYONE = "*"  # open to all, whatever the answer (logging out): only no error, no leak


@dataclass(frozen=True)
class Row:
    read: str
    write: str | None = None  # None: the page takes no writes (a POST answers as a GET)
    kwargs: Callable | None = None
    data: Callable | None = None  # what a write sends (empty by default)


def project(w):
    return {"code": w.project.code}


def agreement(w):
    return {"pk": w.agreement.pk}


def organization(w):
    return {"pk": w.org.pk}


def event(w):
    return {"slug": w.event.slug}


def report(name):
    return lambda w: {"pk": w.objects[name].pk}


# ---- pages ------------------------------------------------------------------------------------

PAGES = {
    # The public portal and open data: everyone.
    "portal:home": Row(ALL),
    "portal:map": Row(ALL),
    "portal:map_points": Row(ALL),
    "portal:map_clusters": Row(ALL),
    "portal:map_places": Row(ALL),
    "portal:map_project": Row(ALL, kwargs=project),
    "portal:district_shapes": Row(ALL),
    "portal:project_list": Row(ALL),
    "portal:project_detail": Row(ALL, kwargs=project),
    "portal:document_download": Row(
        ALL, NOBODY, kwargs=lambda w: {"code": w.project.code, "pk": w.document_public.pk}
    ),
    "portal:district_detail": Row(ALL, kwargs=lambda w: {"iso_code": "LY-DR"}),
    "portal:sector_detail": Row(ALL, kwargs=lambda w: {"code": "housing"}),
    "portal:partner_detail": Row(ALL, kwargs=organization),
    "portal:program_detail": Row(ALL, kwargs=lambda w: {"code": w.program.code}),
    "portal:search": Row(ALL),
    "opendata:organisation": Row(ALL, NOBODY),
    "opendata:projects": Row(ALL, NOBODY, kwargs=lambda w: {"extension": "json"}),
    "opendata:index": Row(ALL, NOBODY),
    "opendata:dictionary": Row(ALL, NOBODY),
    "opendata:contracting": Row(ALL, NOBODY),
    # Donors' activities as `aid/public.py` lets them out (IMAR_AID_PUBLIC is on).
    "portal:donors": Row(ALL),
    # Public procurement: the published releases of public processes.
    "public-contracts": Row(ALL),
    "set_language": Row(ALL, ALL),
    # Public copies of photos and logos, served by Django only with IMAR_DEBUG (its folder
    # is fixed when the URLs load, so the test's own files may not be there).
    "media": Row(ANYONE, kwargs=lambda w: {"path": w.photo.public_image.name}),
    # Accounts.
    "accounts:login": Row(ALL, ALL),
    "accounts:logout": Row(ANYONE, ANYONE),
    "accounts:audit_trail": Row(AUDIT),
    # Background jobs: the operator page (recent jobs, the periodic schedule) and a job's
    # progress partial (the staff; anyone else only for the jobs they started).
    "jobs:operations": Row(AUDIT),
    "jobs:progress": Row(STAFF, kwargs=lambda w: {"pk": w.job.pk}),
    # The proxy's health check (database, cache, queue): anyone, ok or error only.
    "jobs:healthz": Row(ALL),
    # Prometheus metrics: the operators (a scraper's token is tested in tests/jobs/test_metrics).
    "jobs:metrics": Row(AUDIT),
    # After signing in: a redirect to the role's start page (imar.accounts.start).
    "accounts:start": Row(LOGGED_IN),
    # One's own password and two-factor sign-in: anyone signed in.
    "accounts:password_change": Row(LOGGED_IN, LOGGED_IN),
    "accounts:two_factor_setup": Row(LOGGED_IN, LOGGED_IN),
    "accounts:two_factor_verify": Row(LOGGED_IN, LOGGED_IN),
    "accounts:two_factor_backup_codes": Row(NOBODY, LOGGED_IN),  # POST only
    "accounts:two_factor_disable": Row(NOBODY, LOGGED_IN),  # POST only
    # The project registry.
    "portfolio:project_list": Row(STAFF),
    "portfolio:project_create": Row(OFFICERS, OFFICERS),
    "portfolio:project_detail": Row(STAFF, kwargs=project),
    "portfolio:project_edit": Row(EDITORS, EDITORS, kwargs=project),
    "portfolio:project_transition": Row(NOBODY, STAFF, kwargs=project),
    "portfolio:document_add": Row(EDITORS, EDITORS, kwargs=project),
    "portfolio:document_download": Row(
        STAFF, kwargs=lambda w: {"code": w.project.code, "pk": w.document.pk}
    ),
    "portfolio:document_visibility": Row(
        NOBODY, EDITORS, kwargs=lambda w: {"code": w.project.code, "pk": w.document.pk}
    ),
    "portfolio:document_delete": Row(
        NOBODY, EDITORS, kwargs=lambda w: {"code": w.project.code, "pk": w.document.pk}
    ),
    # Monitoring.
    "monitoring:dashboard": Row(STAFF),
    "monitoring:money": Row(STAFF),
    "monitoring:attention": Row(STAFF),
    "monitoring:district": Row(STAFF, kwargs=lambda w: {"iso_code": "LY-DR"}),
    "monitoring:report_queue": Row(STAFF),
    "monitoring:report_detail": Row(STAFF, kwargs=report("report_submitted")),
    "monitoring:report_edit": Row("E", "E", kwargs=report("report_draft")),
    "monitoring:report_action": Row(
        NOBODY, OFFICERS, kwargs=lambda w: {"pk": w.report_submitted.pk, "action": "verify"}
    ),
    "monitoring:photo_original": Row(STAFF, kwargs=lambda w: {"pk": w.photo.pk}),
    "monitoring:exchange_rates": Row(STAFF, MONEY),
    "monitoring:report_new": Row(EDITORS, EDITORS, kwargs=project),
    # The field form's web app: its worker and manifest hold no data, like a static file.
    "field_service_worker": Row(ALL),
    "field_manifest": Row(ALL),
    "robots_txt": Row(ALL),
    "monitoring:transaction_new": Row(MONEY, MONEY, kwargs=project),
    "monitoring:transaction_preview": Row(MONEY, kwargs=project),
    "monitoring:milestone_new": Row(EDITORS, EDITORS, kwargs=project),
    "monitoring:milestone_evidence": Row(
        STAFF, kwargs=lambda w: {"code": w.project.code, "pk": w.milestone.pk}
    ),
    "monitoring:risk_new": Row(EDITORS, EDITORS, kwargs=project),
    "monitoring:risk_edit": Row(
        EDITORS, EDITORS, kwargs=lambda w: {"code": w.project.code, "pk": w.risk.pk}
    ),
    "monitoring:security_incident": Row(NOBODY, EDITORS, kwargs=project),
    # Results: staff read; editors (district engineers, officers) report; officers approve.
    "results:dashboard": Row(STAFF),
    "results:queue": Row(STAFF),
    "results:project": Row(STAFF, kwargs=project),
    "results:indicator_new": Row(EDITORS, EDITORS, kwargs=project),
    "results:period_plan": Row(EDITORS, EDITORS, kwargs=lambda w: {"pk": w.indicator.pk}),
    "results:period_report": Row(EDITORS, EDITORS, kwargs=lambda w: {"pk": w.indicator.pk}),
    "results:period": Row(STAFF, kwargs=lambda w: {"pk": w.period_submitted.pk}),
    "results:period_action": Row(
        NOBODY, OFFICERS, kwargs=lambda w: {"pk": w.period_submitted.pk, "action": "approve"}
    ),
    "results:evidence_original": Row(STAFF, kwargs=lambda w: {"pk": w.evidence.pk}),
    "portal:results": Row(ALL),
    # Needs and allocation: scenarios weigh the whole country, head office reads them.
    "needs:needs": Row(STAFF),
    "needs:import": Row(OFFICERS, OFFICERS),
    "needs:import_projects": Row(OFFICERS, OFFICERS),
    "needs:import_projects_template": Row(OFFICERS),
    "needs:scoring_models": Row(STAFF),
    "needs:scoring_model_new": Row(OFFICERS, OFFICERS),
    "needs:scoring_model_revise": Row(
        OFFICERS, OFFICERS, kwargs=lambda w: {"pk": w.scoring_model.pk}
    ),
    "needs:scoring_rank": Row(HEAD, OFFICERS, kwargs=lambda w: {"pk": w.scoring_model.pk}),
    "needs:scenario_list": Row(HEAD),
    "needs:scenario_new": Row(OFFICERS, OFFICERS),
    "needs:scenario_compare": Row(HEAD),
    "needs:scenario_detail": Row(HEAD, kwargs=lambda w: {"pk": w.scenario.pk}),
    "needs:scenario_edit": Row(OFFICERS, OFFICERS, kwargs=lambda w: {"pk": w.scenario.pk}),
    "needs:scenario_status": Row(HEAD, kwargs=lambda w: {"pk": w.scenario.pk}),
    "needs:scenario_run": Row(NOBODY, OFFICERS, kwargs=lambda w: {"pk": w.scenario.pk}),
    "needs:scenario_approve": Row(OFFICERS, OFFICERS, kwargs=lambda w: {"pk": w.scenario.pk}),
    # Partners: staff read organizations and agreements (engineers those of their
    # districts), head office the relations; officers write.
    "partners:coordination": Row(HEAD),
    "partners:briefing": Row(HEAD),
    "partners:organization_list": Row(STAFF),
    "partners:organization_create": Row(OFFICERS, OFFICERS),
    "partners:organization_detail": Row(STAFF, kwargs=organization),
    "partners:organization_edit": Row(OFFICERS, OFFICERS, kwargs=organization),
    "partners:contact_add": Row(NOBODY, OFFICERS, kwargs=organization),
    "partners:contact_delete": Row(
        NOBODY,
        OFFICERS,
        kwargs=lambda w: {"pk": w.org_tripoli.pk, "contact_pk": w.contact_tripoli.pk},
    ),
    "partners:agreement_list": Row(STAFF),
    "partners:agreement_create": Row(OFFICERS, OFFICERS),
    "partners:batch_signing": Row(OFFICERS, OFFICERS),
    "partners:agreement_detail": Row(STAFF, kwargs=agreement),
    "partners:agreement_edit": Row(OFFICERS, OFFICERS, kwargs=agreement),
    "partners:document_upload": Row(NOBODY, OFFICERS, kwargs=agreement),
    "partners:document_download": Row(
        ALL, kwargs=lambda w: {"pk": w.agreement.pk, "document_pk": w.agreement_document.pk}
    ),
    "partners:engagement_list": Row(HEAD),
    "partners:engagement_create": Row(OFFICERS, OFFICERS),
    "partners:engagement_detail": Row(HEAD, kwargs=lambda w: {"pk": w.engagement.pk}),
    "partners:engagement_edit": Row(OFFICERS, OFFICERS, kwargs=lambda w: {"pk": w.engagement.pk}),
    "partners:action_create": Row(
        OFFICERS, OFFICERS, kwargs=lambda w: {"engagement_pk": w.engagement.pk}
    ),
    "partners:action_edit": Row(
        OFFICERS, OFFICERS, kwargs=lambda w: {"engagement_pk": w.engagement.pk, "pk": w.action.pk}
    ),
    "partners:action_status": Row(NOBODY, OFFICERS, kwargs=lambda w: {"pk": w.action.pk}),
    # Donors' activities (IATI): staff read; officers import files and decide matches.
    "aid:activity_list": Row(STAFF),
    "aid:where": Row(STAFF),
    "aid:activity_detail": Row(STAFF, kwargs=lambda w: {"pk": w.activity.pk}),
    "aid:link_decide": Row(NOBODY, OFFICERS, kwargs=lambda w: {"pk": w.activity.pk}),
    "aid:link_counting": Row(NOBODY, OFFICERS, kwargs=lambda w: {"pk": w.activity_link.pk}),
    "aid:import_list": Row(STAFF),
    "aid:upload": Row(OFFICERS, OFFICERS),
    "aid:import_detail": Row(STAFF, kwargs=lambda w: {"pk": w.import_run.pk}),
    # Citizens' voice: anyone raises a case on a public project and tracks it by its code;
    # staff read the cases of the projects they may see, and those who handle them act.
    "feedback:case_new": Row(ALL, ALL, kwargs=project),
    "feedback:track": Row(ALL),
    "feedback:track_detail": Row(ALL, kwargs=lambda w: {"code": w.case_code}),
    "feedback:photo": Row(ALL, kwargs=lambda w: {"pk": w.case_photo.pk}),
    "feedback:response_times": Row(ALL),
    "feedback:quality_public": Row(ALL),
    "feedback:queue": Row(STAFF),
    "feedback:case_detail": Row(STAFF, kwargs=lambda w: {"pk": w.case.pk}),
    "feedback:case_action": Row(
        NOBODY, EDITORS, kwargs=lambda w: {"pk": w.case.pk, "action": "note"}
    ),
    "feedback:quality": Row(HEAD),
    # Procurement: staff read the processes of the projects they may see; a red flag's
    # review is the editors' (the auditor and finance are sent back with a message).
    "procurement:register": Row(STAFF),
    "procurement:process_detail": Row(STAFF, kwargs=lambda w: {"pk": w.process.pk}),
    "procurement:flag_review": Row(NOBODY, STAFF, kwargs=lambda w: {"pk": w.process.pk}),
    "procurement:contractor_detail": Row(STAFF, kwargs=lambda w: {"pk": w.contractor.pk}),
    # Procurement forms: editors of the project (the engineer within their districts); the
    # matrix world's process is signed, so the forms of earlier stages refuse with a message.
    "procurement:plan": Row(STAFF),
    "procurement:process_new": Row(EDITORS, EDITORS, kwargs=project),
    # An exemption is a fund officer's decision, never the regional engineer's.
    "procurement:exemption": Row(OFFICERS, OFFICERS, kwargs=project),
    **{
        f"procurement:{name}": Row(EDITORS, EDITORS, kwargs=lambda w: {"pk": w.process.pk})
        for name in (
            "process_edit",
            "process_status",
            "document_add",
            "bid_add",
            "award",
            "complaint_add",
            "contract_sign",
            "milestone_add",
            "payment_add",
            "amendment_add",
            "terminate",
        )
    },  # fmt: skip
    "procurement:bid_status": Row(
        EDITORS, EDITORS, kwargs=lambda w: {"pk": w.process.pk, "bid": w.process.bids.first().pk}
    ),
    "procurement:complaint_decide": Row(
        EDITORS,
        EDITORS,
        kwargs=lambda w: {"pk": w.process.pk, "complaint": w.procurement_complaint.pk},
    ),
    "procurement:milestone_met": Row(
        EDITORS,
        EDITORS,
        kwargs=lambda w: {"pk": w.process.pk, "milestone": w.contract_milestone.pk},
    ),
    # The forum: public pages, the delegate's own space, the organizers' desk.
    "forum:index": Row(ALL),
    "forum:delegate_login": Row(ALL, ALL, kwargs=lambda w: {"key": "no-such-key"}),
    "forum:organize_events": Row(OFFICERS),
    "forum:event_create": Row(OFFICERS, OFFICERS),
    "forum:event": Row(ALL, kwargs=event),
    "forum:register": Row(ALL, ALL, kwargs=event),
    "forum:showcase": Row(ALL, kwargs=event),
    "forum:my_space": Row("P", kwargs=event),
    "forum:agenda": Row("P", kwargs=event),
    "forum:profile": Row("P", "P", kwargs=event),
    "forum:agenda_pdf": Row("P", kwargs=event),
    "forum:agenda_ics": Row("P", kwargs=event),
    "forum:request_send": Row(
        NOBODY, "P", kwargs=lambda w: {"slug": w.event.slug, "participant_id": w.peer.pk}
    ),
    "forum:request_respond": Row(
        NOBODY, "P", kwargs=lambda w: {"slug": w.event.slug, "pk": w.request.pk, "action": "accept"}
    ),
    "forum:lead_record": Row(
        NOBODY, "P", kwargs=lambda w: {"slug": w.event.slug, "meeting_id": w.meeting.pk}
    ),
    "forum:organize": Row(OFFICERS, kwargs=event),
    "forum:organize_participants": Row(OFFICERS, kwargs=event),
    "forum:participant_decide": Row(
        NOBODY,
        OFFICERS,
        kwargs=lambda w: {"slug": w.event.slug, "pk": w.pending.pk, "decision": "reject"},
    ),  # fmt: skip
    "forum:organize_event": Row(OFFICERS, OFFICERS, kwargs=event),
    "forum:organize_agenda": Row(OFFICERS, OFFICERS, kwargs=event),
    "forum:session_edit": Row(
        OFFICERS, OFFICERS, kwargs=lambda w: {"slug": w.event.slug, "pk": w.session.pk}
    ),
    "forum:session_delete": Row(
        NOBODY, OFFICERS, kwargs=lambda w: {"slug": w.event.slug, "pk": w.session.pk}
    ),
    "forum:organize_setup": Row(OFFICERS, OFFICERS, kwargs=event),
    "forum:organize_showcase": Row(
        OFFICERS, OFFICERS, kwargs=event, data=lambda w: {"project": w.project.pk, "remove": "1"}
    ),
    "forum:organize_requests": Row(OFFICERS, kwargs=event),
    "forum:organizer_meeting": Row(NOBODY, OFFICERS, kwargs=event),
    "forum:request_lock": Row(
        NOBODY, OFFICERS, kwargs=lambda w: {"slug": w.event.slug, "pk": w.request.pk}
    ),
    "forum:organize_schedule": Row(OFFICERS, OFFICERS, kwargs=event),
    "forum:schedule_final": Row(
        NOBODY, OFFICERS, kwargs=lambda w: {"slug": w.event.slug, "to": "final"}
    ),
    "forum:organize_checkin": Row(OFFICERS, kwargs=event),
    "forum:check_in": Row(
        NOBODY, OFFICERS, kwargs=lambda w: {"slug": w.event.slug, "pk": w.participant.pk}
    ),
    "forum:organize_live": Row(OFFICERS, kwargs=event),
    "forum:meeting_mark": Row(
        NOBODY, OFFICERS, kwargs=lambda w: {"slug": w.event.slug, "pk": w.meeting.pk}
    ),
    "forum:organize_leads": Row(OFFICERS, kwargs=event),
    "forum:lead_convert": Row(
        NOBODY,
        OFFICERS,
        kwargs=lambda w: {"slug": w.event.slug, "pk": w.lead.pk, "to": "engagement"},
    ),  # fmt: skip
    # The API's own pages (its operations are in API below).
    "api-root": Row(ALL),
    "api-schema": Row(ALL),
    "api-docs": Row(ALL),
    "admin:login": Row(ALL, ALL),
    "admin:logout": Row(ANYONE, ANYONE),
}
# Every page of the Django admin: administrators only (what the admin then lets them change
# is the admin's own business, tested with it).
ADMIN = Row("X")


# ---- API operations (from the OpenAPI schema) ---------------------------------------------------

API = {
    ("POST", "/api/v1/auth/token/"): ALL,
    ("POST", "/api/v1/auth/token/revoke/"): LOGGED_IN,
    # The gazetteer and the public API: everyone.
    ("GET", "/api/v1/regions/"): ALL,
    ("GET", "/api/v1/regions/{code}/"): ALL,
    ("GET", "/api/v1/districts/"): ALL,
    ("GET", "/api/v1/districts/{iso_code}/"): ALL,
    ("GET", "/api/v1/municipalities/"): ALL,
    ("GET", "/api/v1/municipalities/{pcode}/"): ALL,
    ("GET", "/api/v1/public/"): ALL,
    ("GET", "/api/v1/public/projects/"): ALL,
    ("GET", "/api/v1/public/projects/{code}/"): ALL,
    ("GET", "/api/v1/public/programs/"): ALL,
    ("GET", "/api/v1/public/programs/{code}/"): ALL,
    ("GET", "/api/v1/public/organizations/"): ALL,
    ("GET", "/api/v1/public/organizations/{id}/"): ALL,
    ("GET", "/api/v1/public/agreements/"): ALL,
    ("GET", "/api/v1/public/agreements/{id}/"): ALL,
    ("GET", "/api/v1/public/transactions/"): ALL,
    ("GET", "/api/v1/public/transactions/{id}/"): ALL,
    ("GET", "/api/v1/public/reports/"): ALL,
    ("GET", "/api/v1/public/reports/{id}/"): ALL,
    # The registry: everyone reads what they may see (the public: public projects).
    ("GET", "/api/v1/projects/"): ALL,
    ("POST", "/api/v1/projects/"): OFFICERS,
    ("GET", "/api/v1/projects/{code}/"): ALL,
    ("PUT", "/api/v1/projects/{code}/"): EDITORS,
    ("PATCH", "/api/v1/projects/{code}/"): EDITORS,
    ("GET", "/api/v1/projects/{code}/history/"): ALL,
    ("POST", "/api/v1/projects/{code}/transition/"): EDITORS,
    ("GET", "/api/v1/programs/"): ALL,
    ("GET", "/api/v1/programs/{code}/"): ALL,
    # Monitoring: milestones (no evidence), verified reports and rates for the public; money,
    # risks and dashboards for staff.
    ("GET", "/api/v1/milestones/"): ALL,
    ("POST", "/api/v1/milestones/"): EDITORS,
    ("GET", "/api/v1/milestones/{id}/"): ALL,
    ("GET", "/api/v1/progress-reports/"): ALL,
    ("POST", "/api/v1/progress-reports/"): EDITORS,
    ("GET", "/api/v1/progress-reports/{id}/"): ALL,
    ("POST", "/api/v1/progress-reports/{id}/submit/"): "E",  # the author only
    ("POST", "/api/v1/progress-reports/{id}/verify/"): OFFICERS,
    ("POST", "/api/v1/progress-reports/{id}/return/"): OFFICERS,
    ("GET", "/api/v1/transactions/"): STAFF,
    ("POST", "/api/v1/transactions/"): MONEY,
    ("GET", "/api/v1/transactions/{id}/"): STAFF,
    ("GET", "/api/v1/risks/"): STAFF,
    ("POST", "/api/v1/risks/"): EDITORS,
    ("GET", "/api/v1/risks/{id}/"): STAFF,
    ("PATCH", "/api/v1/risks/{id}/"): EDITORS,
    ("GET", "/api/v1/exchange-rates/"): ALL,
    ("POST", "/api/v1/exchange-rates/"): MONEY,
    ("GET", "/api/v1/monitoring/dashboard/"): STAFF,
    ("GET", "/api/v1/monitoring/attention/"): STAFF,
    # Partners.
    ("GET", "/api/v1/organizations/"): ALL,
    ("POST", "/api/v1/organizations/"): OFFICERS,
    ("GET", "/api/v1/organizations/{id}/"): ALL,
    ("PUT", "/api/v1/organizations/{id}/"): OFFICERS,
    ("PATCH", "/api/v1/organizations/{id}/"): OFFICERS,
    ("GET", "/api/v1/agreements/"): ALL,
    ("POST", "/api/v1/agreements/"): OFFICERS,
    ("GET", "/api/v1/agreements/{id}/"): ALL,
    ("PUT", "/api/v1/agreements/{id}/"): OFFICERS,
    ("PATCH", "/api/v1/agreements/{id}/"): OFFICERS,
    ("GET", "/api/v1/engagements/"): HEAD,
    ("POST", "/api/v1/engagements/"): OFFICERS,
    ("GET", "/api/v1/engagements/{id}/"): HEAD,
    ("PUT", "/api/v1/engagements/{id}/"): OFFICERS,
    ("PATCH", "/api/v1/engagements/{id}/"): OFFICERS,
    ("GET", "/api/v1/action-items/"): STAFF,
    ("POST", "/api/v1/action-items/"): OFFICERS,
    ("GET", "/api/v1/action-items/{id}/"): STAFF,  # the engineer owns it
    ("PUT", "/api/v1/action-items/{id}/"): OFFICERS,
    ("PATCH", "/api/v1/action-items/{id}/"): OFFICERS,
    # Needs: published figures for everyone, appraisals for staff, scenarios for head office.
    ("GET", "/api/v1/results/standards/"): ALL,
    ("GET", "/api/v1/results/standards/{code}/"): ALL,
    ("GET", "/api/v1/results/indicators/"): ALL,
    ("POST", "/api/v1/results/indicators/"): EDITORS,
    ("GET", "/api/v1/results/indicators/{id}/"): ALL,
    ("GET", "/api/v1/results/periods/"): ALL,
    ("POST", "/api/v1/results/periods/"): EDITORS,
    ("GET", "/api/v1/results/periods/{id}/"): ALL,
    ("POST", "/api/v1/results/periods/plan/"): EDITORS,
    ("POST", "/api/v1/results/periods/{id}/submit/"): EDITORS,
    ("POST", "/api/v1/results/periods/{id}/approve/"): OFFICERS,
    ("POST", "/api/v1/results/periods/{id}/return/"): OFFICERS,
    ("GET", "/api/v1/results/rollup/"): ALL,
    ("GET", "/api/v1/needs/assessments/"): ALL,
    ("GET", "/api/v1/needs/assessments/{id}/"): ALL,
    ("GET", "/api/v1/needs/damage-records/"): ALL,
    ("GET", "/api/v1/needs/damage-records/{id}/"): ALL,
    ("GET", "/api/v1/needs/scoring-models/"): ALL,
    ("POST", "/api/v1/needs/scoring-models/"): OFFICERS,
    ("GET", "/api/v1/needs/scoring-models/{id}/"): ALL,
    ("GET", "/api/v1/needs/appraisals/"): STAFF,
    ("POST", "/api/v1/needs/appraisals/"): OFFICERS,
    ("GET", "/api/v1/needs/appraisals/{id}/"): STAFF,
    ("GET", "/api/v1/needs/scenarios/"): HEAD,
    ("POST", "/api/v1/needs/scenarios/"): OFFICERS,
    ("GET", "/api/v1/needs/scenarios/{id}/"): HEAD,
    ("PUT", "/api/v1/needs/scenarios/{id}/"): OFFICERS,
    ("GET", "/api/v1/needs/scenarios/{id}/result/"): HEAD,
    ("POST", "/api/v1/needs/scenarios/{id}/run/"): OFFICERS,
    ("GET", "/api/v1/needs/scenarios/{id}/approval-plan/"): OFFICERS,
    ("POST", "/api/v1/needs/scenarios/{id}/approve/"): OFFICERS,
    # Donors' activities: anyone reads what `aid/public.py` lets through; staff read all.
    ("GET", "/api/v1/aid/activities/"): ALL,
    ("GET", "/api/v1/aid/activities/{id}/"): ALL,
    # Procurement: staff read the processes they may see (the public reads the OCDS).
    ("GET", "/api/v1/procurement/processes/"): STAFF,
    ("GET", "/api/v1/procurement/processes/{id}/"): STAFF,
    # The forum: public events, sessions and showcase; organizers see all, delegates theirs.
    ("GET", "/api/v1/forum/events/"): ALL,
    ("GET", "/api/v1/forum/events/{slug}/"): ALL,
    ("POST", "/api/v1/forum/events/{slug}/schedule/"): OFFICERS,
    ("GET", "/api/v1/forum/sessions/"): ALL,
    ("GET", "/api/v1/forum/sessions/{id}/"): ALL,
    ("GET", "/api/v1/forum/showcase/"): ALL,
    ("GET", "/api/v1/forum/showcase/{id}/"): ALL,
    ("GET", "/api/v1/forum/participants/"): LOGGED_IN,  # others get an empty list
    ("GET", "/api/v1/forum/participants/{id}/"): "POX",
    ("GET", "/api/v1/forum/requests/"): LOGGED_IN,
    ("POST", "/api/v1/forum/requests/"): LOGGED_IN,  # 400 without a receiver
    ("GET", "/api/v1/forum/requests/{id}/"): "POX",
    ("POST", "/api/v1/forum/requests/{id}/accept/"): "POX",
    ("POST", "/api/v1/forum/requests/{id}/decline/"): "POX",
    ("POST", "/api/v1/forum/requests/{id}/cancel/"): "POX",
    ("GET", "/api/v1/forum/meetings/"): LOGGED_IN,
    ("GET", "/api/v1/forum/meetings/{id}/"): "POX",
    ("POST", "/api/v1/forum/meetings/{id}/mark/"): OFFICERS,
    ("GET", "/api/v1/forum/leads/"): LOGGED_IN,
    ("POST", "/api/v1/forum/leads/"): LOGGED_IN,  # 400 without a meeting
    ("GET", "/api/v1/forum/leads/{id}/"): "POX",
    # Citizens' cases: staff read what the queue shows them; the public reads counts.
    ("GET", "/api/v1/feedback/cases/"): STAFF,
    ("GET", "/api/v1/feedback/cases/{id}/"): STAFF,
    ("GET", "/api/v1/public/feedback/"): ALL,
    ("GET", "/api/v1/public/feedback/{code}/"): ALL,
    ("GET", "/api/v1/jobs/{id}/"): STAFF,
}

# The value of each path parameter, per path (the objects every allowed role may see).
PATH_VALUES = {
    "/api/v1/regions/{code}/": lambda w: {"code": "LY01"},
    "/api/v1/districts/{iso_code}/": lambda w: {"iso_code": "LY-DR"},
    "/api/v1/municipalities/{pcode}/": lambda w: {"pcode": "LY010102"},
    "/api/v1/public/projects/{code}/": project,
    "/api/v1/public/feedback/{code}/": project,
    "/api/v1/feedback/cases/{id}/": lambda w: {"id": w.case.pk},
    "/api/v1/public/programs/{code}/": lambda w: {"code": w.program.code},
    "/api/v1/public/organizations/{id}/": lambda w: {"id": w.org.pk},
    "/api/v1/public/agreements/{id}/": lambda w: {"id": w.agreement.pk},
    "/api/v1/public/transactions/{id}/": lambda w: {"id": w.transaction.pk},
    "/api/v1/public/reports/{id}/": lambda w: {"id": w.report_verified.pk},
    "/api/v1/projects/{code}/": project,
    "/api/v1/projects/{code}/history/": project,
    "/api/v1/projects/{code}/transition/": project,
    "/api/v1/programs/{code}/": lambda w: {"code": w.program.code},
    "/api/v1/milestones/{id}/": lambda w: {"id": w.milestone.pk},
    "/api/v1/progress-reports/{id}/": lambda w: {"id": w.report_verified.pk},
    "/api/v1/progress-reports/{id}/submit/": lambda w: {"id": w.report_draft.pk},
    "/api/v1/progress-reports/{id}/verify/": lambda w: {"id": w.report_submitted.pk},
    "/api/v1/progress-reports/{id}/return/": lambda w: {"id": w.report_submitted.pk},
    "/api/v1/transactions/{id}/": lambda w: {"id": w.transaction.pk},
    "/api/v1/risks/{id}/": lambda w: {"id": w.risk.pk},
    "/api/v1/organizations/{id}/": lambda w: {"id": w.org.pk},
    "/api/v1/agreements/{id}/": lambda w: {"id": w.agreement.pk},
    "/api/v1/engagements/{id}/": lambda w: {"id": w.engagement.pk},
    "/api/v1/action-items/{id}/": lambda w: {"id": w.action.pk},
    "/api/v1/results/standards/{code}/": lambda w: {"code": "road-km-reopened"},
    "/api/v1/results/indicators/{id}/": lambda w: {"id": w.indicator.pk},
    "/api/v1/results/periods/{id}/": lambda w: {"id": w.period_approved.pk},
    "/api/v1/results/periods/{id}/submit/": lambda w: {"id": w.period_draft.pk},
    "/api/v1/results/periods/{id}/approve/": lambda w: {"id": w.period_submitted.pk},
    "/api/v1/results/periods/{id}/return/": lambda w: {"id": w.period_submitted.pk},
    "/api/v1/needs/assessments/{id}/": lambda w: {"id": w.assessment.pk},
    "/api/v1/needs/damage-records/{id}/": lambda w: {"id": w.damage_record.pk},
    "/api/v1/needs/scoring-models/{id}/": lambda w: {"id": w.scoring_model.pk},
    "/api/v1/needs/appraisals/{id}/": lambda w: {"id": w.appraisal.pk},
    "/api/v1/needs/scenarios/{id}/": lambda w: {"id": w.scenario.pk},
    "/api/v1/needs/scenarios/{id}/result/": lambda w: {"id": w.scenario.pk},
    "/api/v1/needs/scenarios/{id}/run/": lambda w: {"id": w.scenario.pk},
    "/api/v1/needs/scenarios/{id}/approval-plan/": lambda w: {"id": w.scenario.pk},
    "/api/v1/needs/scenarios/{id}/approve/": lambda w: {"id": w.scenario.pk},
    "/api/v1/aid/activities/{id}/": lambda w: {"id": w.activity.pk},
    "/api/v1/procurement/processes/{id}/": lambda w: {"id": w.process.pk},
    "/api/v1/forum/events/{slug}/": event,
    "/api/v1/forum/events/{slug}/schedule/": event,
    "/api/v1/forum/sessions/{id}/": lambda w: {"id": w.session.pk},
    "/api/v1/forum/showcase/{id}/": lambda w: {"id": w.showcase.pk},
    "/api/v1/forum/participants/{id}/": lambda w: {"id": w.participant.pk},
    "/api/v1/forum/requests/{id}/": lambda w: {"id": w.request.pk},
    "/api/v1/forum/requests/{id}/accept/": lambda w: {"id": w.request.pk},
    "/api/v1/forum/requests/{id}/decline/": lambda w: {"id": w.request.pk},
    "/api/v1/forum/requests/{id}/cancel/": lambda w: {"id": w.request.pk},
    "/api/v1/forum/meetings/{id}/": lambda w: {"id": w.meeting.pk},
    "/api/v1/forum/meetings/{id}/mark/": lambda w: {"id": w.meeting.pk},
    "/api/v1/forum/leads/{id}/": lambda w: {"id": w.lead.pk},
    "/api/v1/jobs/{id}/": lambda w: {"id": w.job.pk},
}
