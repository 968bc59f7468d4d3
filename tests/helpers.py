"""Helpers shared by the cross-app tests."""

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def run_cli(args: list[str], data_dir: Path, **env_extra: str) -> subprocess.CompletedProcess[str]:
    """Run `painwise ...` as a new process with a clean environment and its own data dir."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PAINWISE_", "DATABASE_URL", "DJANGO_"))
    }
    env.update({"PAINWISE_DATA_DIR": str(data_dir), **env_extra})
    return subprocess.run(
        [sys.executable, "-m", "painwise.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def post_json(client, path: str, data: object):
    return client.post(path, json.dumps(data), content_type="application/json")


def checkin_history(
    patient, days: int, pain=lambda i: 6 if i < 7 else 3, *, end: dt.date | None = None, **more
) -> None:
    """``days`` daily check-ins up to ``end`` (by default today, the server's date); day ``i``
    (0 the first) has pain ``pain(i)`` (by default a first week at 6, then 3: a meaningful
    change) and each other field of ``more`` its function's value for ``i``."""
    from painwise.lib import clock
    from painwise.tracking.models import CheckIn

    start = (end or clock.now().date()) - dt.timedelta(days=days - 1)
    CheckIn.objects.bulk_create(
        CheckIn(
            patient=patient,
            local_date=start + dt.timedelta(days=i),
            pain_now=5,
            pain_average=pain(i),
            **{name: value(i) for name, value in more.items()},
        )
        for i in range(days)
    )


PDF_NAME = "document.pdf"


def read_pdf(content: bytes, folder: Path) -> tuple[int, str]:
    """A PDF's page count and its text as poppler reads it (the test skips without poppler).
    The file stays in ``folder`` as ``PDF_NAME`` for a test that renders it."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("poppler-utils (pdfinfo, pdftotext, pdftoppm) are not installed")
    path = folder / PDF_NAME
    path.write_bytes(content)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return pages, text


def monthly_checks(patient, months: int) -> dt.date:
    """``months`` monthly beliefs checks, the last one today (the patient's date), each naming
    its month in the stated causes ("month 0" the oldest); returns today."""
    from painwise.tracking.models import BeliefsCheck
    from painwise.tracking.services import local_today

    today = local_today(patient)
    BeliefsCheck.objects.bulk_create(
        BeliefsCheck(
            patient=patient,
            local_date=today - dt.timedelta(days=30 * (months - 1 - month)),
            attribution_brain=month,
            attribution_causes=f"month {month}",
            fear_damage=5,
            fear_avoid=5,
            catastrophizing_cant_stop=5,
            catastrophizing_awful=5,
        )
        for month in range(months)
    )
    return today
