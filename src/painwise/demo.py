"""Demo data for `painwise demo`: a clinician and three patients with believable histories.

Running it twice is safe: the demo accounts are found by email and refreshed, never doubled.
"""

from django.db import transaction

from painwise.accounts import services as accounts
from painwise.accounts.models import Role, User

DEMO_PASSWORD = "painwise-demo"  # noqa: S105 - printed on purpose; demo accounts only
CLINICIAN = ("clinician@demo.painwise.example", "Dr Sam Okafor")
PATIENTS = [
    ("maria@demo.painwise.example", "Maria", "Europe/London"),
    ("james@demo.painwise.example", "James", "America/New_York"),
    ("aiko@demo.painwise.example", "Aiko", "Australia/Sydney"),
]


def _account(email: str, name: str, role: str, time_zone: str = "UTC") -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email, password=DEMO_PASSWORD, display_name=name, role=role, time_zone=time_zone
        )
    else:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def load_demo() -> list[str]:
    clinician = _account(*CLINICIAN, role=Role.CLINICIAN)
    lines = [
        "Demo accounts (password for all: " + DEMO_PASSWORD + "):",
        f"  clinician  {clinician.email}",
    ]
    for email, name, tz in PATIENTS:
        patient = _account(email, name, Role.PATIENT, tz)
        accounts.link_patient(patient=patient, clinician=clinician)
        lines.append(f"  patient    {patient.email}")
    return lines
