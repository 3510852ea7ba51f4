"""Casework settings: one file, every value from a CASEWORK_* environment variable.

Each variable is documented in docs/configuration.md (a test keeps the two in step).
"""

from __future__ import annotations

import ipaddress
import os
import zoneinfo
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from casework.domain.languages import LANGUAGES as DOMAIN_LANGUAGES
from casework.domain.languages import NATIVE
from casework.site.env import env_bool, env_int, env_list

PACKAGE_DIR = Path(__file__).resolve().parent.parent

DATA_DIR = Path(os.environ.get("CASEWORK_DATA_DIR", "var")).resolve()
DEBUG = env_bool("CASEWORK_DEBUG", default=False)

SECRET_KEY = os.environ.get("CASEWORK_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "CASEWORK_SECRET_KEY is not set. Set it to a long random string "
            "(python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or set CASEWORK_DEBUG=1 on a development machine."
        )
    SECRET_KEY = "insecure-development-key-only-used-with-CASEWORK_DEBUG"

ALLOWED_HOSTS = env_list("CASEWORK_ALLOWED_HOSTS", default="localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CASEWORK_CSRF_TRUSTED_ORIGINS", default="")

INSTALLED_APPS = [
    # Our apps come first so that their templates (e.g. registration/*) win over the admin's.
    "casework.states",
    "casework.accounts",
    "casework.web",
    "casework.exports",
    "casework.documents",
    "casework.findings",
    "casework.observations",
    "casework.compliance",
    "casework.reporting",
    "casework.engagement",
    "casework.extensions",
    "casework.imports",
    "casework.funding",
    "casework.api",
    "casework.notifications",
    "casework.search",
    "django.contrib.admin",
    # After the admin, whose models it watches (audit.signals.connect at ready()).
    "casework.audit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "corsheaders",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy (no inline script) and Permissions-Policy on every response.
    "casework.site.security.SecurityHeadersMiddleware",
    # Before WhiteNoise and CommonMiddleware so that preflight answers carry the headers.
    "corsheaders.middleware.CorsMiddleware",
    # Static files are served (precompressed) by WhiteNoise before anything below runs.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Text responses are gzipped after every middleware below has read or changed them.
    # BREACH: Django's GZipMiddleware pads each compressed response with random bytes
    # (Django 4.2+), and CSRF tokens are masked afresh on every response, so the secret
    # never repeats in the compressed stream.
    "casework.site.middleware.TextGZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every change made in the admin goes to the audit log (casework.audit.signals).
    "casework.audit.middleware.AdminAuditMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Axes must come last so that it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "casework.site.urls"
WSGI_APPLICATION = "casework.site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "casework.accounts.context_processors.roles",
                "casework.notifications.context_processors.inbox",
            ],
        },
    },
]

