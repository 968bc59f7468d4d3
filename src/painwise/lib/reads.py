"""Reads that a page makes more than once, made once per page view.

A page view (GET or HEAD) writes nothing (tests/test_reads_do_not_write.py), so what it reads
cannot change while it runs: the red-flag gate, the plan and the practice list can each ask for
the program's status and the current plan, and the database is asked once. A request that may
write (POST and the rest), the worker and the command line read afresh every time.
"""

from collections.abc import Callable, Hashable
from contextvars import ContextVar
from typing import Any

from django.http import HttpRequest, HttpResponse

_VIEW: ContextVar[dict[Hashable, Any] | None] = ContextVar("painwise_page_view", default=None)
SAFE_METHODS = ("GET", "HEAD")


def once_per_view[T](key: Hashable, read: Callable[[], T]) -> T:
    """``read()``, or what it gave earlier in this page view."""
    seen = _VIEW.get()
    if seen is None:
        return read()
    if key not in seen:
        seen[key] = read()
    return seen[key]  # type: ignore[no-any-return]


class ReadOncePerViewMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _VIEW.set({} if request.method in SAFE_METHODS else None)
        try:
            return self.get_response(request)
        finally:
            _VIEW.reset(token)
