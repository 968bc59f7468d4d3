"""Operator mistakes end in one clear line at start-up and in `painwise check`; the README's
production recipe passes `painwise check --deploy`; every PAINWISE_* setting is documented."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAINWISE = str(Path(sys.executable).with_name("painwise"))


def run(args, **env):
    return subprocess.run(  # noqa: S603
        [PAINWISE, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={
            k: v
            for k, v in {**os.environ, **env}.items()
            if k not in ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
        },
        check=False,
    )


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("operator")
    assert run(["setup", "--quiet"], PAINWISE_DATA_DIR=str(path), DATABASE_URL="").returncode == 0
    return path


@pytest.mark.parametrize("content", [None, "{not json", '["a list"]'])
def test_a_bad_official_wording_file_is_one_clear_line(data_dir, tmp_path, content):
    path = tmp_path / "wording.json"
    if content is not None:
        path.write_text(content)
    out = run(
        ["check"],
        PAINWISE_DATA_DIR=str(data_dir),
        DATABASE_URL="",
        PAINWISE_OFFICIAL_WORDING_FILE=str(path),
    )
    assert out.returncode != 0 and "painwise.E102" in out.stderr
    assert "PAINWISE_OFFICIAL_WORDING_FILE cannot be used" in out.stderr
    served = run(
        ["serve", "--port", "0"],
        PAINWISE_DATA_DIR=str(data_dir),
        DATABASE_URL="",
        PAINWISE_OFFICIAL_WORDING_FILE=str(path),
    )
    assert served.returncode == 2 and "painwise.E102" in served.stderr


def test_the_readme_production_recipe_passes_check_deploy(data_dir):
    recipe = {
        "PAINWISE_DATA_DIR": str(data_dir),
        "DATABASE_URL": "",
        "PAINWISE_SECRET_KEY": "x" * 20 + "a-long-random-production-secret-key-for-this-test",
        "PAINWISE_ALLOWED_HOSTS": "painwise.example.org",
        "PAINWISE_SITE_URL": "https://painwise.example.org",
        "PAINWISE_CSRF_TRUSTED_ORIGINS": "https://painwise.example.org",
        "PAINWISE_SMTP_HOST": "smtp.example.org",
    }
    out = run(["check", "--deploy"], **recipe)
    assert out.returncode == 0, out.stderr


def test_every_painwise_setting_is_in_the_readme_table():
    names = set()
    for path in (ROOT / "src" / "painwise").rglob("*.py"):
        names |= set(re.findall(r"env_\w+\(\s*\"(PAINWISE_\w+)\"", path.read_text()))
        names |= set(re.findall(r"os\.environ\.get\(\s*\"(PAINWISE_\w+)\"", path.read_text()))
    readme = (ROOT / "README.md").read_text()
    documented = set(re.findall(r"`(PAINWISE_\w+)`", readme))
    # Names written as a family in one row ("PAINWISE_SMTP_HOST`, `_PORT`...") count.
    families = {m.group(1) for m in re.finditer(r"`(PAINWISE_[A-Z]+)_\w+`, `_", readme)}
    missing = sorted(
        n for n in names if n not in documented and not any(n.startswith(f + "_") for f in families)
    )
    assert missing == [], f"not in the README's Configuration table: {missing}"


REUSE = """
from painwise.cli import setup_django
setup_django()
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.db.backends.signals import connection_created
from django.test.client import RequestFactory
opened = []
connection_created.connect(lambda sender, connection, **kw: opened.append(1), weak=False)
app = WSGIHandler()  # as a server calls it (the test client keeps connections open itself)

def three_requests():
    del opened[:]
    for _ in range(3):
        status = []
        environ = RequestFactory(HTTP_HOST="localhost")._base_environ(PATH_INFO="/api/v1/health")
        app(environ, lambda s, headers: status.append(s)).close()
        assert status == ["200 OK"], status
    return len(opened)

kept = three_requests()
connection.settings_dict["CONN_MAX_AGE"] = 0  # what PAINWISE_DB_CONN_MAX_AGE=0 sets
connection.close()
print(kept, three_requests())
"""


def test_the_default_sqlite_database_keeps_its_connection_between_requests(data_dir):
    """A new SQLite connection per request runs the pragmas again and, closing as the last one,
    checkpoints the WAL with an fsync; a kept connection skips both. Three requests open one
    connection by default, and three when connections are not kept."""
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE",)}
    env.update(PAINWISE_DATA_DIR=str(data_dir), DATABASE_URL="")
    env.pop("PAINWISE_DB_CONN_MAX_AGE", None)
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", REUSE], capture_output=True, text=True, env=env, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split()[-2:] == ["1", "3"]
