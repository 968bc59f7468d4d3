"""URL tables: each app's pages as a small table, one line per page.

    routes(views, '''
        /                   start
        step/<slug:slug>/   step
        results/<int:pk>/   result
        plan/               plan_view    plan
    ''')

Each line is the route ("/" for the app's root), the view's name in ``views`` (a function, or a
class-based view, which is served through ``as_view()``), and the URL name when it differs from
the view's. A name that is not in ``views`` fails at start-up.
"""

from types import ModuleType

from django.urls import URLPattern, path


def routes(views: ModuleType, table: str) -> list[URLPattern]:
    patterns = []
    for line in table.strip().splitlines():
        route, view_name, *name = line.split()
        view = getattr(views, view_name)
        if isinstance(view, type):
            view = view.as_view()
        patterns.append(
            path("" if route == "/" else route, view, name=name[0] if name else view_name)
        )
    return patterns
