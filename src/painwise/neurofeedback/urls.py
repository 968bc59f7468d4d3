from painwise.lib.routes import routes
from painwise.neurofeedback import views

app_name = "neurofeedback"

urlpatterns = routes(
    views,
    """
    /                       home
    start/                  start
    <int:pk>/               session
    <int:pk>/status/        status
    """,
)
