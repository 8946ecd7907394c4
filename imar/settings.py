"""Imar settings: one module, driven by IMAR_* environment variables and DATABASE_URL.

Defaults suit a local demo on SQLite. Values are parsed strictly: a typo in a
boolean or a number stops the server with a message instead of being ignored.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in _TRUE:
        return True
    if raw.lower() in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None


def env_float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return float(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number, not {raw!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEFAULT_SECRET_KEY = "imar-insecure-demo-key-change-me"
DEBUG = env_bool("IMAR_DEBUG", True)
SECRET_KEY = env_str("IMAR_SECRET_KEY", DEFAULT_SECRET_KEY)
if not DEBUG and SECRET_KEY == DEFAULT_SECRET_KEY:
    raise ImproperlyConfigured(
        "IMAR_DEBUG is false but IMAR_SECRET_KEY is the public default: set a secret key."
    )

ALLOWED_HOSTS = env_list("IMAR_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("IMAR_CSRF_TRUSTED_ORIGINS", [])
DATA_DIR = Path(env_str("IMAR_DATA_DIR", str(PROJECT_DIR / "var")))
# A fresh clone has no var/ yet: SQLite and uploads need it to exist.
DATA_DIR.mkdir(parents=True, exist_ok=True)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "django_countries",
    "imar.core",
    "imar.accounts",
    "imar.geo",
    # Portfolio before partners: where both translate a word (e.g. "Completed"), the
    # project's wording wins, as projects are what most pages show.
    "imar.portfolio",
    "imar.partners",
    "imar.needs",
    "imar.forum",
    "imar.opendata",
    "imar.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "imar.core.middleware.ArabicFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "imar.urls"
WSGI_APPLICATION = "imar.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "imar.core.context_processors.imar",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'imar.sqlite3'}"),
        conn_max_age=env_int("IMAR_DB_CONN_MAX_AGE", 0),
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the demo server read while a long import writes.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )

REDIS_URL = env_str("IMAR_REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portfolio:project_list"
LOGOUT_REDIRECT_URL = "accounts:login"

# Arabic first, English second.
LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", _("Arabic")), ("en", _("English"))]
# Each app keeps its own catalogue in imar/<app>/locale (found through INSTALLED_APPS).
USE_I18N = True
USE_TZ = True
TIME_ZONE = env_str("IMAR_TIME_ZONE", "Africa/Tripoli")
FORMAT_MODULE_PATH = ["imar.core.formats"]
LANGUAGE_COOKIE_NAME = "imar_language"

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("IMAR_STATIC_ROOT", str(DATA_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("IMAR_MEDIA_ROOT", str(DATA_DIR / "media")))
WHITENOISE_USE_FINDERS = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

SESSION_COOKIE_SECURE = env_bool("IMAR_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["imar.accounts.permissions.StaffWriteOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "imar.core.api.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "imar.core.schema.ImarAutoSchema",
    # Every route, anonymous or authenticated, is rate-limited (per address, per account).
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("IMAR_API_ANON_RATE", "120/minute"),
        "user": env_str("IMAR_API_USER_RATE", "1200/minute"),
    },
    "EXCEPTION_HANDLER": "imar.core.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Imar API",
    "DESCRIPTION": "Projects, programs, places and partners of the development and reconstruction fund.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # One schema name per choice set: several apps have a "status", "kind" or "role".
    "ENUM_NAME_OVERRIDES": {
        "RoleEnum": "imar.accounts.models.Role",
        "CurrencyEnum": "imar.core.money.Currency",
        "InterestLevelEnum": "imar.forum.enums.InterestLevel",
        "MeetingStatusEnum": "imar.forum.enums.MeetingStatus",
        "ParticipantKindEnum": "imar.forum.enums.ParticipantKind",
        "ParticipantStatusEnum": "imar.forum.enums.ParticipantStatus",
        "MeetingPriorityEnum": "imar.forum.enums.Priority",
        "MeetingRequestStatusEnum": "imar.forum.enums.RequestStatus",
        "BalanceLevelEnum": "imar.needs.enums.BalanceLevel",
        "PdnaSectorEnum": "imar.needs.enums.PdnaSector",
        "ScenarioStatusEnum": "imar.needs.enums.ScenarioStatus",
        "ScoringMethodEnum": "imar.needs.enums.ScoringMethod",
        "ActionStatusEnum": "imar.partners.enums.ActionStatus",
        "AgreementKindEnum": "imar.partners.enums.AgreementKind",
        "AgreementStatusEnum": "imar.partners.enums.AgreementStatus",
        "StoredAgreementStatusEnum": "imar.partners.enums.STORED_AGREEMENT_STATUSES",
        "EngagementKindEnum": "imar.partners.enums.EngagementKind",
        "PartyRoleEnum": "imar.partners.enums.PartyRole",
        "OrganizationKindEnum": "imar.partners.models.OrganizationKind",
        "OrganizationRoleEnum": "imar.portfolio.enums.OrganizationRole",
        "ProjectStatusEnum": "imar.portfolio.enums.ProjectStatus",
        "ProjectTypeEnum": "imar.portfolio.enums.ProjectType",
        "TransactionKindEnum": "imar.portfolio.models.money.TransactionKind",
        "ReportStatusEnum": "imar.portfolio.models.reports.ReportStatus",
        "RiskCategoryEnum": "imar.portfolio.models.risks.RiskCategory",
        "RiskStatusEnum": "imar.portfolio.models.risks.RiskStatus",
        "SectorEnum": "imar.portfolio.sectors.Sector",
    },
}

# The fund running this instance (IATI reporting organisation, page titles).
IMAR_FUND_NAME_EN = env_str("IMAR_FUND_NAME_EN", "Development and Reconstruction Fund of Libya")
IMAR_FUND_NAME_AR = env_str("IMAR_FUND_NAME_AR", "صندوق التنمية وإعادة إعمار ليبيا")
IMAR_FUND_IATI_ID = env_str("IMAR_FUND_IATI_ID", "XM-DAC-LY-DRF")
IMAR_DEMO_DATA = env_bool("IMAR_DEMO_DATA", True)
# The public address of this instance (e.g. https://imar.fund.ly), for absolute links in open
# data (IATI document links, OC4IDS URLs); empty gives site-relative paths.
IMAR_SITE_URL = env_str("IMAR_SITE_URL", "").rstrip("/")
IMAR_BASE_CURRENCY = "LYD"

# Monitoring alert thresholds.
IMAR_ALERT_SPI_BELOW = env_float("IMAR_ALERT_SPI_BELOW", 0.9)
IMAR_ALERT_CPI_BELOW = env_float("IMAR_ALERT_CPI_BELOW", 0.9)
IMAR_ALERT_REPORT_DAYS = env_int("IMAR_ALERT_REPORT_DAYS", 60)

# Mail (forum login links, notifications): SMTP when a host is set, else printed to the console.
EMAIL_HOST = env_str("IMAR_EMAIL_HOST", "")
EMAIL_PORT = env_int("IMAR_EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("IMAR_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("IMAR_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("IMAR_EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("IMAR_DEFAULT_FROM_EMAIL", "imar@localhost")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)

# Allocation scenarios run in a background thread by default (a worker queue in a larger
# deployment); inline runs are for tests and scripts.
IMAR_SCENARIO_RUNS_INLINE = env_bool("IMAR_SCENARIO_RUNS_INLINE", False)
IMAR_SCENARIO_TIME_LIMIT = env_float("IMAR_SCENARIO_TIME_LIMIT", 20.0)

# Optional map tiles (e.g. a tile server on the LAN); empty means district polygons only.
IMAR_MAP_TILE_URL = env_str("IMAR_MAP_TILE_URL", "")
IMAR_MAP_TILE_ATTRIBUTION = env_str("IMAR_MAP_TILE_ATTRIBUTION", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("IMAR_LOG_LEVEL", "WARNING")},
}
