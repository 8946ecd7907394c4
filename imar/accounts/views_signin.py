"""Signing in and staying safe: login (with the reason a session ended), the two-factor code
step, two-factor setup with backup codes, and changing one's password."""

import base64

import segno
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from imar.accounts import sessions, two_factor
from imar.accounts.forms import CodeForm
from imar.accounts.middleware import signed_out_message


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse_lazy("accounts:start")


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reason = self.request.session.pop(sessions.SIGNED_OUT_REASON, None)
        context["signed_out_message"] = signed_out_message(reason)
        return context


@login_required
def two_factor_verify(request):
    """The second step of signing in, for an account with an authenticator."""
    if request.user.is_verified():
        return redirect(_next_url(request))
    if not two_factor.is_enrolled(request.user):  # reset meanwhile by an administrator
        sessions.remember_two_factor_state(request, request.user)
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = two_factor.verify(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            if device.persistent_id.startswith("otp_static."):
                left = two_factor.backup_codes_left(request.user)
                messages.warning(
                    request,
                    _(
                        "You used a backup code; %(n)d are left. Make new ones on the two-factor page."
                    )
                    % {"n": left},
                )
            return redirect(_next_url(request))
        form.add_error(
            "code", _("This code is not valid. Check the time on your phone, or use a backup code.")
        )
    return render(
        request, "accounts/two_factor_verify.html", {"form": form, "next": _next_url(request)}
    )


def _qr_image(url: str) -> str:
    """The QR code drawn on the server as an SVG image in a data: address (no external
    service; an <img> cannot run script, so the page never embeds markup unescaped)."""
    svg = segno.make(url, error="m").svg_inline(
        scale=5, dark="#000", light="#fff", svgclass="qr-code", title=_("QR code")
    )
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")


@login_required
def two_factor_setup(request):
    """Set up an authenticator (QR code and key), see the state, renew codes or turn it off."""
    user = request.user
    if two_factor.is_enrolled(user):
        return render(
            request,
            "accounts/two_factor_status.html",
            {
                "form": CodeForm(),
                "backup_left": two_factor.backup_codes_left(user),
                "required": two_factor.is_required(user),
            },
        )
    device = two_factor.pending_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.enrol_confirm(user=user, device=device, code=form.cleaned_data["code"])
        if codes is not None:
            device.refresh_from_db()
            otp_login(request, device)
            sessions.remember_two_factor_state(request, user)
            return render(
                request,
                "accounts/two_factor_codes.html",
                {"codes": codes, "next": _next_url(request)},
            )
        form.add_error(
            "code", _("This code is not valid. Check the time on your phone and try again.")
        )
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_image": _qr_image(device.config_url),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "required": two_factor.is_required(user),
            "next": _next_url(request),
        },
    )


def _confirmed_by_code(request) -> bool:
    form = CodeForm(request.POST)
    if form.is_valid() and two_factor.verify(request.user, form.cleaned_data["code"]):
        return True
    messages.error(request, _("This code is not valid."))
    return False


@require_POST
@login_required
def two_factor_backup_codes(request):
    if not two_factor.is_enrolled(request.user) or not _confirmed_by_code(request):
        return redirect("accounts:two_factor_setup")
    codes = two_factor.backup_codes_renew(user=request.user)
    return render(request, "accounts/two_factor_codes.html", {"codes": codes, "next": ""})


@require_POST
@login_required
def two_factor_disable(request):
    if two_factor.is_required(request.user):
        messages.error(
            request, _("Your role requires two-factor sign-in: it cannot be turned off.")
        )
        return redirect("accounts:two_factor_setup")
    if two_factor.is_enrolled(request.user) and _confirmed_by_code(request):
        two_factor.disable(user=request.user, by=request.user)
        sessions.remember_two_factor_state(request, request.user)
        messages.success(request, _("Two-factor sign-in is off."))
    return redirect("accounts:two_factor_setup")


class PasswordChangeView(auth_views.PasswordChangeView):
    """Changing the password keeps this session, ends the others and revokes API tokens."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change")

    def form_valid(self, form):
        response = super().form_valid(form)
        update_session_auth_hash(self.request, form.user)
        messages.success(
            self.request,
            _("Your password is changed. Other sessions and your API tokens have been ended."),
        )
        return response
