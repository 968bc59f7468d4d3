"""Secrets stay out of the logs: the key of a one-time sign-in link is in its address, so the
server's access log and Django's request log show that part as [redacted]."""

import logging
import re
from typing import Any

from gunicorn.glogging import Logger

_LINK = re.compile(r"(/accounts/link/)[^/?#\s\"]+")


def redact(text: str) -> str:
    return _LINK.sub(r"\1[redacted]", text)


class RedactingLogger(Logger):  # type: ignore[misc]
    """gunicorn's access log, with sign-in link keys redacted (`painwise serve` uses it)."""

    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> dict[str, Any]:
        atoms: dict[str, Any] = super().atoms(resp, req, environ, request_time)
        for name in ("r", "U", "q", "f"):
            if isinstance(atoms.get(name), str):
                atoms[name] = redact(atoms[name])
        return atoms


class RedactFilter(logging.Filter):
    """For Django's own log lines ("Gone: /accounts/link/...")."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "/accounts/link/" in message:
            record.msg, record.args = redact(message), ()
        return True
