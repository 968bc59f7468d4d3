from django.contrib import admin
from django.urls import include, path

from painwise.api.v1 import api
from painwise.web import views

admin.site.site_header = "Painwise staff admin"
admin.site.site_title = "Painwise admin"

urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("help/", views.help_now, name="help"),
    path("sw.js", views.service_worker, name="service_worker"),
    path("offline/checkin/", views.offline_checkin, name="offline_checkin"),
    path("csrf.json", views.csrf_json, name="csrf_json"),
    path("accounts/", include("painwise.accounts.urls")),
    path("assessment/", include("painwise.assessment.urls")),
    path("track/", include("painwise.tracking.urls")),
    path("program/", include("painwise.program.urls")),
    path("", include("painwise.learn.urls")),
    path("practice/gmi/", include("painwise.gmi.urls")),
    path("practice/neurofeedback/", include("painwise.neurofeedback.urls")),
    path("practice/", include("painwise.calm.urls")),
    path("clinic/", include("painwise.clinic.urls")),
    path("my-data/", include("painwise.records.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

handler404 = "painwise.web.views.not_found"
handler500 = "painwise.web.views.server_error"
