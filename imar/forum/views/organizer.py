"""Organizer pages before the event: dashboard, approvals, showcase, requests, schedule."""

from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from imar.accounts import permissions
from imar.core.money import Currency
from imar.core.search import filter_by_search
from imar.core.text import isolated
from imar.forum.enums import MeetingStatus, ParticipantStatus, Priority, RequestStatus
from imar.forum.models import Meeting, MeetingRequest, Participant, ScheduleRun, Showcase, Slot
from imar.forum.selectors import dashboard as dashboard_figures
from imar.forum.services import events, login_links, meeting_requests, registration
from imar.forum.services.schedule import schedule_make_final, schedule_make_provisional
from imar.forum.tasks import (
    LOGIN_LINK_MAIL,
    SCHEDULE_RUN,
    enqueue_login_link_mail,
    enqueue_schedule_run,
)
from imar.forum.unscheduled import unscheduled_text
from imar.forum.views.access import organizer_required
from imar.jobs import selectors as job_selectors
from imar.portfolio.models import Project


@organizer_required
def dashboard(request, event):
    return render(
        request,
        "forum/organize/dashboard.html",
        {"event": event, "figures": dashboard_figures(event), "run": event.schedule_runs.first()},
    )


@organizer_required
def participants(request, event):
    status = request.GET.get("status", ParticipantStatus.PENDING)
    queryset = Participant.objects.filter(event=event).select_related("organization")
    if status in ParticipantStatus.values:
        queryset = queryset.filter(status=status)
    queryset = filter_by_search(queryset, request.GET.get("q", ""))
    page = Paginator(queryset.order_by("organization__name_en", "delegate_name"), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "forum/organize/participants.html",
        {
            "event": event,
            "page": page,
            "status": status,
            "statuses": ParticipantStatus.choices,
            "job": job_selectors.started_job(request, LOGIN_LINK_MAIL),
        },
    )


@require_POST
@organizer_required
def participant_decide(request, event, pk: int, decision: str):
    """Approve, reject, or re-send the login link of a delegate of this event."""
    participant = get_object_or_404(Participant, pk=pk, event=event)
    base_url = request.build_absolute_uri("/")[:-1]
    if decision == "approve":
        registration.participant_approve(
            by=request.user, participant=participant, base_url=base_url
        )
        messages.success(
            request,
            _("%(name)s is approved; a login link was sent to %(email)s.")
            % {"name": isolated(participant.delegate_name), "email": isolated(participant.email)},
        )
    elif decision == "resend":
        # Minted and mailed by the job worker (retried when the mail server refuses); the
        # participants page shows the job until the mail has gone, or why it could not.
        try:
            login_links.login_link_check(participant)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            url = reverse("forum:organize_participants", args=[event.slug])
            return redirect(f"{url}?{request.POST.get('back', '')}")
        job = enqueue_login_link_mail(
            participant, by=request.user, base_url=base_url, language=request.LANGUAGE_CODE
        )
        messages.info(
            request,
            _("A new login link is being sent to %(email)s; the previous one stops working.")
            % {"email": isolated(participant.email)},
        )
        url = reverse("forum:organize_participants", args=[event.slug])
        back = QueryDict(request.POST.get("back", ""), mutable=True)
        back["job"] = str(job.pk)
        return redirect(f"{url}?{back.urlencode()}")
    elif decision == "reject":
        registration.participant_reject(by=request.user, participant=participant)
        messages.info(request, _("%(name)s is rejected.") % {"name": participant.delegate_name})
    else:
        raise Http404
    url = reverse("forum:organize_participants", args=[event.slug])
    return redirect(f"{url}?{request.POST.get('back', '')}")


