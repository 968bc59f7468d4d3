"""The command line: clear one-line failures, and the system check."""

import pytest

from tests.helpers import run_cli


def run(args, tmp_path, **env_extra):
    return run_cli(args, tmp_path, **env_extra)


@pytest.mark.parametrize("command", ["check", "serve"])
@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "postgres://nobody@127.0.0.1:1/painwise",
            "cannot reach the database (PostgreSQL database 'painwise' at 127.0.0.1:1)",
        ),
        ("mysql://x@localhost/db", "DATABASE_URL must start with postgres:// or sqlite://"),
        ("nonsense", "DATABASE_URL is not a database address Painwise understands"),
    ],
)
def test_a_wrong_database_url_is_one_clear_line(tmp_path, command, url, expected):
    result = run([command], tmp_path, DATABASE_URL=url)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("painwise: ")
    assert expected in lines[0]
    assert "Traceback" not in result.stderr


def test_check_reports_pending_migrations_then_passes_after_setup(tmp_path):
    pending = run(["check"], tmp_path)
    assert pending.returncode == 1
    assert "not applied" in pending.stderr
    assert run(["setup", "--quiet"], tmp_path).returncode == 0
    ok = run(["check"], tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert "migrations: all applied" in ok.stdout


def test_serve_refuses_an_unmigrated_database(tmp_path):
    result = run(["serve", "--port", "0"], tmp_path)
    assert result.returncode == 1
    assert "run `painwise setup` first" in result.stderr
