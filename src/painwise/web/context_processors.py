from typing import Any

from django.http import HttpRequest

from painwise import __version__


def painwise(request: HttpRequest) -> dict[str, Any]:
    return {"painwise_version": __version__}
