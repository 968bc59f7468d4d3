"""Test settings: the real settings plus the speed-ups every fast Django suite uses.

Only what tests cannot live without is changed here; production behaviour stays under test.
"""

import os
import tempfile

os.environ.setdefault("PAINWISE_DATA_DIR", tempfile.mkdtemp(prefix="painwise-test-"))

from painwise.web.settings import *  # noqa: E402,F403
from painwise.web.settings import STORAGES  # noqa: E402

# A fast hasher: Argon2 is deliberately slow; tests/test_settings.py checks production uses it.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# Tasks run inside enqueue() in tests; the worker test switches back to the database backend.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SECURE_SSL_REDIRECT = False
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405 - whitenoise warns when it is missing

# SQLite tests use a real file, not shared-cache memory: the same WAL mode, busy timeout and
# locking as production, so concurrency tests mean something.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}  # noqa: F405
else:
    # PostgreSQL: a test database need not survive a power cut, so commits do not wait for the
    # disk (the same speed-up as the fast hasher; locking and isolation are unchanged).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"  # noqa: F405
