from django.contrib import admin
from django.urls import include, path

from painwise.api.v1 import api
from painwise.lib.routes import routes
from painwise.web import views

admin.site.site_header = "Painwise staff admin"
admin.site.site_title = "Painwise admin"

# The project's own few pages, then each app's table under its prefix.
urlpatterns = routes(
    views,
    """
    /                   home
    about/              about
    help/               help_now    help
    sw.js               service_worker
    offline/checkin/    offline_checkin
    csrf.json           csrf_json
    """,
) + [
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
