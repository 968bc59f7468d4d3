from django.urls import path

from painwise.program import views

app_name = "program"

urlpatterns = [
    path("today/", views.today, name="today"),
]
