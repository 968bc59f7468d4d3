from django.urls import path

from painwise.tracking import views

app_name = "tracking"

urlpatterns = [
    path("checkin/", views.checkin, name="checkin"),
    path("entries/", views.entries, name="entries"),
    path("entries/<int:pk>/edit/", views.edit, name="edit"),
    path("goals/", views.goals, name="goals"),
    path("weekly/", views.weekly, name="weekly"),
    path("beliefs/", views.beliefs, name="beliefs"),
    path("review/", views.review, name="review"),
    path("reminders/", views.reminders, name="reminders"),
]
