"""Starting the acquisition beside a local Painwise (PAINWISE_NF_ACQUIRE=local, the default
install): a separate process on this computer, started once per session, that talks to this
server through the API with the session's key. The web worker that starts it returns at once;
the process ends by itself when the session does (or when its page has been gone a while)."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from painwise.neurofeedback.models import NfSession


def start_local(session: NfSession, server: str) -> None:
    logs = Path(settings.DATA_DIR) / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PAINWISE_NF_KEY": session.stream_key}  # not on the command line
    with (logs / f"neurofeedback-{session.pk}.log").open("ab") as log:
        subprocess.Popen(  # noqa: S603 - our own command, no shell, no user text
            [
                sys.executable,
                "-m",
                "painwise.cli",
                "neurofeedback",
                "run",
                "--server",
                server,
                "--session",
                str(session.pk),
            ],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            env=env,
            start_new_session=True,
        )
