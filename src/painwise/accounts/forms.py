import zoneinfo
from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from painwise.accounts import throttle
from painwise.accounts.models import User


def time_zone_choices() -> list[tuple[str, str]]:
    names = sorted(tz for tz in zoneinfo.available_timezones() if "/" in tz or tz == "UTC")
    return [(name, name.replace("_", " ")) for name in names]


class TimeZoneField(forms.CharField):
    """A time zone, typed with suggestions (a searchable list that works without JavaScript:
    the page holds a <datalist> of every zone). With JavaScript, an empty field gets the
    browser's own zone; without it, the person is asked plainly, never left on UTC."""

    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("label", _("Your time zone"))
        kwargs.setdefault(
            "help_text",
            _(
                "Start typing your city or region, for example London, New York or Sydney. "
                "We use it so that “today” and your reminders follow your own clock."
            ),
        )
        kwargs.setdefault("max_length", 64)
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.widget.attrs.update(
            {"list": "time-zones", "autocomplete": "off", "data-browser-time-zone": "true"}
        )

    def clean(self, value: object) -> str:
        text = str(super().clean(value)).strip()
        wanted = text.replace(" ", "_").lower()
        for name, _label in time_zone_choices():
            if name.lower() == wanted:
                return name
        raise forms.ValidationError(
            _(
                "Choose your time zone from the list: start typing a city, such as London or Chicago."
            )
        )


class SignUpForm(forms.Form):
    display_name = forms.CharField(
        label=_("Your first name, or what we should call you"), max_length=100
    )
    full_name = forms.CharField(
        label=_("Your full name (optional)"),
        help_text=_("If you see a clinician, it helps them know it is you."),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("You sign in with it. We never share it."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password1 = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters. Not only numbers, and not a common password."),
    )
    password2 = forms.CharField(
        label=_("Type the password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    time_zone = TimeZoneField()
    # The key of the clinician's invitation this sign-up came from, if any (kept from the link).
    invite = forms.CharField(required=False, max_length=100, widget=forms.HiddenInput)

    def clean_email(self) -> str:
        # A known email is not refused here: the answer must not tell anyone who has an
        # account (accounts.services.sign_up_patient emails its owner instead).
        return str(self.cleaned_data["email"]).strip().lower()

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        password1, password2 = data.get("password1"), data.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords are not the same."))
        elif password1:
            candidate = User(email=data.get("email", ""), display_name=data.get("display_name", ""))
            try:
                password_validation.validate_password(password1, candidate)
            except ValidationError as exc:
                self.add_error("password1", exc)
        return data


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Email address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _(
            "That email and password do not match an account. Check both and try again."
        ),
        "inactive": _("This account is switched off. Please contact your clinic."),
        "address_cap": _(
            "Too many sign-in attempts came from this network. Please wait a while and try "
            "again, or sign in with a link sent to your email."
        ),
        "account_cap": _(
            "For your safety, this account now signs in with a link sent to your email. Use "
            "\u201cEmail me a sign-in link\u201d below."
        ),
    }

    def clean(self) -> dict[str, Any]:
        # Checked before the password is hashed (throttle.py): cheap, and no oracle.
        email = str(self.cleaned_data.get("username") or "").strip().lower()
        if self.request is not None and throttle.address_over_cap(self.request):
            raise ValidationError(self.error_messages["address_cap"], code="address_cap")
        if email and throttle.account_over_cap(email):
            raise ValidationError(self.error_messages["account_cap"], code="account_cap")
        return super().clean()


class LinkRequestForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))


class SettingsForm(forms.Form):
    display_name = forms.CharField(label=_("What we call you"), max_length=100)
    full_name = forms.CharField(label=_("Full name (optional)"), max_length=200, required=False)
    time_zone = TimeZoneField()


class ChangePasswordForm(PasswordChangeForm):
    """Old password, then the new one twice, in our own words."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["old_password"].label = _("Your password now")
        self.fields["new_password1"].label = _("New password")
        self.fields["new_password1"].help_text = _(
            "At least 8 characters. Not only numbers, and not a common password."
        )
        self.fields["new_password2"].label = _("Type the new password again")


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("What is this key for?"),
        max_length=100,
        help_text=_("For example: my phone's pain diary app."),
    )


class QueuedPasswordResetForm(PasswordResetForm):
    """Queues the reset email for the worker instead of sending it in the request: the answer
    takes the same time whether or not the email has an account."""

    def save(self, *args: Any, request: Any = None, use_https: bool = False, **kwargs: Any) -> None:  # type: ignore[override]
        from painwise.accounts.tasks import send_password_reset

        domain = kwargs.get("domain_override") or (request.get_host() if request else "")
        send_password_reset.enqueue(self.cleaned_data["email"], domain, use_https)
