from painwise.calm import views
from painwise.lib.routes import routes

app_name = "calm"

urlpatterns = routes(
    views,
    """
    sleep/          sleep
    breathe/        breathe
    breathe/log/    breathe_log
    mindful/                                mindful
    mindful/log/                            mindful_log
    mindful/<slug:key>/<int:minutes>/       mindful_session
    thoughts/                               thought_list
    thoughts/<int:pk>/                      thought
    thoughts/<int:pk>/step/<int:number>/    thought_step
    thoughts/<int:pk>/share/                thought_share
    activities/                             activities
    activities/<int:pk>/mark/               mark_activity
    problems/                               problems
    problems/<int:pk>/                      problem
    problems/<int:pk>/share/                problem_share
    """,
)