@organizer_required
def showcase_picker(request, event):
    if request.method == "POST":
        project = get_object_or_404(Project, pk=request.POST.get("project"))
        try:
            if request.POST.get("remove"):
                showcase = get_object_or_404(Showcase, event=event, project=project)
                events.showcase_remove(by=request.user, showcase=showcase)
            else:
                events.showcase_add(
                    by=request.user,
                    event=event,
                    project=project,
                    funding_needs=request.POST.get("funding_needs", ""),
                    partner_needs=request.POST.get("partner_needs", ""),
                    funding_amount=request.POST.get("funding_amount", ""),
                    funding_currency=request.POST.get("funding_currency", "USD"),
                )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("forum:organize_showcase", slug=event.slug)
    chosen = Showcase.objects.filter(event=event).select_related("project", "owner")
    candidates = filter_by_search(
        permissions.visible_projects(request.user, Project.objects.all()),
        request.GET.get("q", ""),
    ).exclude(pk__in=[s.project_id for s in chosen])[:30]
    return render(
        request,
        "forum/organize/showcase.html",
        {
            "event": event,
            "chosen": chosen,
            "candidates": candidates,
            "q": request.GET.get("q", ""),
            "currencies": Currency.choices,
        },
    )


@organizer_required
def requests_overview(request, event):
    queryset = MeetingRequest.objects.filter(event=event).select_related(
        "from_participant__organization", "to_participant__organization", "locked_slot"
    )
    status = request.GET.get("status", "")
    if status in RequestStatus.values:
        queryset = queryset.filter(status=status)
    counts = dict(
        MeetingRequest.objects.filter(event=event)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    page = Paginator(queryset, 50).get_page(request.GET.get("page"))
    approved = Participant.objects.filter(event=event, status=ParticipantStatus.APPROVED)
    return render(
        request,
        "forum/organize/requests.html",
        {
            "event": event,
            "page": page,
            "status": status,
            "counts": counts,
            "statuses": [(v, label, counts.get(v, 0)) for v, label in RequestStatus.choices],
            "participants": approved.select_related("organization").order_by("delegate_name"),
            "slots": Slot.objects.filter(event=event),
            "next_slot": Slot.objects.filter(event=event, starts_at__gt=timezone.now()).first(),
            "priorities": Priority.choices,
        },
    )


@require_POST
@organizer_required
def organizer_meeting(request, event):
    people = Participant.objects.filter(event=event)
    try:
        a = people.get(pk=request.POST.get("a"))
        b = people.get(pk=request.POST.get("b"))
        slot_id = request.POST.get("locked_slot")
        slot = Slot.objects.get(pk=slot_id, event=event) if slot_id else None
        meeting_requests.organizer_meeting_create(
            by=request.user,
            a=a,
            b=b,
            priority=request.POST.get("priority", Priority.MUST_MEET),
            locked_slot=slot,
            interpreter=request.POST.get("interpreter", ""),
        )
        messages.success(request, _("The meeting is arranged."))
    except (Participant.DoesNotExist, Slot.DoesNotExist, ValueError):
        messages.error(request, _("Choose two participants of this event."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("forum:organize_requests", slug=event.slug)


@require_POST
@organizer_required
def request_lock(request, event, pk: int):
    meeting_request = get_object_or_404(
        MeetingRequest.objects.select_related("from_participant", "to_participant"),
        pk=pk,
        event=event,
    )
    slot_id = request.POST.get("slot")
    slot = get_object_or_404(Slot, pk=slot_id, event=event) if slot_id else None
    if slot is not None and request.POST.get("confirm") != "yes":
        # Locking pins a (VIP) meeting for every later run: say so and ask first.
        return render(
            request,
            "forum/organize/lock_confirm.html",
            {"event": event, "r": meeting_request, "slot": slot},
        )
    try:
        meeting_requests.request_lock(by=request.user, request=meeting_request, slot=slot)
        if slot is not None:
            messages.success(
                request,
                _("Locked: %(a)s and %(b)s meet in slot %(slot)s in every schedule from now on.")
                % {
                    "a": meeting_request.from_participant.delegate_name,
                    "b": meeting_request.to_participant.delegate_name,
                    "slot": slot,
                },
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("forum:organize_requests", slug=event.slug)


@organizer_required
def schedule(request, event):
    """The plan; a run (schedule or rebook) is a background job whose bar this page shows."""
    if request.method == "POST":
        rebook_from = None
        if request.POST.get("action") == "rebook":
            rebook_from = get_object_or_404(Slot, pk=request.POST.get("from_slot"), event=event)
        job = enqueue_schedule_run(
            event,
            by=request.user,
            language=request.LANGUAGE_CODE,
            rebook_from=rebook_from,
            allow_moves=request.POST.get("allow_moves") == "on",
        )
        url = reverse("forum:organize_schedule", args=[event.slug])
        return redirect(f"{url}?job={job.pk}")
    job = job_selectors.started_job(request, SCHEDULE_RUN)
    if job is not None and job.arguments.get("event_id") != event.pk:
        job = None
    run = ScheduleRun.objects.filter(event=event).first()
    moved = _moved_rows(event, run)
    meetings = (
        Meeting.objects.filter(event=event)
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related(
            "slot",
            "table__room",
            "request__from_participant__organization",
            "request__to_participant__organization",
        )
    )
    plan = defaultdict(list)
    for meeting in meetings:
        plan[meeting.slot].append(meeting)
    only = request.GET.get("slot")
    slots = [s for s in plan if not only or str(s.pk) == only]
    unscheduled = []
    if run:
        ids = [u["request"] for u in run.unscheduled[:100]]
        requests = MeetingRequest.objects.filter(pk__in=ids).select_related(
            "from_participant", "to_participant"
        )
        by_id = {r.pk: r for r in requests}
        names = {}
        for r in by_id.values():
            names[str(r.from_participant_id)] = r.from_participant.delegate_name
            names[str(r.to_participant_id)] = r.to_participant.delegate_name
        unscheduled = [
            (by_id.get(u["request"]), unscheduled_text(u, names)) for u in run.unscheduled[:100]
        ]
    return render(
        request,
        "forum/organize/schedule.html",
        {
            "event": event,
            "run": run,
            "job": job,
            "plan": [(s, plan[s]) for s in slots],
            "all_slots": list(plan),
            "unscheduled": unscheduled,
            "moved": moved,
            "slots": Slot.objects.filter(event=event),
            "next_slot": Slot.objects.filter(event=event, starts_at__gt=timezone.now()).first(),
            "accepted": MeetingRequest.objects.filter(
                event=event, status=RequestStatus.ACCEPTED
            ).count(),
        },
    )


def _moved_rows(event, run) -> list[tuple]:
    """(request, slot before, slot after or None, rebooked no-show) for what the last run moved,
    dropped or rebooked."""
    if run is None or not run.moved_requests:
        return []
    rows = run.moved_requests[:200]
    requests = MeetingRequest.objects.filter(
        pk__in=[m["request"] for m in rows], event=event
    ).select_related("from_participant", "to_participant")
    by_id = {r.pk: r for r in requests}
    slots = {s.pk: s for s in Slot.objects.filter(event=event)}
    return [
        (by_id[m["request"]], slots.get(m["from"]), slots.get(m["to"]), m.get("rebooked", False))
        for m in rows
        if m["request"] in by_id
    ]


@require_POST
@organizer_required
def schedule_final(request, event, to: str):
    """Make the schedule final (every meeting locked) or provisional again, after a
    confirmation page that says what will happen."""
    if to not in ("final", "provisional"):
        raise Http404
    if request.POST.get("confirm") != "yes":
        meetings = Meeting.objects.filter(event=event).exclude(status=MeetingStatus.CANCELLED)
        return render(
            request,
            "forum/organize/final_confirm.html",
            {
                "event": event,
                "to": to,
                "meetings": meetings.count(),
                "locked_before": meetings.filter(request__locked=True).count(),
                "unlocking": len(event.final_locked),
            },
        )
    try:
        if to == "final":
            n = schedule_make_final(by=request.user, event=event)
            messages.success(
                request,
                _(
                    "The schedule is final: %(n)s meetings are locked in their slots. "
                    "A new run keeps them and only places new or freed requests."
                )
                % {"n": n},
            )
        else:
            n = schedule_make_provisional(by=request.user, event=event)
            messages.success(
                request,
                _("The schedule is provisional again: %(n)s meetings were unlocked.") % {"n": n},
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("forum:organize_schedule", slug=event.slug)