# --- database: SQLite file under DATA_DIR unless DATABASE_URL says otherwise ---
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'casework.sqlite3'}",
        conn_max_age=env_int("CASEWORK_DB_CONN_MAX_AGE", default=60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Persistent connections buy nothing on SQLite and keep the file locked.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers work while the worker writes; IMMEDIATE avoids
        # "database is locked" on upgrade from a read to a write transaction.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- accounts ---
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Lock-out after repeated failed logins (django-axes): per user name and address.
AXES_FAILURE_LIMIT = env_int("CASEWORK_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env_int("CASEWORK_LOGIN_COOLOFF_MINUTES", default=15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# The reverse proxies whose X-Forwarded-For is believed (addresses or networks); the
# lock-out and the password-reset throttle count the client's address, not the proxy's.
TRUSTED_PROXIES = env_list("CASEWORK_TRUSTED_PROXIES", default="")
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"CASEWORK_TRUSTED_PROXIES: {_proxy!r} is not an IP address or network; "
            "write e.g. 10.0.0.5 or 10.0.0.0/24, comma-separated."
        ) from None
AXES_CLIENT_IP_CALLABLE = "casework.accounts.client_address.client_address"
# Password-reset e-mails asked for, per client address and per e-mail address, an hour.
PASSWORD_RESET_PER_HOUR = env_int("CASEWORK_PASSWORD_RESET_PER_HOUR", default=5)

# --- sessions, cookies, HTTPS ---
HTTPS = env_bool("CASEWORK_HTTPS", default=False)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("CASEWORK_SESSION_HOURS", default=12) * 3600
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("CASEWORK_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env_int("CASEWORK_HSTS_SECONDS", default=31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("CASEWORK_BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- languages ---
LANGUAGE_CODE = "en"
# Each language in its own name (for the switcher); the list is casework.domain.languages.
LANGUAGES = [(code, NATIVE[code]) for code in DOMAIN_LANGUAGES]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
FORMAT_MODULE_PATH = ["casework.site.formats"]
USE_I18N = True
# Dates and times are stored in UTC and shown in this zone (Geneva by default).
TIME_ZONE = os.environ.get("CASEWORK_TIME_ZONE", "").strip() or "Europe/Zurich"
try:
    zoneinfo.ZoneInfo(TIME_ZONE)
except (zoneinfo.ZoneInfoNotFoundError, ValueError):
    raise ImproperlyConfigured(
        f"CASEWORK_TIME_ZONE={TIME_ZONE!r} is not a time zone name; use an IANA name "
        "such as Europe/Zurich, America/New_York or UTC."
    ) from None
USE_TZ = True

# --- static files: served by the app itself (WhiteNoise), never from a CDN ---
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or not env_bool("CASEWORK_STATIC_MANIFEST", default=True)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = DATA_DIR / "media"
# Uploaded originals and the folders they go in: readable by the site's account only.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
# The largest document one may upload, enforced while the upload streams in (documents).
MAX_UPLOAD_MB = env_int("CASEWORK_MAX_UPLOAD_MB", default=200)
# ... and for every other upload (attachments, imports): a larger file is dropped while it
# streams in, never kept in memory or in a temporary file.
FILE_UPLOAD_HANDLERS = [
    "casework.documents.uploads.SiteUploadLimit",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# --- e-mail: printed on the console unless configured ---
EMAIL_BACKEND = os.environ.get(
    "CASEWORK_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("CASEWORK_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("CASEWORK_EMAIL_PORT", default=25)
EMAIL_HOST_USER = os.environ.get("CASEWORK_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("CASEWORK_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("CASEWORK_EMAIL_TLS", default=False)
DEFAULT_FROM_EMAIL = os.environ.get("CASEWORK_FROM_EMAIL", "casework@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The site's address, for links in notification e-mails (casework.notifications).
CASEWORK_SITE_URL = os.environ.get("CASEWORK_SITE_URL", "http://localhost:8000")

# --- background tasks: database queue by default, Redis when CASEWORK_REDIS_URL is set ---
REDIS_URL = os.environ.get("CASEWORK_REDIS_URL", "")
TASK_BACKEND = os.environ.get(
    "CASEWORK_TASK_BACKEND", "redis" if REDIS_URL else "database"
)
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "redis": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if TASK_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"CASEWORK_TASK_BACKEND={TASK_BACKEND!r}; use one of {', '.join(_TASK_BACKENDS)}."
    )
if TASK_BACKEND == "redis":
    if not REDIS_URL:
        raise ImproperlyConfigured(
            "CASEWORK_TASK_BACKEND=redis needs CASEWORK_REDIS_URL "
            "(for example redis://127.0.0.1:6379/0)."
        )
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 900}}
    # Jobs run in the worker itself (no fork per job): the analysis has its own child.
    RQ = {"WORKER_CLASS": "casework.cli.rq_worker.AnalysisWorker"}
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASK_BACKEND], "QUEUES": ["default"]}}

# --- open data API: read-only, public data only ---
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "casework.api.renderers.CSVRenderer",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["casework.api.throttling.OpenDataThrottle"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 100,
    "UNAUTHENTICATED_USER": None,
}
# Requests per address (DRF rate syntax, e.g. "120/min"); "" or "off" for no limit.
CASEWORK_API_RATE = os.environ.get("CASEWORK_API_RATE", "120/min").strip()
if CASEWORK_API_RATE.lower() == "off":
    CASEWORK_API_RATE = ""
# Other sites may read the open data from a browser: GET only, no cookies, /api/ only.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_CREDENTIALS = False
SPECTACULAR_SETTINGS = {
    "TITLE": "Casework open data",
    "DESCRIPTION": "Published data of the Mine Ban Convention's Committee on the Enhancement "
    "of Cooperation and Assistance: States Parties, compliance, observations, contributions.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
}

# --- cache: shared by every gunicorn worker (a directory by default, Redis when set) ---
CACHE_BACKEND = os.environ.get("CASEWORK_CACHE", "redis" if REDIS_URL else "file")
_CACHES = {
    "file": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "cache"),
    },
    "redis": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
    },
    "locmem": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}
if CACHE_BACKEND not in _CACHES:
    raise ImproperlyConfigured(
        f"CASEWORK_CACHE={CACHE_BACKEND!r}; use one of {', '.join(_CACHES)}."
    )
CACHES = {"default": _CACHES[CACHE_BACKEND]}

# --- logging: one line per event on stderr ---
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {
        "handlers": ["console"],
        "level": os.environ.get("CASEWORK_LOG_LEVEL", "INFO"),
    },
    "loggers": {"axes": {"level": "WARNING"}},
}
