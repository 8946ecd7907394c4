"""Imar settings: one module, driven by IMAR_* environment variables and DATABASE_URL.

Defaults suit a local demo on SQLite. Values are parsed strictly: a typo in a
boolean or a number stops the server with a message instead of being ignored.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from imar.core.csp import content_security_policy, media_origin
from imar.core.logs import logging_config
from imar.core.serving import default_workers

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
# IMAR_DEBUG is the local demo and development mode: the public default keys are allowed,
# cookies are not HTTPS-only, two-factor sign-in is not enforced, and the app serves its own
# static files and public media. It does not show Django's technical error pages to visitors:
# those need IMAR_DEBUG_PAGES too (a developer's setting), so the demo shows the site's own
# translated 403/404/500 pages as production does.
IMAR_DEBUG = env_bool("IMAR_DEBUG", True)
DEBUG = IMAR_DEBUG and env_bool("IMAR_DEBUG_PAGES", False)
SECRET_KEY = env_str("IMAR_SECRET_KEY", DEFAULT_SECRET_KEY)
if not IMAR_DEBUG and SECRET_KEY == DEFAULT_SECRET_KEY:
    raise ImproperlyConfigured(
        "IMAR_DEBUG is false but IMAR_SECRET_KEY is the public default: set a secret key."
    )

# The audit trail's events and checkpoints are sealed with HMAC-SHA256 under this key, kept
# outside the database: whoever can rewrite the database but lacks the key cannot reseal what
# they changed. Old keys stay listed (comma-separated) so events sealed before a rotation verify.
DEFAULT_AUDIT_KEY = "imar-insecure-demo-audit-key-change-me"
IMAR_AUDIT_KEY = env_str("IMAR_AUDIT_KEY", DEFAULT_AUDIT_KEY)
IMAR_AUDIT_OLD_KEYS = env_list("IMAR_AUDIT_OLD_KEYS", [])
if not IMAR_DEBUG and (IMAR_AUDIT_KEY == DEFAULT_AUDIT_KEY or len(IMAR_AUDIT_KEY) < 32):
    raise ImproperlyConfigured(
        "IMAR_DEBUG is false but IMAR_AUDIT_KEY is the public default or shorter than 32 "
        "characters: set a long random key (e.g. `openssl rand -hex 32`) and keep it out of "
        "the database and its backups."
    )
if not IMAR_DEBUG and IMAR_AUDIT_KEY == SECRET_KEY:
    raise ImproperlyConfigured("IMAR_AUDIT_KEY must differ from IMAR_SECRET_KEY.")

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
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "django_prometheus",
    "django_tasks",
    "django_tasks_db",
    "imar.core",
    "imar.accounts",
    "imar.jobs",
    "imar.geo",
    "imar.organizations",
    "imar.portfolio",
    "imar.monitoring",
    "imar.partners",
    "imar.needs",
    "imar.forum",
    "imar.aid",
    "imar.feedback",
    "imar.procurement",
    "imar.results",
    "imar.opendata",
    "imar.portal",
    "imar.demo",  # the `imar demo` command; no models
]

MIDDLEWARE = [
    # First: the request id and the one log line per request (the access log), timed whole.
    "imar.core.logs.RequestLog",
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "imar.core.middleware.ArabicFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "imar.accounts.middleware.SessionLifetimeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "imar.accounts.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "imar.core.middleware.SQLiteReadsDoNotQueue",
    # Request counts and latency by view for /metrics (imar.jobs.metrics).
    "django_prometheus.middleware.PrometheusAfterMiddleware",
    # Last, so it turns a locked-out sign-in into its answer (429) before anything else.
    "axes.middleware.AxesMiddleware",
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
                "imar.accounts.context_processors.roles",
            ],
            # {{ value|isolate }} in every template without a load (imar.core.templatetags.bidi).
            "builtins": ["imar.core.templatetags.bidi"],
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
    # WAL: readers go on while one connection writes. IMMEDIATE: a write transaction takes the
    # write lock when it begins, so concurrent writers queue (for up to the busy timeout, in
    # seconds) instead of failing with "database is locked" when a read turns into a write.
    # Requests that only read keep deferred transactions (imar.core.middleware), so a long
    # import does not hold up the pages.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": env_float("IMAR_SQLITE_BUSY_TIMEOUT", 60.0),
        }
    )

REDIS_URL = env_str("IMAR_REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
elif env_str("IMAR_CACHE_DIR", ""):
    # Without Redis, a folder shared by the web server and the job worker (`make demo`), so a
    # write the worker makes drops the cached public pages the server shows.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env_str("IMAR_CACHE_DIR", ""),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Cached public figures (portal home, district, sector and partner pages, map clusters) are
# keyed by the public data version, so any public change drops them at once
# (imar.core.public_version); this is only how long an unused entry stays.
IMAR_PUBLIC_CACHE_SECONDS = env_int("IMAR_PUBLIC_CACHE_SECONDS", 600)

# Argon2 first; older hashes still verify and are rehashed with Argon2 at the next sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # Refuses sign-in while an account or an address is locked out (django-axes).
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:start"
LOGOUT_REDIRECT_URL = "accounts:login"

# Arabic first, English second.
LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", _("Arabic")), ("en", _("English"))]
# One Arabic catalogue for every app (imar/locale); it takes precedence over the catalogues
# of Django and the third-party apps, so the wording of a shared msgid is decided there.
LOCALE_PATHS = [BASE_DIR / "locale"]
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
WHITENOISE_USE_FINDERS = IMAR_DEBUG
# Media on local disk (default) or an S3-compatible bucket (IMAR_MEDIA_STORAGE=s3, via
# django-storages): public media under the `public` prefix, readable at plain addresses;
# private files (imar.core.storage) under `private` (or IMAR_S3_PRIVATE_BUCKET), written with
# the private ACL and only ever streamed by permission-checked views or handed out as
# presigned addresses that expire (IMAR_S3_PRESIGNED_REDIRECT, IMAR_S3_PRESIGNED_SECONDS).
IMAR_MEDIA_STORAGE = env_str("IMAR_MEDIA_STORAGE", "local")
if IMAR_MEDIA_STORAGE not in {"local", "s3"}:
    raise ImproperlyConfigured(
        f"IMAR_MEDIA_STORAGE must be local or s3, not {IMAR_MEDIA_STORAGE!r}"
    )
IMAR_S3 = {
    "bucket": env_str("IMAR_S3_BUCKET", ""),
    "private_bucket": env_str("IMAR_S3_PRIVATE_BUCKET", ""),
    "endpoint_url": env_str("IMAR_S3_ENDPOINT_URL", ""),
    "access_key": env_str("IMAR_S3_ACCESS_KEY_ID", ""),
    "secret_key": env_str("IMAR_S3_SECRET_ACCESS_KEY", ""),
    "region": env_str("IMAR_S3_REGION", ""),
    "addressing_style": env_str("IMAR_S3_ADDRESSING_STYLE", ""),  # "path" for most emulators
    "public_acl": env_str("IMAR_S3_PUBLIC_ACL", "public-read"),  # "" when a policy does it
    "public_domain": env_str("IMAR_S3_PUBLIC_DOMAIN", ""),  # a CDN or proxy host for /public
    "presigned_redirect": env_bool("IMAR_S3_PRESIGNED_REDIRECT", False),
    "presigned_seconds": env_int("IMAR_S3_PRESIGNED_SECONDS", 60),
}
if IMAR_MEDIA_STORAGE == "s3" and not IMAR_S3["bucket"]:
    raise ImproperlyConfigured("IMAR_MEDIA_STORAGE=s3 needs IMAR_S3_BUCKET")
STORAGES = {
    "default": {
        "BACKEND": "imar.core.storage.PublicS3Storage"
        if IMAR_MEDIA_STORAGE == "s3"
        else "django.core.files.storage.FileSystemStorage"
    },
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if IMAR_DEBUG
        else "imar.core.static_storage.StaticStorage"  # hashed, compressed (WhiteNoise)
    },
}

SESSION_COOKIE_SECURE = env_bool("IMAR_SECURE_COOKIES", not IMAR_DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Proxies in front of the platform (imar.accounts.client_ip): with neither set, the client's
# address is REMOTE_ADDR and X-Forwarded-For is ignored, so a forged header gains nothing.
IMAR_PROXY_COUNT = env_int("IMAR_PROXY_COUNT", 0)
IMAR_TRUSTED_PROXIES = env_list("IMAR_TRUSTED_PROXIES", [])

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "imar.accounts.authentication.ExpiringTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["imar.accounts.permissions.StaffWriteOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "imar.core.api.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "imar.core.schema.ImarAutoSchema",
    # Every route, anonymous or authenticated, is rate-limited (per address, per account).
    "DEFAULT_THROTTLE_CLASSES": [
        "imar.accounts.throttling.AnonRateThrottle",
        "imar.accounts.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("IMAR_API_ANON_RATE", "120/minute"),
        "user": env_str("IMAR_API_USER_RATE", "1200/minute"),
    },
    "EXCEPTION_HANDLER": "imar.core.api.exception_handler",
    # The same reading of X-Forwarded-For as imar.accounts.client_ip (see IMAR_PROXY_COUNT).
    "NUM_PROXIES": IMAR_PROXY_COUNT,
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
    # If-Match, ETag and the 409/412/428 answers of versioned writes (imar.core.versioning_api).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "imar.core.versioning_api.document_versioning",
    ],
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
        "OrganizationKindEnum": "imar.organizations.enums.OrganizationKind",
        "OrganizationRoleEnum": "imar.portfolio.enums.OrganizationRole",
        "ProjectStatusEnum": "imar.portfolio.enums.ProjectStatus",
        "ProjectTypeEnum": "imar.portfolio.enums.ProjectType",
        "TransactionKindEnum": "imar.monitoring.models.transactions.TransactionKind",
        "ReportStatusEnum": "imar.monitoring.models.reports.ReportStatus",
        "RiskCategoryEnum": "imar.monitoring.models.risks.RiskCategory",
        "RiskStatusEnum": "imar.monitoring.models.risks.RiskStatus",
        "SectorEnum": "imar.portfolio.sectors.Sector",
        "PeriodStatusEnum": "imar.results.enums.PeriodStatus",
    },
}

# The fund running this instance (IATI reporting organisation, page titles).
IMAR_FUND_NAME_EN = env_str("IMAR_FUND_NAME_EN", "Development and Reconstruction Fund of Libya")
IMAR_FUND_NAME_AR = env_str("IMAR_FUND_NAME_AR", "صندوق التنمية وإعادة إعمار ليبيا")
# Donors' IATI activities (imar.aid): the country kept, the public page, the upload cap.
IMAR_AID_COUNTRY = env_str("IMAR_AID_COUNTRY", "LY")
IMAR_AID_PUBLIC = env_bool("IMAR_AID_PUBLIC", True)
IMAR_AID_MAX_FILE_MB = env_int("IMAR_AID_MAX_FILE_MB", 100)
IMAR_DEMO_DATA = env_bool("IMAR_DEMO_DATA", True)
# Publication identifiers (README "Open data"): every published IATI and OC4IDS id is built
# from them and cannot be taken back, so a real instance (IMAR_DEMO_DATA=false) has no
# default and publishes nothing until they are set. A demo instance uses values marked as
# demo ones ("XX" is no registration agency; "xxdemo" is no registered OC4IDS prefix).
IMAR_DEMO_FUND_IATI_ID = "XX-DEMO-IMAR"
IMAR_DEMO_OC4IDS_PREFIX = "xxdemo"
IMAR_FUND_IATI_ID = env_str("IMAR_FUND_IATI_ID", IMAR_DEMO_FUND_IATI_ID if IMAR_DEMO_DATA else "")
IMAR_OC4IDS_PREFIX = env_str(
    "IMAR_OC4IDS_PREFIX", IMAR_DEMO_OC4IDS_PREFIX if IMAR_DEMO_DATA else ""
)
# IATI defaults of every activity (codes from the IATI codelists; empty: not written).
# C01 project-type interventions describes the fund's projects; the flow and finance types
# and the capital-spend share depend on the fund's money, so the publisher sets them.
IMAR_IATI_DEFAULT_AID_TYPE = env_str("IMAR_IATI_DEFAULT_AID_TYPE", "C01")
IMAR_IATI_DEFAULT_FLOW_TYPE = env_str("IMAR_IATI_DEFAULT_FLOW_TYPE", "")
IMAR_IATI_DEFAULT_FINANCE_TYPE = env_str("IMAR_IATI_DEFAULT_FINANCE_TYPE", "")
IMAR_IATI_CAPITAL_SPEND = env_str("IMAR_IATI_CAPITAL_SPEND", "")  # a percentage, e.g. "100"
# The fund's public address for open-data questions (IATI contact-info; never a person's).
IMAR_OPEN_DATA_EMAIL = env_str("IMAR_OPEN_DATA_EMAIL", "")
# The public address of this instance (e.g. https://imar.fund.ly), for absolute links in open
# data (IATI document links, OC4IDS URLs); empty gives site-relative paths.
IMAR_SITE_URL = env_str("IMAR_SITE_URL", "").rstrip("/")
if IMAR_SITE_URL:
    # The declared public address is trusted as a host and, behind a TLS proxy, as the
    # origin of forms, with no need to repeat it in IMAR_ALLOWED_HOSTS and
    # IMAR_CSRF_TRUSTED_ORIGINS.
    from urllib.parse import urlsplit

    _site = urlsplit(IMAR_SITE_URL)
    if _site.scheme not in ("http", "https") or not _site.hostname:
        raise ImproperlyConfigured(
            f"IMAR_SITE_URL must be an address such as https://imar.fund.ly, not {IMAR_SITE_URL!r}"
        )
    if _site.hostname not in ALLOWED_HOSTS:
        ALLOWED_HOSTS.append(_site.hostname)
    if f"{_site.scheme}://{_site.netloc}" not in CSRF_TRUSTED_ORIGINS:
        CSRF_TRUSTED_ORIGINS.append(f"{_site.scheme}://{_site.netloc}")
IMAR_BASE_CURRENCY = "LYD"
# Open data: its licence (name and URL), shown on /open-data/ and embedded in the files.
# The unfiltered downloads are built by a job once per public data version and served as
# files (imar/opendata/cache.py; needs IMAR_SITE_URL); 0 streams every download inline.
IMAR_OPEN_DATA_CACHE = env_bool("IMAR_OPEN_DATA_CACHE", True)
IMAR_OPEN_DATA_LICENCE = env_str("IMAR_OPEN_DATA_LICENCE", "CC BY 4.0")
IMAR_OPEN_DATA_LICENCE_URL = env_str(
    "IMAR_OPEN_DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/"
)
# Districts (ISO 3166-2:LY codes) where every project is location-sensitive: public outputs
# show only the municipality, never the site (as for a project marked so by staff).
IMAR_LOCATION_SENSITIVE_DISTRICTS = env_list("IMAR_LOCATION_SENSITIVE_DISTRICTS", [])
# The API docs page shows the public API first, with the way back to the portal and the data.
SPECTACULAR_SETTINGS["LICENSE"] = {
    "name": IMAR_OPEN_DATA_LICENCE,
    "url": IMAR_OPEN_DATA_LICENCE_URL,
}
SPECTACULAR_SETTINGS["TAGS"] = [
    {
        "name": "public",
        "description": (
            "The public API: read only, no login, rate-limited; the same data as the "
            "[public portal](/) and the [open-data downloads](/open-data/) (formats and data "
            f"dictionary), under the licence [{IMAR_OPEN_DATA_LICENCE}]"
            f"({IMAR_OPEN_DATA_LICENCE_URL}). Index: [/api/v1/public/](/api/v1/public/)."
        ),
    }
]

# Uploaded images with more pixels are refused before they are decoded (imar.core.images).
IMAR_MAX_IMAGE_PIXELS = env_int("IMAR_MAX_IMAGE_PIXELS", 40_000_000)

# Monitoring alert thresholds.
IMAR_ALERT_SPI_BELOW = env_float("IMAR_ALERT_SPI_BELOW", 0.9)
IMAR_ALERT_CPI_BELOW = env_float("IMAR_ALERT_CPI_BELOW", 0.9)
IMAR_ALERT_REPORT_DAYS = env_int("IMAR_ALERT_REPORT_DAYS", 60)

# Citizens' cases (imar.feedback): days to answer per category, then escalation; abuse limits
# (cases per client address and per project per hour; the form's minimum fill time).
IMAR_FEEDBACK_SLA_DAYS = {
    "work_stopped": 10, "quality_safety": 3, "not_as_described": 10,
    "misuse_of_money": 5, "suggestion": 20, "thanks": 30,
}  # fmt: skip
IMAR_FEEDBACK_PER_ADDRESS_HOUR = env_int("IMAR_FEEDBACK_PER_ADDRESS_HOUR", 5)
IMAR_FEEDBACK_PER_PROJECT_HOUR = env_int("IMAR_FEEDBACK_PER_PROJECT_HOUR", 30)
IMAR_FEEDBACK_MIN_SECONDS = env_int("IMAR_FEEDBACK_MIN_SECONDS", 3)
# Data quality: a project with no verified report for this many days is listed.
IMAR_QUALITY_REPORT_DAYS = env_int("IMAR_QUALITY_REPORT_DAYS", 90)
# Data quality: seconds a computed page is kept (`imar.feedback.tasks.refresh_quality`
# refreshes it; 0 computes on every visit).
IMAR_QUALITY_CACHE_SECONDS = env_int("IMAR_QUALITY_CACHE_SECONDS", 900)
# Dotted path of a function(projects queryset) -> ids of projects with indicators (the
# results framework's, by default); empty: the data-quality "indicators" column is not measured.
IMAR_QUALITY_INDICATORS_HOOK = env_str(
    "IMAR_QUALITY_INDICATORS_HOOK", "imar.results.selectors.project_ids_with_indicators"
)
# Procurement: the OCDS ocid prefix registered with the Open Contracting Partnership, and the
# red-flag thresholds (imar.procurement.flags; README "Procurement").
# Like the IATI and OC4IDS identifiers: no default on a real instance (/open-data/contracting.json
# refuses until it is set); a demo instance uses "ocds-xxdemo", which no one registered.
IMAR_DEMO_OCID_PREFIX = "ocds-xxdemo"
IMAR_OCID_PREFIX = env_str("IMAR_OCID_PREFIX", IMAR_DEMO_OCID_PREFIX if IMAR_DEMO_DATA else "")
IMAR_FLAG_MIN_SUBMISSION_DAYS = env_int("IMAR_FLAG_MIN_SUBMISSION_DAYS", 15)
IMAR_FLAG_CLOSE_BID_SHARE = env_float("IMAR_FLAG_CLOSE_BID_SHARE", 0.05)
IMAR_FLAG_DISQUALIFIED_OTHERS = env_int("IMAR_FLAG_DISQUALIFIED_OTHERS", 1)
IMAR_FLAG_REPEAT_WINS = env_int("IMAR_FLAG_REPEAT_WINS", 3)
IMAR_FLAG_REPEAT_SHARE = env_float("IMAR_FLAG_REPEAT_SHARE", 0.5)
IMAR_FLAG_DIRECT_AWARD_LYD = env_float("IMAR_FLAG_DIRECT_AWARD_LYD", 500_000)
IMAR_FLAG_AMENDMENT_SHARE = env_float("IMAR_FLAG_AMENDMENT_SHARE", 0.25)
# Whether the public contracts pages show the red flags (staff always see them).
IMAR_PUBLIC_RED_FLAGS = env_bool("IMAR_PUBLIC_RED_FLAGS", True)

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

# Allocation scenarios run as background jobs by default (imar.jobs, `imar worker`);
# inline runs (in the process that started them, at commit) are for tests and scripts.
IMAR_SCENARIO_RUNS_INLINE = env_bool("IMAR_SCENARIO_RUNS_INLINE", False)
IMAR_SCENARIO_TIME_LIMIT = env_float("IMAR_SCENARIO_TIME_LIMIT", 20.0)
# A run whose worker gave no sign of life for this many seconds (at least three time limits)
# is marked failed and can be run again; a worker process known to be gone, at once.
IMAR_SCENARIO_STALE_AFTER = env_float("IMAR_SCENARIO_STALE_AFTER", 120.0)

# Optional map tiles (e.g. a tile server on the LAN); empty means district polygons only.
IMAR_MAP_TILE_URL = env_str("IMAR_MAP_TILE_URL", "")
IMAR_MAP_TILE_ATTRIBUTION = env_str("IMAR_MAP_TILE_ATTRIBUTION", "")

# Security headers: a strict Content Security Policy on every response (no inline script or
# style, no eval; see imar/core/csp.py), HSTS once the site declares HTTPS in production, and
# referrer and opener policies that keep addresses and windows to this site.
try:
    CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": content_security_policy(
            tile_url=IMAR_MAP_TILE_URL, media_url=media_origin(IMAR_MEDIA_STORAGE, IMAR_S3)
        )
    }
except ValueError as error:
    raise ImproperlyConfigured(str(error)) from None
IMAR_HTTPS = env_bool("IMAR_HTTPS", False)
SECURE_HSTS_SECONDS = (
    env_int("IMAR_HSTS_SECONDS", 31_536_000) if IMAR_HTTPS and not IMAR_DEBUG else 0
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("IMAR_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("IMAR_HSTS_PRELOAD", False)
SECURE_SSL_REDIRECT = env_bool("IMAR_SSL_REDIRECT", False)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Behind a proxy that terminates TLS: the header it sets on HTTPS requests (e.g.
# X-Forwarded-Proto). Only when configured: trusted blindly, a client could forge it.
IMAR_PROXY_SSL_HEADER = env_str("IMAR_PROXY_SSL_HEADER", "")
if IMAR_PROXY_SSL_HEADER:
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + IMAR_PROXY_SSL_HEADER.upper().replace("-", "_"), "https")

# Logs go to stderr (journald under systemd): plain text by default, one JSON object per line
# with IMAR_LOG_FORMAT=json; every request is one line (imar.core.logs.RequestLog).
IMAR_LOG_FORMAT = env_str("IMAR_LOG_FORMAT", "text")
if IMAR_LOG_FORMAT not in ("text", "json"):
    raise ImproperlyConfigured(f"IMAR_LOG_FORMAT must be text or json, not {IMAR_LOG_FORMAT!r}")
# The request lines are on in production and with JSON logs; the demo's runserver prints its
# own (IMAR_REQUEST_LOG=true adds them there too).
LOGGING = logging_config(
    log_format=IMAR_LOG_FORMAT,
    level=env_str("IMAR_LOG_LEVEL", "WARNING"),
    request_lines=env_bool("IMAR_REQUEST_LOG", IMAR_LOG_FORMAT == "json" or not IMAR_DEBUG),
)

# The web server (`imar serve`, gunicorn; README "Production"). Workers: 2 per core plus one,
# at most 12, by default; seconds a request may take before its worker is replaced.
IMAR_WEB_BIND = env_str("IMAR_WEB_BIND", "127.0.0.1:8000")
IMAR_WEB_WORKERS = env_int("IMAR_WEB_WORKERS", default_workers())
IMAR_WEB_THREADS = env_int("IMAR_WEB_THREADS", 1)
IMAR_WEB_TIMEOUT = env_int("IMAR_WEB_TIMEOUT", 60)
IMAR_WEB_GRACEFUL_TIMEOUT = env_int("IMAR_WEB_GRACEFUL_TIMEOUT", 30)
IMAR_WEB_KEEPALIVE = env_int("IMAR_WEB_KEEPALIVE", 5)
IMAR_WEB_MAX_REQUESTS = env_int("IMAR_WEB_MAX_REQUESTS", 5000)
if IMAR_WEB_WORKERS < 1 or IMAR_WEB_THREADS < 1 or IMAR_WEB_TIMEOUT < 1:
    raise ImproperlyConfigured("IMAR_WEB_WORKERS, _THREADS and _TIMEOUT must be at least 1.")
# /healthz fails when less than this many megabytes are free where the data lives.
IMAR_HEALTH_MIN_FREE_MB = env_int("IMAR_HEALTH_MIN_FREE_MB", 500)
# /metrics: staff who may operate (administrators, auditors) or a scraper sending
# "Authorization: Bearer <token>" with this token (empty: no token is accepted).
IMAR_METRICS_TOKEN = env_str("IMAR_METRICS_TOKEN", "")
# Seconds a 503 page (the database unavailable) tells clients to wait before retrying.
IMAR_RETRY_AFTER_SECONDS = env_int("IMAR_RETRY_AFTER_SECONDS", 30)

# Accounts and sign-in (README "Trust"): forum login links, brute-force lockout, client
# addresses behind proxies, password hashing, two-factor, API tokens and session lifetimes.
# A delegate's login link works once, until it expires or a newer one replaces it.
IMAR_LOGIN_LINK_HOURS = env_int("IMAR_LOGIN_LINK_HOURS", 72)

# Brute force: an account or an address locked out after this many failed sign-ins (the staff
# login, the Django admin and POST /api/v1/auth/token/) until the cool-off has passed.
IMAR_LOGIN_FAILURE_LIMIT = env_int("IMAR_LOGIN_FAILURE_LIMIT", 10)
IMAR_LOGIN_COOLOFF_MINUTES = env_int("IMAR_LOGIN_COOLOFF_MINUTES", 15)
AXES_FAILURE_LIMIT = IMAR_LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = IMAR_LOGIN_COOLOFF_MINUTES / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either one locks
AXES_CLIENT_IP_CALLABLE = "imar.accounts.client_ip.client_ip"
AXES_LOCKOUT_CALLABLE = "imar.accounts.lockout.lockout_response"
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_VERBOSE = False

# Two-factor sign-in (TOTP, with backup codes): optional for everyone, required for these roles
# when enforced; enforced by default in production, off for the local demo (IMAR_DEBUG).
IMAR_2FA_ENFORCED = env_bool("IMAR_2FA_ENFORCED", not IMAR_DEBUG)
IMAR_2FA_REQUIRED_ROLES = env_list("IMAR_2FA_REQUIRED_ROLES", ["administrator", "finance"])
OTP_TOTP_ISSUER = IMAR_FUND_NAME_EN

# API tokens expire, and logging out or changing the password revokes them.
IMAR_API_TOKEN_HOURS = env_int("IMAR_API_TOKEN_HOURS", 24)

# Sessions end after this long without a request, and in any case this long after sign-in.
IMAR_SESSION_IDLE_MINUTES = env_int("IMAR_SESSION_IDLE_MINUTES", 30)
IMAR_SESSION_MAX_HOURS = env_int("IMAR_SESSION_MAX_HOURS", 12)
SESSION_COOKIE_AGE = IMAR_SESSION_MAX_HOURS * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Public forum registration: attempts per address per hour, registrations per event per hour.
IMAR_FORUM_REGISTRATIONS_PER_ADDRESS_HOUR = env_int("IMAR_FORUM_REGISTRATIONS_PER_ADDRESS_HOUR", 10)
IMAR_FORUM_REGISTRATIONS_PER_EVENT_HOUR = env_int("IMAR_FORUM_REGISTRATIONS_PER_EVENT_HOUR", 200)
IMAR_FORUM_REGISTRATION_MAX_BYTES = env_int("IMAR_FORUM_REGISTRATION_MAX_BYTES", 65536)

# The fund's fiscal year starts on the first day of this month (1 = January): the year filter
# of the dashboard and the money page (imar.monitoring.money_summary.Period).
IMAR_FISCAL_YEAR_START_MONTH = env_int("IMAR_FISCAL_YEAR_START_MONTH", 1)
if not 1 <= IMAR_FISCAL_YEAR_START_MONTH <= 12:
    raise ImproperlyConfigured("IMAR_FISCAL_YEAR_START_MONTH must be a month number, 1 to 12.")
# Background jobs (README "Running in production"): Django's Tasks API (the django-tasks
# backport; Django 6's django.tasks later, by this setting alone). "database" (the default)
# keeps the queue in the database: no other server, `imar worker` beside the web server.
# "redis" uses RQ on IMAR_JOBS_REDIS_URL (or IMAR_REDIS_URL). "immediate" runs every job in
# the process that queued it, when its transaction commits (tests, scripts).
IMAR_JOBS_BACKEND = env_str("IMAR_JOBS_BACKEND", "database")
IMAR_JOBS_REDIS_URL = env_str("IMAR_JOBS_REDIS_URL", REDIS_URL or "redis://127.0.0.1:6379/0")
_JOB_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "redis": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if IMAR_JOBS_BACKEND not in _JOB_BACKENDS:
    raise ImproperlyConfigured(
        f"IMAR_JOBS_BACKEND must be one of {', '.join(_JOB_BACKENDS)}, not {IMAR_JOBS_BACKEND!r}"
    )
TASKS = {
    "default": {"BACKEND": _JOB_BACKENDS[IMAR_JOBS_BACKEND]},
    "immediate": {"BACKEND": _JOB_BACKENDS["immediate"]},
}
RQ_QUEUES = {"default": {"URL": IMAR_JOBS_REDIS_URL, "DEFAULT_TIMEOUT": 3600}}
if IMAR_JOBS_BACKEND == "redis":
    INSTALLED_APPS.append("django_rq")  # the RQ backend needs it (its admin pages come along)
IMAR_JOBS_IMMEDIATE = IMAR_JOBS_BACKEND == "immediate"
# A running job beats every IMAR_JOBS_HEARTBEAT seconds; one silent for IMAR_JOBS_STALE_AFTER
# (or whose worker process is gone) is marked failed by the worker's housekeeping round,
# which also queues the periodic jobs, every IMAR_JOBS_TICK seconds.
IMAR_JOBS_HEARTBEAT = env_float("IMAR_JOBS_HEARTBEAT", 5.0)
IMAR_JOBS_STALE_AFTER = env_float("IMAR_JOBS_STALE_AFTER", 120.0)
IMAR_JOBS_TICK = env_float("IMAR_JOBS_TICK", 15.0)
# Finished jobs (and the queue backend's result rows) older than IMAR_JOBS_KEEP_DAYS days are
# deleted by the periodic job "jobs.prune"; files uploaded for jobs wait in IMAR_JOBS_FILES_DIR.
IMAR_JOBS_KEEP_DAYS = env_float("IMAR_JOBS_KEEP_DAYS", 30.0)
IMAR_JOBS_FILES_DIR = Path(env_str("IMAR_JOBS_FILES_DIR", str(DATA_DIR / "jobs")))
# Delegates' agenda PDFs, written by a job and served while the agenda is unchanged.
IMAR_FORUM_AGENDA_DIR = Path(env_str("IMAR_FORUM_AGENDA_DIR", str(DATA_DIR / "cache" / "agendas")))
# Periodic jobs: kind=HH:MM (daily, local time) or kind=<N>m (every N minutes), comma-separated.
IMAR_JOBS_PERIODIC = dict(
    item.split("=", 1)
    for item in env_list(
        "IMAR_JOBS_PERIODIC",
        [
            "monitoring.figures_refresh=02:00",
            "accounts.audit_checkpoint=03:00",
            "jobs.prune=04:00",
            "opendata.prebuild_exports=04:30",
        ],
    )
)
