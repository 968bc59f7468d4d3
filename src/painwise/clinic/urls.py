from django.urls import path

from painwise.clinic import views

app_name = "clinic"

urlpatterns = [
    path("", views.home, name="home"),
    path("patients/<int:patient_id>/", views.patient_detail, name="patient"),
    path(
        "patients/<int:patient_id>/assessments/<int:pk>/",
        views.assessment_detail,
        name="assessment",
    ),
    path("patients/<int:patient_id>/assessments/<int:pk>/clear/", views.clear, name="clear"),
    path("patients/<int:patient_id>/assessments/<int:pk>/exam/", views.add_exam, name="exam"),
    path("patients/<int:patient_id>/plan/", views.adjust_plan, name="plan"),
    path(
        "patients/<int:patient_id>/alerts/<int:alert_id>/resolve/",
        views.resolve,
        name="resolve_alert",
    ),
]
