from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from painwise.accounts import care, services, throttle
from painwise.accounts.decorators import patient_required
from painwise.accounts.forms import (
    ChangePasswordForm,
    LinkRequestForm,
    LoginForm,
    QueuedPasswordResetForm,
    SettingsForm,
    SignUpForm,
    TokenForm,
    time_zone_choices,
)
from painwise.accounts.models import ApiToken, TeamShare
from painwise.accounts.tasks import send_login_link_email
from painwise.lib.pages import act


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    form = SignUpForm(
        request.POST if request.method == "POST" else None,
        initial={"invite": request.GET.get("invite", "")[:100]},
    )
    if request.method == "POST" and form.is_valid():
        if not services.sign_up_allowed(request.META.get("REMOTE_ADDR", "")):
            return render(
                request,
                "accounts/signup.html",
                {"time_zones": time_zone_choices(), "form": form, "throttled": True},
                status=429,
            )
        data = form.cleaned_data
        user = services.sign_up_patient(
            email=data["email"],
            display_name=data["display_name"],
            full_name=data["full_name"],
            password=data["password1"],
            time_zone=data["time_zone"],
        )
        if data["invite"]:
            care.remember_sign_up(data["invite"], user)
        # The same answer for a new and a known email (see the service).
        return render(request, "accounts/signup_sent.html", {"email": data["email"]})
    return render(
        request, "accounts/signup.html", {"time_zones": time_zone_choices(), "form": form}
    )


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    """Signing out also clears what the app kept on this device: the service worker's files
    and the check-ins waiting to be sent (the page tries to send those first)."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        response["Clear-Site-Data"] = '"cache", "storage"'
        return response


class PasswordResetView(auth_views.PasswordResetView):
    form_class = QueuedPasswordResetForm
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    html_email_template_name = "accounts/email/password_reset.html"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


@login_required
@require_http_methods(["GET", "POST"])
def settings_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = SettingsForm(
        request.POST if request.method == "POST" else None,
        initial={
            "display_name": user.display_name,
            "full_name": user.full_name,
            "time_zone": user.time_zone,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.update_settings(user, **form.cleaned_data)
        messages.success(request, _("Your settings are saved."))
        return redirect("accounts:settings")
    return render(
        request,
        "accounts/settings.html",
        {"form": form, "nav": "settings", "time_zones": time_zone_choices()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def password_change(request: HttpRequest) -> HttpResponse:
    """Change the password while signed in: the old one, then the new one twice."""
    form = ChangePasswordForm(request.user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.change_password(request.user, form.cleaned_data["new_password1"])
        update_session_auth_hash(request, request.user)  # stay signed in here
        messages.success(request, _("Your new password is saved."))
        return redirect("accounts:settings")
    return render(request, "accounts/password_change.html", {"form": form, "nav": "settings"})


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    """The person's API access keys: make one (its key is shown once, here), see when each
    was last used and when it stops working, and revoke any."""
    form = TokenForm(request.POST if request.method == "POST" else None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        new_key = services.issue_token(request.user, form.cleaned_data["name"])
        form = TokenForm()
    return render(
        request,
        "accounts/tokens.html",
        {
            "form": form,
            "tokens": services.tokens_of(request.user),
            "new_key": new_key,
            "nav": "settings",
        },
    )


@login_required
@require_POST
def revoke_token(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.revoke_token(request.user, pk)
    except ApiToken.DoesNotExist:
        raise Http404("Not found") from None
    messages.success(request, _("The key is revoked: apps using it are signed out."))
    return redirect("accounts:tokens")


@require_POST
def request_link(request: HttpRequest) -> HttpResponse:
    """Email a one-time sign-in link. The answer is the same whether or not the email has an
    account; the worker sends it (so the time is the same too)."""
    form = LinkRequestForm(request.POST)
    if form.is_valid() and throttle.address_over_cap(request) is False:
        send_login_link_email.enqueue(form.cleaned_data["email"].lower())
    messages.success(
        request,
        _(
            "If this email has a Painwise account, a sign-in link is on its way. It works once, for one hour."
        ),
    )
    return redirect("accounts:login")


@require_http_methods(["GET", "POST"])
def login_link(request: HttpRequest, key: str) -> HttpResponse:
    """A one-time sign-in link. GET only shows a button: mail scanners that open links must
    not spend it; the POST spends it and signs the person in."""
    if request.method == "POST":
        user = services.use_login_link(key)
        if user is not None:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            throttle.clear_account(user.email)  # the link proved the person
            waiting = care.waiting_for(user) if user.is_patient else None
            if waiting is not None:  # they signed up from a clinician's invitation
                return redirect("accounts:waiting_invitation", pk=waiting.pk)
            target = request.GET.get("next", "")
            # Only ever go on to a page of this site: a link must not become an open redirect.
            if not url_has_allowed_host_and_scheme(
                target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
            ):
                target = "home"
            return redirect(target)
        return render(request, "accounts/login_link.html", {"invalid": True}, status=410)
    return render(request, "accounts/login_link.html", {"invalid": False})


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: object = None
) -> HttpResponse:
    """What django-axes shows when sign-in is paused after repeated wrong passwords."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"cooloff_minutes": minutes}, status=429)


