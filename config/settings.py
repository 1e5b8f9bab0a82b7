"""Intake's one settings module, driven by the environment (see .env.example and the README).

INTAKE_ENV selects sensible defaults: ``production`` (the default: nothing insecure is assumed),
``development`` (what ``make run`` writes to .env) and ``test`` (what ``make test`` sets).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def _load_dotenv(path: Path) -> None:
    """Reads KEY=VALUE lines of a local .env into the environment (the environment wins)."""
    if not path.is_file():
        return
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        os.environ.setdefault(key.strip(), value.strip().strip("'\""))


# A local .env (written by `make run`) is read unless INTAKE_DOTENV_FILE names another or is empty.
_dotenv = os.environ.get("INTAKE_DOTENV_FILE", str(BASE_DIR / ".env"))
if _dotenv and os.environ.get("INTAKE_ENV") != "test":
    _load_dotenv(Path(_dotenv))


def env(name: str, default: str = "") -> str:
    """An environment variable; unset and empty both mean the default."""
    value = os.environ.get(name, "").strip()
    return value or default


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


INTAKE_ENV = env("INTAKE_ENV", "production")
if INTAKE_ENV not in {"production", "development", "test"}:
    raise ImproperlyConfigured("INTAKE_ENV must be production, development or test.")
TESTING = INTAKE_ENV == "test"
DEVELOPMENT = INTAKE_ENV == "development"

DEBUG = env_bool("DEBUG", False)
# Demo mode: demo accounts with printed passwords and the development mailbox page.
INTAKE_DEMO = env_bool("INTAKE_DEMO", DEVELOPMENT)
if INTAKE_DEMO and INTAKE_ENV == "production":
    raise ImproperlyConfigured("INTAKE_DEMO cannot be enabled when INTAKE_ENV=production.")

SECRET_KEY = env("SECRET_KEY", "")
if not SECRET_KEY:
    if INTAKE_ENV == "production":
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. In production set it in the environment; "
            "to try Intake locally run 'make run' (it writes a .env for you)."
        )
    SECRET_KEY = "insecure-key-for-" + INTAKE_ENV + "-only-never-in-production-0123456789"

# Behind HTTPS (production): secure cookies, HSTS, redirect to https.
INTAKE_HTTPS = env_bool("INTAKE_HTTPS", INTAKE_ENV == "production")

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", "127.0.0.1,localhost" if INTAKE_ENV != "production" else ""
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",  # full-text search (SearchVectorField); inert on SQLite
    "django.contrib.humanize",
    "django.forms",
    "django_htmx",
    "bootstrap",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks_db",
    "intake.core",
    "intake.accounts",
    "intake.newsletter",
    "intake.programme",
    "intake.content",
    "intake.api",
    "intake.applications",
    "intake.selection",
    "intake.placements",
    "intake.onboarding",
    "intake.community",
    "intake.backoffice",
    "intake.portal",
    "intake.site",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "intake.core.middleware.RequestGuardMiddleware",  # before anything reads the body
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "intake.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "intake.accounts.middleware.StaffMFAMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "intake.accounts.context_processors.site",
            ],
            # |date with « 1er » for the first of a month in French (in place of Django's).
            "builtins": ["intake.core.templatetags.dates"],
        },
    }
]
FORM_RENDERER = "intake.core.forms.IntakeFormRenderer"

# --- Database: SQLite unless DATABASE_URL says otherwise -----------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(env("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # IMMEDIATE: a writing transaction takes the write lock at BEGIN, so concurrent
        # writers wait (timeout) instead of failing half-way.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # Tests use a file so that a real worker process can share the test database.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / ".test-db.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache: Redis when REDIS_URL is set, else the database (shared by every process) --------
REDIS_URL = env("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "intake.core.cache_backends.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "intake_cache",
        }
    }
if TESTING:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Server-side sessions only: allauth keeps codes in the session, a signed cookie would leak them.
# With Redis, sessions are read from the cache and written through to the database (a signed-in
# request costs one query fewer; a cache flush logs nobody out).
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if REDIS_URL
    else "django.contrib.sessions.backends.db"
)
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- Authentication -------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "intake.accounts.passwords.PolicyValidator"},
    {"NAME": "intake.accounts.passwords.PersonalInformationValidator"},
    {"NAME": "intake.accounts.passwords.CommonPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:dashboard"

ACCOUNT_ADAPTER = "intake.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {
    "login": "intake.accounts.forms.LoginForm",
    "signup": "intake.accounts.forms.SignupForm",
    "change_password": "intake.accounts.forms.ChangePasswordForm",
}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_TIMEOUT = 15 * 60
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False  # Intake's own reset-by-code flow replaces it.
ACCOUNT_RATE_LIMITS = {
    # Successful logins per IP: a campus behind one NAT address may need more (LOGIN_RATE_LIMIT).
    "login": env("LOGIN_RATE_LIMIT", "30/m/ip"),
    # Failed logins: per IP, and per account with a 5-minute cool-off (never a permanent lock).
    "login_failed": "10/m/ip,5/5m/key",
    # Intake's password reset by code (see intake/accounts/reset.py).
    "reset_code_request": "20/m/ip,5/h/key",
    "reset_code_resend": "20/m/ip",  # plus the per-reset cool-off kept in the database
    "reset_code_check": "30/m/ip",
    "newsletter_subscribe": "10/m/ip,3/h/key",
    "contact": "5/h/ip,3/h/key",
    "referee_link": "30/m/ip",
}
ALLAUTH_TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0"))
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Intake"

# Intake's reset-by-code rules (docs/decisions/0004-password-reset-by-code.md).
PASSWORD_RESET_CODE_TTL_SECONDS = 10 * 60
PASSWORD_RESET_MAX_WRONG_CODES = 3
PASSWORD_RESET_MAX_RESENDS = 3
PASSWORD_RESET_RESEND_COOLDOWN_SECONDS = 30
PASSWORD_RESET_MAX_CHECKS_PER_ACCOUNT_PER_HOUR = 10
PASSWORD_RESET_MAX_CODES_PER_ACCOUNT_PER_HOUR = 6

# --- Email ----------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", "NATO Internship Programme <no-reply@intake.localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
PROGRAMME_MAILBOX = env("PROGRAMME_MAILBOX", "internships@hq.nato.int")
EMAIL_TRANSPORT = env("EMAIL_TRANSPORT", "smtp" if INTAKE_ENV == "production" else "devmailbox")
if EMAIL_TRANSPORT == "smtp":
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env("SMTP_HOST", "localhost"),
                "port": int(env("SMTP_PORT", "25")),
                "username": env("SMTP_USER", ""),
                "password": env("SMTP_PASSWORD", ""),
                "use_tls": env_bool("SMTP_STARTTLS", False),
                "use_ssl": env_bool("SMTP_SSL", False),
                "timeout": int(env("SMTP_TIMEOUT", "30")),
            },
        }
    }
elif EMAIL_TRANSPORT == "devmailbox":
    MAILERS = {
        "default": {
            "BACKEND": "intake.core.mail_backends.DevMailboxBackend",
            "OPTIONS": {
                "echo": not TESTING,
                "delay": float(env("DEVMAILBOX_DELAY", "0")),
            },
        }
    }
elif EMAIL_TRANSPORT == "console":
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
else:
    raise ImproperlyConfigured("EMAIL_TRANSPORT must be smtp, devmailbox or console.")
# Outbox: how many times a failing message is retried, and when a claimed one is stale.
OUTBOX_MAX_ATTEMPTS = int(env("OUTBOX_MAX_ATTEMPTS", "8"))
OUTBOX_SWEEP_SECONDS = int(env("OUTBOX_SWEEP_SECONDS", "60"))
# Selection: days a selected candidate has to confirm their interest.
INTEREST_CONFIRM_DAYS = int(env("INTEREST_CONFIRM_DAYS", "14"))
# Placements: the first start date is at least this many days after the clearance is granted,
# and a candidate has this many days to answer the final offer.
PLACEMENT_START_LEAD_DAYS = int(env("PLACEMENT_START_LEAD_DAYS", "28"))
OFFER_ANSWER_DAYS = int(env("OFFER_ANSWER_DAYS", "10"))
# A referee's link works once, for this many days; one reminder after REFEREE_REMINDER_DAYS.
REFEREE_LINK_DAYS = int(env("REFEREE_LINK_DAYS", "21"))
REFEREE_REMINDER_DAYS = int(env("REFEREE_REMINDER_DAYS", "7"))
# Arrival (decision 0016): the special identity card request is due this many days after the
# start date; a late request is reminded every ID_CARD_REMINDER_DAYS.
ID_CARD_DUE_DAYS = int(env("ID_CARD_DUE_DAYS", "10"))
ID_CARD_REMINDER_DAYS = int(env("ID_CARD_REMINDER_DAYS", "5"))
# The community board (decision 0017): how many posts (threads and replies) a member may write in
# ten minutes and in a day.
COMMUNITY_POSTS_PER_10_MIN = int(env("COMMUNITY_POSTS_PER_10_MIN", "5"))
COMMUNITY_POSTS_PER_DAY = int(env("COMMUNITY_POSTS_PER_DAY", "30"))
# A follower who asked for the digest gets at most one every COMMUNITY_DIGEST_HOURS.
COMMUNITY_DIGEST_HOURS = int(env("COMMUNITY_DIGEST_HOURS", "24"))
# The online assessment: "manual" (staff record results) or "webhook" (an external platform that
# calls back, signed with ASSESSMENT_WEBHOOK_SECRET); its link is made from the template.
ASSESSMENT_PROVIDER = env("ASSESSMENT_PROVIDER", "manual")
ASSESSMENT_LINK_TEMPLATE = env(
    "ASSESSMENT_LINK_TEMPLATE", "https://assessment.example.org/take/{id}?extra={extra_minutes}"
)
ASSESSMENT_WEBHOOK_SECRET = env("ASSESSMENT_WEBHOOK_SECRET", "")
ASSESSMENT_DAYS = int(env("ASSESSMENT_DAYS", "14"))
ASSESSMENT_REMINDER_DAYS = [
    int(d) for d in env("ASSESSMENT_REMINDER_DAYS", "7,2").split(",") if d.strip()
]
# The worker looks for pending email this often; a process enqueues at most one flush task per
# OUTBOX_KICK_SECONDS (the rest wait for that flush or for the poll).
OUTBOX_POLL_SECONDS = float(env("OUTBOX_POLL_SECONDS", "2"))
OUTBOX_KICK_SECONDS = float(env("OUTBOX_KICK_SECONDS", "1"))

# --- Background tasks -----------------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LANGUAGE_COOKIE_NAME = "intake_language"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"
LOCALE_PATHS = [Path(env("INTAKE_LOCALE_DIR") or BASE_DIR / "locale")]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env("MEDIA_ROOT") or BASE_DIR / "media")
MEDIA_URL = "/media/"
# Applicants' documents: outside the web root, never under MEDIA_URL; served by a view that
# checks who asks (intake.applications.views.document_download).
PRIVATE_MEDIA_ROOT = Path(
    env("PRIVATE_MEDIA_ROOT") or BASE_DIR / (".test-private" if TESTING else "private")
)
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = TESTING
# S3-compatible object storage for uploaded files (videos...) when S3_BUCKET is set; files are
# then served by the storage (signed URLs), not streamed through Django.
MEDIA_REDIRECT_TO_STORAGE = bool(env("S3_BUCKET"))
if env("S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("S3_BUCKET"),
            "endpoint_url": env("S3_ENDPOINT_URL") or None,
            "region_name": env("S3_REGION") or None,
            "access_key": env("S3_ACCESS_KEY") or None,
            "secret_key": env("S3_SECRET_KEY") or None,
            "querystring_auth": True,
            "querystring_expire": 3600,
            "file_overwrite": False,
        },
    }
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**STORAGES["default"]["OPTIONS"], "location": "private"},
    }

# Ceiling views for benchmarks (bench/deadline_rush): never enabled in production.
BENCH_VIEWS = env_bool("INTAKE_BENCH_VIEWS", False)

# Anonymous visitors' public pages are cached this long at most (0: never).
PUBLIC_PAGE_CACHE_SECONDS = int(env("PUBLIC_PAGE_CACHE_SECONDS", "300"))
VIDEO_MAX_BYTES = int(env("VIDEO_MAX_MB", "500")) * 2**20
# Applicants' documents: per file, and all of one applicant's documents together.
DOCUMENT_MAX_BYTES = int(env("DOCUMENT_MAX_MB", "5")) * 2**20
DOCUMENTS_TOTAL_MAX_BYTES = int(env("DOCUMENTS_TOTAL_MAX_MB", "25")) * 2**20
DOCUMENTS_MAX_COUNT = int(env("DOCUMENTS_MAX_COUNT", "15"))
# Antivirus: ClamAV's clamd, as "host:port" or a Unix socket path. When set, a document is
# served only once clamd has found it clean; when empty, documents are not scanned.
CLAMD_ADDRESS = env("CLAMD_ADDRESS", "")
CLAMD_TIMEOUT_SECONDS = float(env("CLAMD_TIMEOUT_SECONDS", "10"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 2**20
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 2**20
# Request bodies larger than this are refused before they are read (413, intake.core.middleware):
# a document and its form; the office's video uploads may be larger. The proxy in front must
# allow the same (README, "Running it in production": client_max_body_size).
REQUEST_MAX_BYTES = DOCUMENT_MAX_BYTES + 2**20
REQUEST_MAX_BYTES_BY_PATH = {
    "/backoffice/content/videos/": VIDEO_MAX_BYTES + 2**20,
    "/admin/content/video/": VIDEO_MAX_BYTES + 2**20,
}

# --- Security -------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_HTTPONLY = False
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "media-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
if INTAKE_HTTPS:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SECURE_CSP["upgrade-insecure-requests"] = True

# --- Logging --------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django_tasks_db": {"level": "WARNING" if TESTING else "INFO"},
        "django.security.csrf": {"level": "WARNING"},
    },
}
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    LOGGING["root"]["level"] = "WARNING"  # type: ignore[index]
