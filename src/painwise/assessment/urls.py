from painwise.assessment import views
from painwise.lib.routes import routes

app_name = "assessment"

urlpatterns = routes(
    views,
    """
    /                           start
    step/<slug:slug>/           step
    help-now/                   answer_help
    check/                      check
    restart/                    restart
    status/                     status
    history/                    history
    results/<int:pk>/           result
    results/<int:pk>/help-now/  crisis_page  crisis
    """,
)
