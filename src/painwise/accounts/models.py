import datetime as dt
import hashlib
import secrets
import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PATIENT = "patient", _("Patient")
    CLINICIAN = "clinician", _("Clinician")
    ADMIN = "admin", _("Staff admin")


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Choose a time zone from the list."), code="invalid_time_zone")


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: object) -> "User":
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> "User":
        extra.setdefault("role", Role.ADMIN)
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in: a patient, a clinician or a staff admin.

    ``time_zone`` decides what "today" means for this person: days, streaks and daily figures
    are computed on their local calendar, while every timestamp is stored in UTC.
    """

    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(_("name"), max_length=100)
    # What the clinic knows the person by (the display name is what Painwise calls them).
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.PATIENT)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="UTC", validators=[validate_time_zone]
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("staff status"), default=False)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return f"{self.display_name} <{self.email}>"

    @property
    def name_for_clinic(self) -> str:
        return self.full_name or self.display_name

    @property
    def is_patient(self) -> bool:
        return self.role == Role.PATIENT

    @property
    def is_clinician(self) -> bool:
        return self.role == Role.CLINICIAN

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)


class CareLink(models.Model):
    """A clinician treats a patient. This link is the only way a clinician sees patient data."""

    patient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="clinician_links")
    clinician = models.ForeignKey(User, on_delete=models.CASCADE, related_name="patient_links")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["patient", "clinician"], name="unique_care_link"),
        ]

    def __str__(self) -> str:
        return f"{self.clinician} treats {self.patient}"


class ApiToken(models.Model):
    """A bearer token for the JSON API. Only a hash is stored; the token is shown once."""

    PREFIX = "pw_"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.user})"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @staticmethod
    def lifetime() -> dt.timedelta:
        """How long a token works (PAINWISE_API_TOKEN_DAYS, 90 by default)."""
        return dt.timedelta(days=getattr(settings, "PAINWISE_API_TOKEN_DAYS", 90))

    @property
    def expires_at(self) -> dt.datetime:
        return self.created_at + self.lifetime()

    @classmethod
    def issue(cls, user: User, name: str) -> tuple["ApiToken", str]:
        key = cls.PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, key_hash=cls.hash_key(key))
        return token, key


class LoginLink(models.Model):
    """A one-time sign-in link (sent in reminder emails for people who struggle with passwords).

    Only a hash of the secret is stored. A link works once and expires.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="login_links")
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    # A sign-up's link: following it confirms the email and switches the new account on.
    activates = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"login link for {self.user_id}"


class SignUpAttempt(models.Model):
    """When sign-ups came from an address (its hash only), for the sign-up throttle."""

    address_hash = models.CharField(max_length=64, db_index=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"sign-up attempt at {self.created_at:%Y-%m-%d %H:%M}"


class IdempotencyKey(models.Model):
    """A request a client may send again (an API POST with an Idempotency-Key header, or a
    form with a one-time token): the first answer is kept so a retry gets it back and stores
    nothing new. Keys are per user and kept for PAINWISE_IDEMPOTENCY_HOURS (24 by default)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)  # sha256 of method, path and body
    status = models.PositiveSmallIntegerField(null=True, blank=True)  # the first answer's
    content_type = models.CharField(max_length=100, blank=True)
    body = models.BinaryField(default=b"")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="one_answer_per_key")]

    def __str__(self) -> str:
        return f"idempotency key of {self.user_id}"


class Team(models.Model):
    """Clinicians who treat patients together (a physiotherapist, a psychologist, a pain
    physician). Staff set teams up; a patient's clinician shares the patient with a team."""

    name = models.CharField(max_length=120, unique=True)
    members = models.ManyToManyField(User, related_name="teams", blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.name


class TeamShare(models.Model):
    """A patient shared with a team: every member sees the patient as a linked clinician does."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="shares")
    patient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="team_shares")
    shared_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["team", "patient"], name="unique_team_share"),
        ]

    def __str__(self) -> str:
        return f"{self.patient_id} shared with {self.team}"


class Invitation(models.Model):
    """A clinician's invitation to link: a single-use, expiring link emailed to a patient.
    Only a hash of its key is stored, and the key is made by the task that sends the email."""

    clinician = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    key_hash = models.CharField(max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    # Someone new who opened the link and signed up from it: they are offered the invitation
    # as soon as they have confirmed their email, without opening the link again.
    signed_up = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"invitation {self.pk} from {self.clinician_id}"

    @property
    def open(self) -> bool:
        return (
            self.accepted_at is None
            and self.withdrawn_at is None
            and self.expires_at > timezone.now()
        )
