"""Helpers shared by the cross-app tests."""

import json
import os
import subprocess
import sys
from pathlib import Path


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
