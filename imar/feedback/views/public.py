"""Public pages of citizens' voice: the form on a project, the reporter's tracking page,
response times by district and the public data-quality summary. Every read of another
person's case goes through `.public()`; the reporter reads their own by its code."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from imar.accounts.client_ip import client_ip
from imar.core.storage import serve_private
from imar.feedback import access, limits, photos, rules, selectors, services
from imar.feedback.enums import Status
from imar.feedback.forms import CaseForm, TrackForm
from imar.feedback.models import CasePhoto
from imar.portfolio.models import Project

MAX_TOKEN_AGE = 6 * 3600
# Three photos at their cap and the text: anything bigger is refused before it is read.
MAX_REQUEST_BYTES = photos.MAX_PHOTOS * photos.MAX_PHOTO_BYTES + 256 * 1024


def _token() -> str:
    return rules.form_token(settings.SECRET_KEY)


def _bot_problem(form) -> str | None:
    if form.data.get("website"):
        return "honeypot"
    return rules.token_problem(
        form.data.get("token", ""),
        settings.SECRET_KEY,
        min_seconds=settings.IMAR_FEEDBACK_MIN_SECONDS,
        max_seconds=MAX_TOKEN_AGE,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def case_new(request, code):
    project = get_object_or_404(
        Project.objects.public().select_related("municipality__district"), code=code
    )
    if request.method == "POST":
        if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_REQUEST_BYTES:
            return HttpResponse(
                _("The photos are too large: send at most three photos of 8 MB each."),
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        form = CaseForm(request.POST, request.FILES)
        problem = _bot_problem(form)
        if problem in ("too_fast", "expired", "missing", "forged"):
            form.add_error(None, _("The form expired or was sent too fast; please send it again."))
        elif problem == "honeypot":
            form.add_error(None, _("The form could not be accepted."))
        elif form.is_valid():
            data = form.cleaned_data
            latitude, longitude = form.place()
            try:
                received = services.case_submit(
                    project=project,
                    category=data["category"],
                    text=data["text"],
                    client_address=client_ip(request),
                    photo_files=request.FILES.getlist("photos"),
                    latitude=latitude,
                    longitude=longitude,
                    contact=data["contact"],
                    language=get_language() or "ar",
                )
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    target = field if field in form.fields else None
                    for message in messages:
                        form.add_error(target, message)
            else:
                request.session["feedback_new_code"] = received.code
                return redirect("feedback:track_detail", code=received.code)
        form.data = form.data.copy()
        form.data["token"] = _token()
    else:
        # From the map: the tapped point comes in the address (?lat=&lon=), for the citizen
        # to confirm on the form; an invalid one is dropped.
        initial = {"token": _token()}
        probe = CaseForm(
            {
                "map_latitude": request.GET.get("lat", ""),
                "map_longitude": request.GET.get("lon", ""),
            }
        )
        point = probe.map_point()
        if point is not None:
            initial.update(map_latitude=point[0], map_longitude=point[1])
        form = CaseForm(initial=initial)
    return render(
        request,
        "feedback/case_new.html",
        {"project": project, "form": form, "map_point": form.map_point()},
    )


@never_cache
def track(request):
    form = TrackForm(request.GET or None)
    if form.is_valid():
        code = rules.canonical_code(form.cleaned_data["code"])
        if code:
            return redirect("feedback:track_detail", code=code)
        form.add_error("code", _("Tracking code: ten letters and digits, as XXXX-XXXX-XX."))
    return render(request, "feedback/track.html", {"form": form})


def _steps(case):
    shown = [s for s in Status if s != Status.REJECTED or case.status == Status.REJECTED]
    if case.status == Status.REJECTED:
        shown = [s for s in shown if s not in (Status.ANSWERED, Status.RESOLVED)]
    return [(s.value, s.label) for s in shown]


@never_cache
def track_detail(request, code):
    if not limits.allow_lookup(address=client_ip(request)):
        return HttpResponse(
            _("Too many tracking codes tried from this connection; try again in an hour."),
            status=429,
            content_type="text/plain; charset=utf-8",
        )
    case = services.case_by_code(code)
    if case is None:
        form = TrackForm(initial={"code": code})
        return render(request, "feedback/track.html", {"form": form, "not_found": True}, status=404)
    fresh = request.session.pop("feedback_new_code", None) == code
    response = render(
        request,
        "feedback/track_detail.html",
        {"case": case, "code": rules.canonical_code(code), "fresh": fresh, "steps": _steps(case)},
    )
    response["Referrer-Policy"] = "no-referrer"  # the code is in the address
    response["X-Robots-Tag"] = "noindex"
    return response


def photo(request, pk):
    """A case's photo (never its original: only the metadata-free copy is kept): public
    when `.public()` says so, otherwise to staff who may see the case."""
    item = CasePhoto.objects.filter(pk=pk).select_related("case").first()
    if item is None:
        raise Http404
    if not CasePhoto.objects.public().filter(pk=pk).exists() and not access.can_see(
        request.user, item.case
    ):
        raise Http404
    return serve_private(item.image)


def response_times(request):
    rows = selectors.response_times_by_district()
    return render(request, "feedback/response_times.html", {"rows": rows})


def quality_public(request):
    entry = selectors.cached_quality(public=True)
    return render(
        request,
        "feedback/quality_public.html",
        {**entry, "report_days": settings.IMAR_QUALITY_REPORT_DAYS},
    )
