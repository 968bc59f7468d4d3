from painwise.lib.routes import routes
from painwise.tracking import views

app_name = "tracking"

urlpatterns = routes(
    views,
    """
    checkin/                checkin
    entries/                entries
    entries/<int:pk>/edit/  edit
    goals/                  goals
    weekly/                 weekly
    beliefs/                beliefs
    review/                 review
    reminders/              reminders
    import/                 import_diary
    """,
)
