from django.urls import path

from painwise.records import views

app_name = "records"

urlpatterns = [
    path("", views.my_data, name="my_data"),
    path("download/<str:kind>/", views.download, name="download"),
    path("delete/", views.delete, name="delete"),
    path("deleted/", views.deleted, name="deleted"),
]
