"""Django settings for Painwise, read from environment variables (see README "Configuration").

With no variables set, Painwise runs on an embedded SQLite database in the data directory.
``DATABASE_URL=postgres://...`` switches to PostgreSQL with no code change.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from painwise.web.env import (
    default_data_dir,
    discover_languages,
    env_flag,
    env_int,
    env_list,
    env_secret,
    env_str,
    secret_key_from,
)

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = default_data_dir()

DEBUG = env_flag("PAINWISE_DEBUG", default=False)
SECRET_KEY = env_secret("PAINWISE_SECRET_KEY") or secret_key_from(DATA_DIR)
ALLOWED_HOSTS = env_list("PAINWISE_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
SITE_URL = env_str("PAINWISE_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env_list("PAINWISE_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "ninja",
    "django_tasks_db",
    "painwise.web",
    "painwise.accounts",
    "painwise.audit",
    "painwise.alerts",
    "painwise.clinic",
    "painwise.records",
    "painwise.assessment",
    "painwise.tracking",
    "painwise.program",
    "painwise.learn",
    "painwise.gmi",
    "painwise.calm",
    "painwise.neurofeedback",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A page view reads the program's status and plan once, however many parts ask (lib/reads).
    "painwise.lib.reads.ReadOncePerViewMiddleware",
    "painwise.accounts.middleware.UserTimeZoneMiddleware",
    "painwise.web.middleware.NoStoreMiddleware",
    # A retried API POST with its Idempotency-Key gets the first answer back (api/idempotency.py).
    "painwise.api.idempotency.IdempotencyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # AxesMiddleware must be last: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "painwise.web.urls"
WSGI_APPLICATION = "painwise.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "painwise.web.context_processors.painwise",
                "painwise.tracking.context_processors.checkin_banner",
                "painwise.assessment.context_processors.safety",
            ],
        },
    }
]

# --- Storage ---------------------------------------------------------------------------------
# SQLite: WAL lets readers and one writer work at once; IMMEDIATE transactions take the write
# lock up front so two simultaneous saves queue instead of failing with "database is locked";
# synchronous=FULL so that an acknowledged save survives even a power cut. Connections are kept
# between requests on both databases (PAINWISE_DB_CONN_MAX_AGE seconds): a new SQLite connection
# per request also ran the pragmas and, when it closed as the last one, checkpointed the WAL with
# an fsync: about half of a check-in's time in-process (8.9 -> 4.4 ms, measured).
_CONN_MAX_AGE = env_int("PAINWISE_DB_CONN_MAX_AGE", 60)
_SQLITE_PATH = DATA_DIR / "painwise.sqlite3"
_database_url = env_str("DATABASE_URL")
if _database_url:
    try:
        DATABASES = {
            "default": dj_database_url.parse(
                _database_url,
                conn_max_age=_CONN_MAX_AGE,
                conn_health_checks=True,
            )
        }
    except (ValueError, KeyError) as exc:
        raise ImproperlyConfigured(
            f"DATABASE_URL is not a database address Painwise understands: {exc}"
        ) from None
    if DATABASES["default"]["ENGINE"] not in (
        "django.db.backends.postgresql",
        "django.db.backends.sqlite3",
    ):
        raise ImproperlyConfigured("DATABASE_URL must start with postgres:// or sqlite://")
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": _SQLITE_PATH,
            "CONN_MAX_AGE": _CONN_MAX_AGE,
            "CONN_HEALTH_CHECKS": True,
        }
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
    if str(DATABASES["default"]["NAME"]) != ":memory:":
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts --------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # AxesStandaloneBackend must come first: it refuses logins while an account is locked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "painwise.accounts.hashers.Argon2Hasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 3

# Login throttling (django-axes): lock a username from one address after repeated failures.
AXES_FAILURE_LIMIT = env_int("PAINWISE_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("PAINWISE_LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "painwise.accounts.views.locked_out"
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False
# The client address behind reverse proxies, and the caps checked before any password is
# hashed (painwise/accounts/throttle.py).
AXES_CLIENT_IP_CALLABLE = "painwise.accounts.throttle.client_ip"
# Argon2's cost (Django's defaults): a wrong password costs the server this much each time.
PAINWISE_ARGON2_TIME_COST = env_int("PAINWISE_ARGON2_TIME_COST", 2)
PAINWISE_ARGON2_MEMORY_KIB = env_int("PAINWISE_ARGON2_MEMORY_KIB", 102400)
PAINWISE_ARGON2_PARALLELISM = env_int("PAINWISE_ARGON2_PARALLELISM", 8)
PAINWISE_TRUSTED_PROXIES = env_int("PAINWISE_TRUSTED_PROXIES", 0)
PAINWISE_LOGIN_FAILURES_PER_ADDRESS = env_int("PAINWISE_LOGIN_FAILURES_PER_ADDRESS", 30)
PAINWISE_LOGIN_FAILURES_PER_ACCOUNT = env_int("PAINWISE_LOGIN_FAILURES_PER_ACCOUNT", 10)

# --- Security --------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("PAINWISE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_flag("PAINWISE_HSTS_PRELOAD", default=False)
    if not SECURE_HSTS_PRELOAD:
        # Preloading is a choice that is hard to undo (browsers ship the list), so it is opt-in
        # and its absence is not a fault of the deployment.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
    # TLS ends at the reverse proxy, which must set X-Forwarded-Proto (see README "Production").
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_flag("PAINWISE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^api/v1/health$"]

# Content-Security-Policy: only our own files, scripts need a per-request nonce, nothing inline.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    # The live neurofeedback stream comes from the acquisition on the person's own computer
    # (docs/neurofeedback.md), on a port it picks.
    "connect-src": [CSP.SELF, "http://127.0.0.1:*"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# --- Time and language -----------------------------------------------------------------------
USE_TZ = True
TIME_ZONE = "UTC"
USE_I18N = True
LANGUAGE_CODE = "en"
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# English ships; a translation is added by dropping its catalogue into painwise/locale/<code>/
# (makemessages, translate, compilemessages): it is offered from then on, with no code change.
LANGUAGES = discover_languages(PACKAGE_DIR / "locale")

# --- Static files ----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if DEBUG:
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    # People trying Painwise with `make run` see its own 404 page, not Django's debug page.
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.middleware.common.CommonMiddleware"),
        "painwise.web.middleware.FriendlyNotFoundMiddleware",
    )
    WHITENOISE_USE_FINDERS = True
    WHITENOISE_AUTOREFRESH = True

# --- Email -----------------------------------------------------------------------------------
# Console by default (emails are printed by the server and the worker); SMTP when a host is set.
DEFAULT_FROM_EMAIL = env_str("PAINWISE_FROM_EMAIL", "Painwise <painwise@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
_smtp_host = env_str("PAINWISE_SMTP_HOST")
if _smtp_host:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": _smtp_host,
                "port": env_int("PAINWISE_SMTP_PORT", 587),
                "username": env_str("PAINWISE_SMTP_USER"),
                "password": env_secret("PAINWISE_SMTP_PASSWORD") or "",
                "use_tls": env_flag("PAINWISE_SMTP_TLS", default=True),
                "timeout": 20,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}

# --- Background tasks ------------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# --- Logging ---------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "filters": {"redact": {"()": "painwise.web.logs.RedactFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["redact"]}
    },
    "root": {"handlers": ["console"], "level": env_str("PAINWISE_LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},  # fpdf2 subsetting fonts for the visit PDF
        "fpdf": {"level": "WARNING"},
        # Django's own handlers (set before ours) would print request lines unfiltered.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# --- Painwise --------------------------------------------------------------------------------
# Crisis resources shown at once when a mood answer needs a safety response. A clinic sets its
# own country; the texts live in painwise/assessment/crisis.py.
PAINWISE_CRISIS_COUNTRY = env_str("PAINWISE_CRISIS_COUNTRY", "default")

# Sign-ups from one address in an hour (a throttle: being a Painwise user is health data).
PAINWISE_SIGNUPS_PER_HOUR = env_int("PAINWISE_SIGNUPS_PER_HOUR", 5)

# How long an API token works; a password change or a deactivated account ends it sooner.
PAINWISE_API_TOKEN_DAYS = env_int("PAINWISE_API_TOKEN_DAYS", 90)

# How long an Idempotency-Key (API) or a form's one-time token is remembered.
PAINWISE_IDEMPOTENCY_HOURS = env_int("PAINWISE_IDEMPOTENCY_HOURS", 24)

# --- Neurofeedback (docs/neurofeedback.md) ---------------------------------------------------
# "local": the server starts the acquisition itself, beside the headset (the default install,
# one person's computer). "remote": the person runs `painwise neurofeedback run` on their own
# computer, which talks to this server through the API.
PAINWISE_NF_ACQUIRE = env_str("PAINWISE_NF_ACQUIRE", "local")
PAINWISE_NF_BASELINE_SECONDS = env_int("PAINWISE_NF_BASELINE_SECONDS", 60)
# A clinic's own protocol, as JSON terms (docs/rules/neurofeedback.md, nf_protocol_custom), e.g.
# {"terms": [{"band": "alpha", "sites": ["C4"], "direction": "up", "weight": 1}]}
PAINWISE_NF_CUSTOM_PROTOCOL = env_str("PAINWISE_NF_CUSTOM_PROTOCOL")
# Move the alpha and theta bands to each person's alpha peak, found in their quiet minute.
PAINWISE_NF_INDIVIDUAL_ALPHA = env_flag("PAINWISE_NF_INDIVIDUAL_ALPHA", default=False)
# A licensed clinic may load official questionnaire wording from a JSON file (see docs).
PAINWISE_OFFICIAL_WORDING_FILE = env_str("PAINWISE_OFFICIAL_WORDING_FILE")
