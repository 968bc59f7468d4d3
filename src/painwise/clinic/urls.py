from django.urls import path

from painwise.clinic import views

app_name = "clinic"

urlpatterns = [
    path("", views.home, name="home"),
    path("patients/<int:patient_id>/", views.patient_detail, name="patient"),
]
