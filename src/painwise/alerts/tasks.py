"""Tell the care team by email when an alert that cannot wait is raised.

The email carries no clinical detail (email is not a safe place for it): only that an alert
needs attention, and a link to the patient's page in Painwise.
"""

from django.conf import settings
from django.tasks import task
from django.urls import reverse

from painwise.accounts.access import clinicians_of
from painwise.alerts.models import Alert
from painwise.lib.mail import send_templated

NOTIFY_KINDS = ("emergency", "safety", "urgent")


@task
def notify_clinicians(alert_id: int) -> int:
    alert = Alert.objects.select_related("patient").get(pk=alert_id)
    link = settings.SITE_URL + reverse("clinic:patient", args=[alert.patient_id])
    sent = 0
    for clinician in clinicians_of(alert.patient):
        context = {"alert": alert, "clinician": clinician, "link": link}
        send_templated("alerts/email/alert", context, clinician.email)
        sent += 1
    return sent
