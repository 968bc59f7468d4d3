from painwise.gmi import views
from painwise.lib.routes import routes

app_name = "gmi"

urlpatterns = routes(
    views,
    """
    /                       home
    <int:pk>/               trainer
    <int:pk>/answer/        answer
    <int:pk>/end/           end
    <int:pk>/results/       results
    imagery/                imagery
    imagery/<int:pk>/       imagery_session
    """,
)
