from painwise.learn import views
from painwise.lib.routes import routes

app_name = "learn"

urlpatterns = routes(
    views,
    """
    learn/                              lessons
    learn/<slug:lesson_id>/             lesson
    learn/<slug:lesson_id>/opened/      opened
    practice/                           practice
    practice/somatic/                   somatic
    practice/somatic/<int:pk>/          somatic_session
    practice/journal/                   journal
    practice/journal/pattern/           accept_pattern
    practice/journal/<int:pk>/share/    share
    practice/ladder/                    ladder
    practice/ladder/<int:pk>/remove/    remove_step
    practice/ladder/<int:pk>/try/       try_step
    practice/ladder/<int:pk>/goal/      make_goal
    practice/experiment/<int:pk>/       trial
    """,
)
