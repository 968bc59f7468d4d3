from painwise.lib.routes import routes
from painwise.program import views

app_name = "program"

urlpatterns = routes(
    views,
    """
    today/                  today
    tolerance/              tolerance
    log/                    log
    plan/                   plan_view        plan
    plan/preferences/       preferences
    progress/               progress
    exercises/              exercise_list    exercises
    exercises/<slug:slug>/  exercise_detail  exercise
    flare/                  flare
    flare/plan/             flare_plan
    """,
)