@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, key: str) -> HttpResponse:
    """A clinician's invitation link. GET explains what accepting shares (mail scanners that
    open links must not spend it); a signed-in patient accepts with one POST."""
    found = care.find_invitation(key)
    if found is None:
        return render(request, "accounts/invitation.html", {"invalid": True}, status=410)
    user = request.user
    if request.method == "POST" and user.is_authenticated:
        if act(request, lambda: care.accept(key, user), _("You are now linked.")):
            return redirect("accounts:care_team")
    context = {"invitation": found, "clinician": found.clinician.display_name, "key": key}
    return render(request, "accounts/invitation.html", context)


@patient_required
@require_http_methods(["GET", "POST"])
def waiting_invitation(request: HttpRequest, pk: int) -> HttpResponse:
    """The invitation a new person signed up from, offered once they are in (only to them)."""
    waiting = care.waiting_for(request.user)
    if waiting is None or waiting.pk != pk:
        raise Http404("Not found")
    if request.method == "POST":
        done = _("You are now linked.")
        if act(request, lambda: care.accept_waiting(pk, request.user), done):
            return redirect("accounts:care_team")
    context = {"invitation": waiting, "clinician": waiting.clinician.display_name}
    return render(request, "accounts/invitation.html", context)


@patient_required
def care_team(request: HttpRequest) -> HttpResponse:
    """Who sees the patient's data: linked clinicians and teams; either can be stopped here."""
    team = care.care_team(request.user)
    clinician_rows = [
        {
            "name": link.clinician.display_name,
            "detail": _("Linked since %(date)s") % {"date": date_format(link.created_at, "j M Y")},
            "stop_url": reverse("accounts:unlink", args=[link.clinician.pk]),
        }
        for link in team["links"]
    ]
    team_rows = [
        {
            "name": share.team.name,
            "detail": ", ".join(m.display_name for m in share.team.members.all()),
            "stop_url": reverse("accounts:unshare", args=[share.pk]),
        }
        for share in team["shares"]
    ]
    context = {**team, "clinician_rows": clinician_rows, "team_rows": team_rows, "nav": "settings"}
    return render(request, "accounts/care_team.html", context)


@patient_required
@require_POST
def unlink(request: HttpRequest, clinician_id: int) -> HttpResponse:
    clinician = care.linked_clinician(request.user, clinician_id)
    care.unlink(request.user, clinician, by=request.user)
    messages.success(
        request,
        _("%(name)s no longer sees your Painwise data.") % {"name": clinician.display_name},
    )
    return redirect("accounts:care_team")


@patient_required
@require_POST
def unshare(request: HttpRequest, share_id: int) -> HttpResponse:
    try:
        care.unshare(request.user, share_id, by=request.user)
    except TeamShare.DoesNotExist:
        raise Http404("Not found") from None
    messages.success(request, _("That team no longer sees your Painwise data."))
    return redirect("accounts:care_team")
