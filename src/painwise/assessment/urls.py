from django.urls import path

from painwise.assessment import views

app_name = "assessment"

urlpatterns = [
    path("", views.start, name="start"),
    path("step/<slug:slug>/", views.step, name="step"),
    path("check/", views.check, name="check"),
    path("restart/", views.restart, name="restart"),
    path("status/", views.status, name="status"),
    path("history/", views.history, name="history"),
    path("results/<int:pk>/", views.result, name="result"),
    path("results/<int:pk>/help-now/", views.crisis_page, name="crisis"),
]
