from painwise.lib.routes import routes
from painwise.records import views

app_name = "records"

urlpatterns = routes(
    views,
    """
    /                       my_data
    download/<str:kind>/    download
    delete/                 delete
    deleted/                deleted
    """,
)
