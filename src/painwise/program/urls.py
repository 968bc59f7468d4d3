from django.urls import path

from painwise.program import views

app_name = "program"

urlpatterns = [
    path("today/", views.today, name="today"),
    path("tolerance/", views.tolerance, name="tolerance"),
    path("log/", views.log, name="log"),
    path("plan/", views.plan_view, name="plan"),
    path("plan/preferences/", views.preferences, name="preferences"),
    path("progress/", views.progress, name="progress"),
    path("exercises/", views.exercise_list, name="exercises"),
    path("exercises/<slug:slug>/", views.exercise_detail, name="exercise"),
    path("flare/", views.flare, name="flare"),
    path("flare/plan/", views.flare_plan, name="flare_plan"),
]
