"""The security baseline: headers, cookies, CSP, password hashing, deploy checks."""

import pytest
from django.urls import reverse

from tests.helpers import run_cli


def test_production_hashes_passwords_with_argon2():
    from painwise.web import settings as production

    assert production.PASSWORD_HASHERS[0] == "painwise.accounts.hashers.Argon2Hasher"


def test_argon2_cost_comes_from_the_named_settings(settings):
    from django.contrib.auth.hashers import Argon2PasswordHasher

    from painwise.accounts.hashers import Argon2Hasher

    settings.PAINWISE_ARGON2_TIME_COST = 3
    settings.PAINWISE_ARGON2_MEMORY_KIB = 8192
    settings.PAINWISE_ARGON2_PARALLELISM = 1
    hasher = Argon2Hasher()
    encoded = hasher.encode("a long quiet river", hasher.salt())
    assert "m=8192,t=3,p=1" in encoded and hasher.verify("a long quiet river", encoded)
    assert hasher.algorithm == Argon2PasswordHasher.algorithm  # old hashes still verify
    assert hasher.must_update(Argon2PasswordHasher().encode("x", hasher.salt()))


@pytest.mark.django_db
def test_pages_carry_a_nonce_csp_and_refuse_framing(client):
    response = client.get(reverse("accounts:signup"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    nonce = csp.split("'nonce-")[1].split("'")[0]
    html = response.content.decode()
    # Every script tag is an external file carrying the nonce; nothing inline.
    assert html.count("<script") == html.count(f'nonce="{nonce}"') >= 1
    assert "<script>" not in html


def _run(args, env_extra, tmp_path):
    return run_cli(args, tmp_path, **env_extra)


def test_deploy_check_passes_with_production_settings(tmp_path):
    result = _run(
        ["manage", "check", "--deploy", "--fail-level", "WARNING"],
        {
            "PAINWISE_SECRET_KEY": "x" * 60 + "production-like-secret-key-value",
            "PAINWISE_ALLOWED_HOSTS": "painwise.example.org",
            "PAINWISE_HSTS_PRELOAD": "1",
            "PAINWISE_SMTP_HOST": "smtp.painwise.example.org",
        },
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_debug_is_off_unless_asked_for_and_the_secret_key_is_generated_once(tmp_path):
    code = "from django.conf import settings; print(settings.DEBUG, settings.SESSION_COOKIE_SECURE, settings.SECURE_HSTS_SECONDS > 0, settings.SECRET_KEY)"
    first = _run(["manage", "shell", "--no-imports", "-c", code], {}, tmp_path)
    second = _run(["manage", "shell", "--no-imports", "-c", code], {}, tmp_path)
    assert first.returncode == 0, first.stderr
    debug, secure_cookie, hsts, key = first.stdout.split()
    assert (debug, secure_cookie, hsts) == ("False", "True", "True")
    assert len(key) > 50 and second.stdout.split()[-1] == key
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_the_sqlite_default_lives_in_the_data_dir_in_wal_mode(tmp_path):
    code = (
        "from django.db import connection; c = connection.cursor(); "
        "c.execute('PRAGMA journal_mode'); print(connection.settings_dict['NAME'], c.fetchone()[0])"
    )
    result = _run(["manage", "shell", "--no-imports", "-c", code], {}, tmp_path)
    assert result.returncode == 0, result.stderr
    name, mode = result.stdout.split()
    assert name == str(tmp_path / "painwise.sqlite3")
    assert mode == "wal"
