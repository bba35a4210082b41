"""Settings for motcua, read from the environment.

Defaults give a working city on SQLite for `make run`; production sets DATABASE_URL,
SECRET_KEY, DEBUG=0 and ALLOWED_HOSTS (see README). Unset secrets fail loudly when DEBUG is off.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("MOTCUA_VAR_DIR", BASE_DIR / "var"))
SHARED_DATA_DIR = Path(os.environ.get("MOTCUA_DATA_DIR", BASE_DIR.parent / "shared" / "data"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def env_int(name, default):
    value = os.environ.get(name)
    try:
        return int(value) if value else default
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from None


def env_list(name, default):
    value = os.environ.get(name)
    return [v.strip() for v in value.split(",") if v.strip()] if value else default


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "dev-only-insecure-key-for-make-run-never-in-production-0123456789"

# Keys of personal data at rest (motcua.lib.crypto_fields): comma-separated secrets of 32+ characters, newest
# first; after adding a new one, `manage.py rotate_data_key` re-encrypts every row, then the old one may go.
MOTCUA_DATA_KEYS = env_list("MOTCUA_DATA_KEYS", [])
if not MOTCUA_DATA_KEYS:
    if not DEBUG:
        raise ImproperlyConfigured("MOTCUA_DATA_KEYS must be set when DEBUG is off (see README)")
    MOTCUA_DATA_KEYS = ["dev-only-data-key-derived-from:" + SECRET_KEY]

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "motcua.ops",  # before django_tasks_db: its db_worker reconnects after a dropped connection
    "django_tasks_db",
    "motcua.lib.signin_app.SignInThrottleConfig",  # django-axes under a Vietnamese heading
    "motcua.limits",
    "motcua.workdays",
    "motcua.units",
    "motcua.connections",
    "motcua.catalogue",
    "motcua.guides",
    "motcua.identity",
    "motcua.esign",
    "motcua.dossiers",
    "motcua.health_pilot",
    "motcua.ratings",
    "motcua.feedback",
    "motcua.indicators",
    "motcua.sync",
    "motcua.assistant",
    "motcua.office",
    "motcua.portal",
    "motcua.console",
    "motcua.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "motcua.ops.public_pages.PublicPages",  # anonymous reads of public pages answered from the shared cache
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "motcua.ops.bad_input.RefuseControlCharacters",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "motcua.ops.middleware.DatabaseUnavailable",
    "motcua.ops.private_pages.PrivatePages",
    "motcua.ops.replica_reads.ReplicaReads",  # last: it retries on the primary a view that the replica failed
]

ROOT_URLCONF = "motcua.urls"
WSGI_APPLICATION = "motcua.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "motcua" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "motcua.context_processors.city",
                "django.template.context_processors.csp",  # {{ csp_nonce }}, {% csp_nonce_attr %} (the admin's)
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'motcua.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        # A connection dropped while idle (a restart, a failover) is replaced before a request uses it, at the
        # price of one `SELECT 1` per request that reuses it. Off only where something else keeps the server side
        # (a pgbouncer the workers reach on the same host).
        conn_health_checks=env_bool("DB_CONN_HEALTH_CHECKS", True),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A request never waits on a lock or a query longer than these (ms; 0 = no limit): it answers 503 with a
    # Vietnamese page instead of being killed by the web server. manage.py sets 0 for commands (migrations,
    # imports, backups), which may run long on purpose.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c statement_timeout={env_int('DB_STATEMENT_TIMEOUT', 20000)} "
        f"-c lock_timeout={env_int('DB_LOCK_TIMEOUT', 5000)}")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
# A PostgreSQL streaming replica for public reads and dashboards (motcua.lib.replica, docs/scaling.md). Without
# DATABASE_REPLICA_URL the alias names the primary itself and nothing is routed to it. In tests it mirrors the
# default database, so the router's test runs in the normal suite.
MOTCUA_REPLICA = bool(os.environ.get("DATABASE_REPLICA_URL"))
DATABASES["replica"] = {
    **(dj_database_url.parse(os.environ["DATABASE_REPLICA_URL"], conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
                             conn_health_checks=True) if MOTCUA_REPLICA else DATABASES["default"]),
    "TEST": {"MIRROR": "default"},
}
if MOTCUA_REPLICA:
    # A stopped replica must fail fast: the request is then answered from the primary.
    DATABASES["replica"]["OPTIONS"] = {**DATABASES["default"].get("OPTIONS", {}), "connect_timeout": 2}
DATABASE_ROUTERS = ["motcua.lib.replica.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Shared by every app process: Redis when REDIS_URL is set, otherwise the database (`createcachetable`, run by
# `make data`). Rate limits (motcua.limits) use the same choice with atomic counters.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
          if REDIS_URL else
          {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "motcua_cache",
           # Django's default of 300 entries is culled within minutes by a city's question vectors and pages
           "OPTIONS": {"MAX_ENTRIES": 100_000}}}

# Sessions are written to the database and, with Redis, kept there too: a signed-in request reads its session
# from Redis (one database query fewer per request); a session missing there is read from the database.
if REDIS_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# Sign-in throttling (django-axes, its counts in the database, so shared by every app process): five wrong
# passwords for one user name from one address lock that pair for 15 minutes, on the portal and the admin alike.
AUTHENTICATION_BACKENDS = ["motcua.lib.signin.ThrottledSignIn", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "portal/account/locked_out.html"
AXES_VERBOSE = False
LOGIN_URL = "/tai-khoan/dang-nhap/"

# The national identity provider (OpenID Connect). The defaults name the sandbox that `make run` starts
# (python -m sandboxes); production sets the real issuer and the secret it was given.
# Signing of e-results and forms: agency certificates under MOTCUA_SIGNING_DIR; without a real CA, a sandbox
# CA (manage.py sandbox_ca) issues them, and the verification page names it a sandbox.
MOTCUA_SIGNING_DIR = Path(os.environ.get("MOTCUA_SIGNING_DIR", VAR_DIR / "signing"))
MOTCUA_SIGNING_SANDBOX = env_bool("MOTCUA_SIGNING_SANDBOX", True)

IDENTITY_PROVIDER = {
    "issuer": os.environ.get("MOTCUA_IDP_ISSUER", "http://127.0.0.1:8001/o"),
    "client_id": os.environ.get("MOTCUA_IDP_CLIENT_ID", "motcua-portal"),
    "client_secret": os.environ.get("MOTCUA_IDP_CLIENT_SECRET", "motcua-portal-sandbox-secret"),
    "sandbox": env_bool("MOTCUA_IDP_SANDBOX", True),
}
LOGIN_REDIRECT_URL = "/"

LANGUAGE_CODE = "vi"
# Vietnamese only: the site's own messages are written in Vietnamese and have no English catalogue, so offering
# "en" only turned Django's own strings (admin, form errors) English for browsers that ask for English.
LANGUAGES = [("vi", "Tiếng Việt")]
LOCALE_PATHS = [BASE_DIR / "motcua" / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["motcua.formats"]
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "motcua" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

_DEFAULT_MAIL_BACKEND = "console" if DEBUG else "smtp"  # production mails through SMTP (EMAIL_HOST, EMAIL_PORT)
MAILERS = {
    "default": {
        "BACKEND": os.environ.get("EMAIL_BACKEND", f"django.core.mail.backends.{_DEFAULT_MAIL_BACKEND}.EmailBackend"),
        **({"OPTIONS": {"host": os.environ.get("EMAIL_HOST", "localhost"), "port": env_int("EMAIL_PORT", 25)}}
           if _DEFAULT_MAIL_BACKEND == "smtp" and "EMAIL_BACKEND" not in os.environ else {}),
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "motcua@localhost")

# Citizen notifications by SMS (motcua.dossiers.sms): a dotted path like EMAIL_BACKEND. Console by default;
# "motcua.dossiers.sms.FileBackend" writes one file per message to MOTCUA_SMS_FILE_PATH. No real SMS gateway
# is reachable from the development sandbox.
MOTCUA_SMS_BACKEND = os.environ.get("MOTCUA_SMS_BACKEND", "motcua.dossiers.sms.ConsoleBackend")
MOTCUA_SMS_FILE_PATH = Path(os.environ.get("MOTCUA_SMS_FILE_PATH", VAR_DIR / "sms"))

# Security: strict when DEBUG is off (`manage.py check --deploy` is clean with DEBUG=0).
SECURE_CONTENT_TYPE_NOSNIFF = True
# Content-Security-Policy (Django's own middleware): scripts, styles, images, fonts, requests and media from this
# site only; no inline script, style or event handler of ours (they live in static/); the nonce lets the
# admin's few nonced tags through. Forms post here only; no page may be framed (the legal forms' PDF may be,
# by this site: console.views.form_pdf). tests/e2e check that no page produces a violation.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# The configured city: Hanoi by default (province code 1 in the GSO list).
MOTCUA_CITY_PROVINCE_CODE = os.environ.get("MOTCUA_CITY_PROVINCE_CODE", "1")
MOTCUA_CITY_NAME = os.environ.get("MOTCUA_CITY_NAME", "Hà Nội")
MOTCUA_HOTLINE = os.environ.get("MOTCUA_HOTLINE", "024.1022")
MOTCUA_PUBLIC_BASE_URL = os.environ.get("MOTCUA_PUBLIC_BASE_URL", "http://127.0.0.1:8000")
MOTCUA_UPLOAD_MAX_BYTES = env_int("MOTCUA_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

STATIC_ROOT.mkdir(parents=True, exist_ok=True)
