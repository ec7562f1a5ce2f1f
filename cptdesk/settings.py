"""Django settings for cptdesk, read from environment variables.

CPTDESK_DATA_DIR   folder for the SQLite database and uploads (default: ./var)
DATABASE_URL       a database URL; PostgreSQL for larger groups (default: SQLite)
CPTDESK_SECRET_KEY secret key; required when CPTDESK_DEBUG is off
CPTDESK_DEBUG      "1" to run with Django's debug pages (default: off)
CPTDESK_ALLOWED_HOSTS  comma-separated host names (default: 127.0.0.1,localhost)
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent


def env_flag(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def env_list(name, default):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item]


def data_dir():
    path = Path(os.environ.get("CPTDESK_DATA_DIR", Path.cwd() / "var")).resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def secret_key(folder):
    """Return the configured key, or one generated once and kept in the data folder.

    A key kept beside the database lets a single-office install start with no set-up while
    sessions survive a restart; larger installs set CPTDESK_SECRET_KEY.
    """
    configured = os.environ.get("CPTDESK_SECRET_KEY")
    if configured:
        return configured
    key_file = folder / "secret_key"
    if not key_file.exists():
        # Written aside and linked into place: two commands started at once on a new
        # folder then agree on one complete key instead of reading a half-written file.
        draft = folder / f".secret_key.{os.getpid()}"
        draft.write_text(secrets.token_urlsafe(50))
        draft.chmod(0o600)
        try:
            os.link(draft, key_file)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    key = key_file.read_text().strip()
    if not key:
        raise ImproperlyConfigured(
            f"{key_file} is empty; delete it or set CPTDESK_SECRET_KEY"
        )
    return key


DATA_DIR = data_dir()
DEBUG = env_flag("CPTDESK_DEBUG")
SECRET_KEY = secret_key(DATA_DIR)
ALLOWED_HOSTS = env_list("CPTDESK_ALLOWED_HOSTS", "127.0.0.1,localhost")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "cptdesk.accounts",
    "cptdesk.codes",
    "cptdesk.catalog",
    "cptdesk.intake",
    "cptdesk.worklog",
    "cptdesk.remits",
    "cptdesk.guide",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "cptdesk.lib.sqlitelock.DatabaseBusyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: it turns a rejected sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cptdesk.urls"
WSGI_APPLICATION = "cptdesk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'cptdesk.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets pages keep reading while an import writes; IMMEDIATE transactions and a
    # busy timeout make a second writer wait its turn instead of failing at once.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "codes:search"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "cptdesk.accounts.backends.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Failed sign-ins, counted by django-axes in the database so that every gunicorn worker
# sees the same count. The count is kept per user name and client address together, so
# one person's typing on an office's shared address locks only that user name.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Attempts rejected during a lockout do not restart it, so the lockout page can name the
# time it ends.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "cptdesk.accounts.views.lockout_response"
# `cptdesk serve` runs gunicorn with no proxy in front, so REMOTE_ADDR is the client.
# Forwarded-for headers are ignored because a client could forge them to dodge its count.
# Behind a reverse proxy every client shares the proxy's address, and the count is then
# in effect per user name.
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
# Successful sign-ins are not recorded, so no table grows with every sign-in.
AXES_DISABLE_ACCESS_LOG = True

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("CPTDESK_TIME_ZONE", "America/New_York")
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
# Serve straight from the source folders too, so tests and a fresh checkout need no
# collectstatic run; `cptdesk serve` still collects them for compressed, cached serving.
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = DATA_DIR / "uploads"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Web imports run in a background thread; tests run them inline in the request.
IMPORT_JOBS_INLINE = env_flag("CPTDESK_IMPORT_JOBS_INLINE")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Sessions are read from each worker's memory cache and written through to the database,
# which saves a query on every keystroke of a search.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Every module logs under its own name below "cptdesk" (cptdesk.codes.actions for imports,
# cptdesk.accounts.actions for users, and so on; the README lists them). Messages carry
# internal ids only, never patient details.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "redacted": {
            "()": "cptdesk.lib.logformat.RedactedTracebackFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        "console_redacted": {
            "class": "logging.StreamHandler",
            "formatter": "redacted",
        },
    },
    "loggers": {
        "cptdesk": {
            "handlers": ["console"],
            "level": os.environ.get("CPTDESK_LOG_LEVEL", "INFO"),
        },
        # django-axes logs each failed sign-in at warning level, with the user name
        # and address masked.
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # Every request that fails with a server error, as "Internal Server Error:
        # PATH" and its traceback. The request's query string, body and the
        # exception's message are left out, because they may hold patient details.
        "django.request": {
            "handlers": ["console_redacted"],
            "level": "ERROR",
            "propagate": False,
        },
    },
}
