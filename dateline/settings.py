"""The one settings module. Every value that varies comes from ``dateline.core.env``."""

from __future__ import annotations

from pathlib import Path

import dj_database_url

from dateline.core import env as _env
from dateline.core.mailurl import file_mailer, mailer_from_url

ENV = _env.read()
BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = ENV.data_dir
DATA_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = ENV.secret_key
DEBUG = ENV.debug
ALLOWED_HOSTS = ENV.allowed_hosts

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_tasks_db",
    "dateline.core",
    "dateline.network",
    "dateline.ingest",
    "dateline.desk",
    "dateline.publish",
    "dateline.newsletter",
    "dateline.pipeline",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "dateline.network.middleware.SiteMiddleware",
]

ROOT_URLCONF = "dateline.pipeline.urls"
WSGI_APPLICATION = "dateline.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
            ],
        },
    },
]

# SQLite in WAL mode with synchronous=FULL and IMMEDIATE transactions (THREATS DB-1).
_SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 10,
    "init_command": (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
        " PRAGMA busy_timeout=10000;"
    ),
}
if ENV.database_url:
    DATABASES = {"default": dj_database_url.parse(ENV.database_url, conn_max_age=60, conn_health_checks=True)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # sqlite:////path: same guarantees
        DATABASES["default"]["OPTIONS"] = dict(_SQLITE_OPTIONS)
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "dateline.sqlite3",
            "OPTIONS": dict(_SQLITE_OPTIONS),
            # A file, not memory, so tests can hand the database to subprocesses (crash tests).
            "TEST": {"NAME": DATA_DIR / "test-dateline.sqlite3"},
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "ingest", "newsletter"],
    }
}

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": DATA_DIR / "cache",
        "TIMEOUT": 600,
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"

LOGIN_URL = "/desk/login/"

# Request-size limits (THREATS WEB-8).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 500
DATA_UPLOAD_MAX_NUMBER_FILES = 10

# Security headers and cookies (THREATS WEB-4, WEB-7).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# DENY, as check --deploy asks (WEB-1); CSP frame-ancestors is what modern browsers follow anyway.
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CSP = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "script-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "frame-ancestors": ["'self'"],
    "form-action": ["'self'"],
}
if ENV.public_scheme == "https":
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # __Host- cookies are Secure, host-only and Path=/: a sibling *.site cannot set or shadow them (WEB-4).
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SECURE_SSL_REDIRECT = ENV.extra.get("DATELINE_SSL_REDIRECT", "1") == "1"
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Preload unless the operator opts out (DATELINE_HSTS_PRELOAD=0): check --deploy asks for it (WEB-1).
    SECURE_HSTS_PRELOAD = ENV.extra.get("DATELINE_HSTS_PRELOAD", "1") == "1"
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Client addresses behind a reverse proxy: X-Forwarded-For is believed only from these (THREATS WEB-2).
DATELINE_TRUSTED_PROXIES = [p.strip() for p in ENV.extra.get("DATELINE_TRUSTED_PROXIES", "").split(",") if p.strip()]

# Public URLs are built from the Site record, never from the request's Host (THREATS WEB-6).
DATELINE_PUBLIC_SCHEME = ENV.public_scheme
DATELINE_PUBLIC_PORT = ENV.public_port
# Remote images in wire items fetched once at ingest through the egress guard and served locally (HTML-7);
# off, they stay remote and pages show them as click-to-load links.
DATELINE_MEDIA_REHOST = ENV.extra.get("DATELINE_MEDIA_REHOST", "0") == "1"
# The page fast path's store per web process, in bytes (0: off); see dateline.publish.fastpath.
DATELINE_PAGE_CACHE_BYTES = int(float(ENV.extra.get("DATELINE_PAGE_CACHE_MB") or 64) * 1024 * 1024)
# Static export kept current on every publish when set (``dateline export DIR`` writes it in full).
DATELINE_EXPORT_DIR = ENV.extra.get("DATELINE_EXPORT_DIR") or None

# Email: EMAIL_URL (smtp://user:pass@host:587/?tls=1); without it mail is written as files.
MAILERS = {"default": mailer_from_url(ENV.email_url) if ENV.email_url else file_mailer(DATA_DIR / "mail")}
DEFAULT_FROM_EMAIL = ENV.extra.get("DATELINE_FROM_EMAIL", "Dateline <newsletter@localhost>")
# Newsletter digests: an optional send-rate cap (messages/s) and DKIM signing (THREATS NL-7).
NEWSLETTER_RATE = float(ENV.extra.get("DATELINE_NEWSLETTER_RATE") or 0)
if ENV.extra.get("DATELINE_DKIM_KEY_FILE"):
    NEWSLETTER_DKIM = {
        "key_file": ENV.extra["DATELINE_DKIM_KEY_FILE"],
        "domain": ENV.extra.get("DATELINE_DKIM_DOMAIN", ""),
        "selector": ENV.extra.get("DATELINE_DKIM_SELECTOR", "dateline"),
    }

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {"dateline": {"handlers": ["console"], "level": ENV.log_level, "propagate": False}},
}
