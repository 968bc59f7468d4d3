from painwise.clinic import views
from painwise.lib.routes import routes

app_name = "clinic"

urlpatterns = routes(
    views,
    """
    /                                                         home
    patients/<int:patient_id>/                                patient_detail     patient
    patients/<int:patient_id>/assessments/<int:pk>/           assessment_detail  assessment
    patients/<int:patient_id>/assessments/<int:pk>/clear/     clear
    patients/<int:patient_id>/assessments/<int:pk>/exam/      add_exam           exam
    patients/<int:patient_id>/plan/                           adjust_plan        plan
    patients/<int:patient_id>/alerts/<int:alert_id>/resolve/  resolve            resolve_alert
    patients/<int:patient_id>/notes/                          note
    patients/<int:patient_id>/unlink/                         unlink
    patients/<int:patient_id>/teams/                          share
    patients/<int:patient_id>/teams/<int:share_id>/stop/      unshare
    patients/<int:patient_id>/report.pdf                      report
    patients/<int:patient_id>/fhir.json                       fhir_export        fhir
    patients/<int:patient_id>/import/                         import_diary
    invitations/                                              invite
    invitations/<int:invitation_id>/withdraw/                 withdraw
    outcomes/                                                 outcomes
    """,
)
