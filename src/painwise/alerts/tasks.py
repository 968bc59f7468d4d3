"""Tell the care team by email when an alert that cannot wait is raised.

The email carries no clinical detail (email is not a safe place for it): only that an alert
needs attention, and a link to the patient's page in Painwise.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from painwise.accounts.access import clinicians_of
from painwise.alerts.models import Alert

NOTIFY_KINDS = ("emergency", "safety", "urgent")


@task
def notify_clinicians(alert_id: int) -> int:
    alert = Alert.objects.select_related("patient").get(pk=alert_id)
    link = settings.SITE_URL + reverse("clinic:patient", args=[alert.patient_id])
    sent = 0
    for clinician in clinicians_of(alert.patient):
        with translation.override("en"):
            context = {"alert": alert, "clinician": clinician, "link": link}
            subject = render_to_string("alerts/email/alert_subject.txt", context).strip()
            body = render_to_string("alerts/email/alert.txt", context)
        send_mail(subject, body, None, [clinician.email])
        sent += 1
    return sent
