"""Accord settings: one file, driven by the environment (README: "Settings")."""

import sys
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
TESTING = "pytest" in sys.modules or sys.argv[1:2] == ["test"]

DEBUG = env.bool("DEBUG", default=False)
# Baseline views for the load benchmark (/_benchmark/ok, /_benchmark/template; `make
# benchmark-load`): off, and never on in production.
BENCHMARK_VIEWS = env.bool("BENCHMARK_VIEWS", default=False)

if DEBUG or TESTING:
    SECRET_KEY = env("SECRET_KEY", default="django-insecure-accord-development-key-not-for-production")
else:
    SECRET_KEY = env("SECRET_KEY")  # fails loudly when unset in production

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# The portal's absolute address for links in emails, feeds and PDFs. Unset, a page or
# feed links to the address it was requested at, and work with no request (emails sent
# by the worker, PDFs) uses DEFAULT_SITE_URL; governance/site.py decides.
SITE_URL = env("SITE_URL", default="")
DEFAULT_SITE_URL = "http://127.0.0.1:8000"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_forms_gds",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "mozilla_django_oidc",
    "django_celery_beat",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "governance",  # shared plumbing: its management commands (run_periodic_tasks)
    "accounts",
    "partnerships",
    "meetings",
    "decisions",
    "search",
    "alerts",
    "reports",
    "portal",
    "api",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Public pages served to anonymous visitors from the cache until the content changes
    # (governance/pagecache.py); above the session, so a hit reads no session, and above
    # compression, so a hit is not compressed again.
    "governance.pagecache.PageCacheMiddleware",
    # Pages, feeds, calendars and API answers compressed for clients that accept gzip
    # (Django's middleware, which pads each body at random against BREACH); downloads of
    # PDFs and office documents are not (compressed already); static files are
    # compressed ahead by WhiteNoise.
    "governance.middleware.TextGZipMiddleware",
    # 304 Not Modified for a GET whose ETag or Last-Modified the client already has:
    # feeds, paper and document downloads, pages (an ETag of the content when none is
    # set); inside compression, so the ETag is of the content.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    # NUL in the address or a form is a 400; other control characters are cleaned out.
    "governance.middleware.RequestTextMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified() (django-otp's OTPMiddleware, without reading the device);
    # then officers and administrators who must use two-factor sign-in are sent to set it
    # up or enter a code (accounts/middleware.py).
    "accounts.middleware.VerifiedDeviceMiddleware",
    "accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    # A download whose storage is not answering: a 503 page, not a 500.
    "governance.middleware.StorageUnavailableMiddleware",
    "governance.middleware.MethodNotAllowedPageMiddleware",  # last: its page gets the headers above
]

ROOT_URLCONF = "governance.urls"
WSGI_APPLICATION = "governance.wsgi.application"

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
                "accounts.context_processors.navigation",
            ],
        },
    },
]

# Database: PostgreSQL in production and CI, an embedded SQLite file by default.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'accord.sqlite3'}"),
}
if not env("DATABASE_URL", default=""):
    VAR_DIR.mkdir(exist_ok=True)  # the embedded database of a fresh checkout
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Persistent connections: one a process (a gunicorn worker, a Celery worker process,
# beat), kept for CONN_MAX_AGE seconds and checked before reuse, instead of a new one
# for every request (README: sizing). SQLite opens its file in-process: nothing to keep.
DATABASES["default"].setdefault(
    "CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0 if "sqlite" in DATABASES["default"]["ENGINE"] else 60)
)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache and Celery: Redis when REDIS_URL is set; otherwise in-process and eager.
REDIS_URL = env("REDIS_URL", default="")
# The cache may live on a Redis of its own (CACHE_URL): one with a memory limit that
# evicts the least recently used keys (docker-compose's `cache`), which the broker's
# Redis must never do (an evicted queue is a lost task). The page cache keeps a page per
# address asked for, so its memory grows with the addresses visitors try.
CACHE_URL = env("CACHE_URL", default=REDIS_URL)
if CACHE_URL:
    # A cache that Redis being down turns into misses, not 500s (governance/cache.py):
    # the web keeps serving (issue 11 item 9). Connecting and each answer give up after a
    # second (a healthy Redis answers in well under a millisecond), so an unreachable or
    # hanging Redis does not hold a request; after a failure the cache is not tried
    # again for a few seconds.
    CACHES = {
        "default": {
            "BACKEND": "governance.cache.ForgivingRedisCache",
            "LOCATION": CACHE_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Sessions are kept in the database and read through the cache: a signed-in request
# reads its session from Redis, not with a query (the database copy survives a Redis
# restart; with Redis down the cache counts as a miss and the database answers).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
# Crash safety (SPEC §8, issue 11 item 8). Every task is safe to run twice (a unique
# row, a claimed render, a content hash), so a task may be delivered again rather than lost:
# - acks late: a message is acknowledged when its task has finished, not when it starts,
#   so a task whose worker died mid-run is still in Redis;
CELERY_TASK_ACKS_LATE = True
# - reject on worker lost: a pool child killed mid-task (OOM, kill -9) sends its message
#   straight back to the queue, where a fresh child runs it again at once;
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# - prefetch 1: a worker holds one message beyond none, so a worker killed outright
#   (its main process too) strands at most that one until the visibility timeout;
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# - visibility timeout 30 minutes: Redis gives an unacknowledged message to another
#   worker this long after delivering it. Shorter than the hour it was, so what a worker
#   killed outright held comes back within half an hour (the sweeps make it up sooner:
#   renders every 10 minutes, reminders every working hour); longer than the longest a
#   message stays rightly unacknowledged, the longest retry countdown (600 s, alerts and
#   reminders) plus the longest hard time limit (660 s, search's sweep_index), so a task
#   that is running or waiting for its retry is not handed out a second time;
# - socket connect timeout: a web request queuing a task to an unreachable Redis waits
#   two seconds a try, not the system's TCP timeout (governance/queue.py then carries on).
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 1800, "socket_connect_timeout": 2}
# - publishing: three quick tries (about a second in all) before enqueue gives up and the
#   officer is told the side effect is delayed; the periodic sweeps queue it again.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 3, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}
# - a worker whose Redis went away keeps trying to reconnect for as long as it takes
#   (Celery's default gives up after 100 tries and the worker exits), and a task running
#   when the connection went finishes its work rather than being cancelled (Celery 6's
#   default): it is idempotent, and one redelivered later finds nothing left to do.
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = False
# A pool process warms up the PDF renderer as it starts (meetings.tasks, about half a
# second): the main process waits up to 20 s for it, not Celery's 4 s, on a loaded host.
CELERY_WORKER_PROC_ALIVE_TIMEOUT = 20
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_ROUTES = {"meetings.tasks.render_*": {"queue": "pdf"}, "reports.tasks.render_*": {"queue": "pdf"}}
CELERY_TIMEZONE = "Europe/London"
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
PDF_TASK_SOFT_TIME_LIMIT = env.int("PDF_TASK_SOFT_TIME_LIMIT", default=120)
PDF_TASK_TIME_LIMIT = env.int("PDF_TASK_TIME_LIMIT", default=180)

# Email
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
EMAIL_BACKEND = env("EMAIL_BACKEND", default=EMAIL_CONFIG["EMAIL_BACKEND"])
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Accord <accord@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Users
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "sign-in"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, reading the signed-in user with their Person and the
    # partnerships they service in one query (partnerships/backends.py).
    "partnerships.backends.SignedInUserBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# The public page cache (governance/pagecache.py). Pages the same for every anonymous
# visitor are kept for PAGE_CACHE_SECONDS, keyed on the content version below, so a
# change is shown at once and the clock (what is upcoming, deadlines) at most this late.
# 0 turns it off: the default under the test runner (the tests of the cache turn it on)
# and with DEBUG (`make run`), where a template being edited should show at once.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=0 if TESTING or DEBUG else 60)
# At most this many bytes of pages are stored each minute (anyone may make up addresses,
# each a key of its own): past it, pages are rendered for each request until the next
# minute, and the cache never fills with them.
PAGE_CACHE_BYTES_PER_MINUTE = env.int("PAGE_CACHE_BYTES_PER_MINUTE", default=64 * 1024 * 1024)
# The content version: an epoch renewed when a change commits, for every save or delete
# of a model of CONTENT_APPS as well as every action; and, checked once a second in
# each process as a safeguard, the newest value of each column below, one query on
# indexes. Every action appends an audit event (or a decision history row, a figure or a
# risk review), the admin appends to its log, and the workers stamp the PDFs and search
# entries they write; so any change to what pages show moves one of these.
CONTENT_APPS = ["admin", "partnerships", "meetings", "decisions", "reports", "search"]
CONTENT_VERSION_COLUMNS = [
    "partnerships.AuditEvent.id",
    "decisions.ProposalEvent.id",
    "decisions.Position.id",
    "reports.IndicatorValue.id",
    "reports.IndicatorTarget.id",
    "reports.RiskReview.id",
    "admin.LogEntry.id",
    "meetings.RenderedDocument.requested_at",
    "meetings.RenderedDocument.rendered_at",
    "search.SearchEntry.indexed_at",
]

# Password reset (accounts/views.py): how long an emailed link works (seconds), and how
# many reset requests each email address and each client address may make in a window
# (seconds); more get a 429 page. The same page answers whether or not an account has
# the address, and the limits count every request alike.
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=2 * 3600)
PASSWORD_RESET_RATE_PER_ADDRESS = env.int("PASSWORD_RESET_RATE_PER_ADDRESS", default=5)
PASSWORD_RESET_RATE_PER_CLIENT = env.int("PASSWORD_RESET_RATE_PER_CLIENT", default=20)
PASSWORD_RESET_RATE_WINDOW = env.int("PASSWORD_RESET_RATE_WINDOW", default=3600)

# Two-factor sign-in (django-otp, accounts/middleware.py): officers, administrators and
# staff enter a code from an authenticator app (TOTP) or a backup code after their
# password. Off under the test runner (the tests that need it switch it on) unless set;
# `make run` sets it false for the demo's accounts. Whoever has set up an app is asked
# for a code either way.
TWO_FACTOR_REQUIRED = env.bool("TWO_FACTOR_REQUIRED", default=not TESTING)
OTP_TOTP_ISSUER = "Accord"
TWO_FACTOR_BACKUP_CODES = 10

# Sign-in with the councils' identity provider (OpenID Connect, mozilla-django-oidc;
# Microsoft Entra ID or any other): on when OIDC_RP_CLIENT_ID is set. Accounts are
# matched by email address to existing users only; no account is created. Register
# <site>/sign-in/organisation/callback/ as the redirect URI.
OIDC_RP_CLIENT_ID = env("OIDC_RP_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env("OIDC_RP_CLIENT_SECRET", default="")
OIDC_OP_AUTHORIZATION_ENDPOINT = env("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env("OIDC_OP_USER_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env("OIDC_OP_JWKS_ENDPOINT", default="")
OIDC_RP_SIGN_ALGO = env("OIDC_RP_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = env("OIDC_RP_SCOPES", default="openid email profile")
# A sign-in through the identity provider counts as two-factor (set true when the
# provider itself asks for a second factor, as Entra ID's conditional access does).
OIDC_COUNTS_AS_TWO_FACTOR = env.bool("OIDC_COUNTS_AS_TWO_FACTOR", default=False)
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
OIDC_CREATE_USER = False
OIDC_USE_PKCE = True
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc-callback"
OIDC_TIMEOUT = 10
if OIDC_ENABLED:
    _oidc_missing = [
        name
        for name, value in (
            ("OIDC_RP_CLIENT_SECRET", OIDC_RP_CLIENT_SECRET),
            ("OIDC_OP_AUTHORIZATION_ENDPOINT", OIDC_OP_AUTHORIZATION_ENDPOINT),
            ("OIDC_OP_TOKEN_ENDPOINT", OIDC_OP_TOKEN_ENDPOINT),
            ("OIDC_OP_USER_ENDPOINT", OIDC_OP_USER_ENDPOINT),
            ("OIDC_OP_JWKS_ENDPOINT", OIDC_OP_JWKS_ENDPOINT if OIDC_RP_SIGN_ALGO[:2] in ("RS", "ES") else "-"),
        )
        if not value
    ]
    if _oidc_missing:
        raise environ.ImproperlyConfigured(f"OIDC_RP_CLIENT_ID is set: set {', '.join(_oidc_missing)} too")
    AUTHENTICATION_BACKENDS.append("accounts.oidc.OrganisationBackend")

# Login throttling (django-axes): lock a username from one address after failures.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# Behind the TLS proxy every request comes from the proxy: the client's address is the
# one the proxy added to X-Forwarded-For, or five bad passwords would lock a username
# out for everyone (accounts/throttle.py).
BEHIND_PROXY = env.bool("BEHIND_PROXY", default=env.bool("HTTPS", default=False))
AXES_CLIENT_IP_CALLABLE = "accounts.throttle.client_address"

# Internationalisation
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# Static files and uploads
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(VAR_DIR / "media")))
# Uploaded and rendered files (papers, delegation evidence, memoranda, agenda packs,
# minutes and report PDFs) live in the "default" storage. Local disk (MEDIA_ROOT) unless
# S3_BUCKET names a bucket of S3-compatible object storage (AWS S3, MinIO), which every
# web and worker container shares. Either way nothing is served from the storage's own
# address: the portal's views check who may read a file, then stream it
# (governance/downloads.py).
S3_BUCKET = env("S3_BUCKET", default="")
# Answer a download, after the same checks, with a redirect to a presigned URL of the
# object that expires after S3_SIGNED_URL_SECONDS, instead of streaming it through the
# portal. Only for a bucket the public can reach at S3_ENDPOINT_URL.
S3_SIGNED_DOWNLOADS = bool(S3_BUCKET) and env.bool("S3_SIGNED_DOWNLOADS", default=False)
S3_SIGNED_URL_SECONDS = env.int("S3_SIGNED_URL_SECONDS", default=60)
_s3_options = {
    # The bucket; it must not be public (docker-compose's minio-init creates it private).
    "bucket_name": S3_BUCKET,
    # The S3 API address: http://minio:9000 for MinIO; empty for AWS itself.
    "endpoint_url": env("S3_ENDPOINT_URL", default="") or None,
    # The bucket's region, which signatures name: AWS's region; "us-east-1" for MinIO
    # unless its MINIO_SITE_REGION says otherwise.
    "region_name": env("S3_REGION", default="") or None,
    # The credentials; empty to use boto3's own chain (an instance or task role).
    "access_key": env("S3_ACCESS_KEY_ID", default="") or None,
    "secret_key": env("S3_SECRET_ACCESS_KEY", default="") or None,
    # "path" (http://minio:9000/bucket/key) for MinIO; "virtual" or empty for AWS.
    "addressing_style": env("S3_ADDRESSING_STYLE", default="") or None,
    # Stored objects get no ACL of their own, so they stay as private as the bucket:
    # an object's URL without a signature is refused.
    "default_acl": None,
    # Any URL the storage makes is signed, and short-lived (S3_SIGNED_DOWNLOADS).
    "querystring_auth": True,
    "querystring_expire": S3_SIGNED_URL_SECONDS,
    # Signature version 4: AWS refuses the older version 2 on buckets made since 2020,
    # and boto3 would still sign with it in us-east-1.
    "signature_version": "s3v4",
    # A name already taken gets a suffix, as on disk: a paper version is never overwritten.
    "file_overwrite": False,
    # A file read larger than this spools to a temporary file rather than memory.
    "max_memory_size": 5 * 1024 * 1024,
}
STORAGES = {
    "default": (
        {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": _s3_options}
        if S3_BUCKET
        else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    ),
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env.bool("STATIC_MANIFEST", default=not (DEBUG or TESTING))
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)

# Forms
CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"
# crispy-forms-gds styles text, email and password inputs only: every input gets the
# GOV.UK class (merged with the library's own converters).
CRISPY_CLASS_CONVERTERS = {
    "numberinput": "govuk-input",
    "urlinput": "govuk-input",
    "dateinput": "govuk-input",
    "datetimeinput": "govuk-input",
    "timeinput": "govuk-input",
    "nullbooleanselect": "govuk-select",
}

# Security. HTTPS=true in production switches on the transport protections.
HTTPS = env.bool("HTTPS", default=False)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}


# ---------------------------------------------------------------------------
# Search (search app, SPEC §6)
# The text of a paper's file is read at upload by a Celery task: files larger than this
# are not read (the paper is still found by its title); the task's soft and hard time
# limits (seconds); how many times a file that could not be read for a passing reason
# (storage unreachable) is tried again.
SEARCH_EXTRACT_MAX_BYTES = env.int("SEARCH_EXTRACT_MAX_BYTES", default=25 * 1024 * 1024)
SEARCH_EXTRACT_SOFT_TIME_LIMIT = env.int("SEARCH_EXTRACT_SOFT_TIME_LIMIT", default=60)
SEARCH_EXTRACT_TIME_LIMIT = env.int("SEARCH_EXTRACT_TIME_LIMIT", default=90)
SEARCH_EXTRACT_MAX_RETRIES = env.int("SEARCH_EXTRACT_MAX_RETRIES", default=3)
# The most text kept from one document (characters); the rest is not searchable.
SEARCH_BODY_MAX_CHARS = env.int("SEARCH_BODY_MAX_CHARS", default=500_000)


# ---------------------------------------------------------------------------
# Email alerts (alerts app, SPEC §6)
# How long a confirmation link works (seconds), and a manage link; unsubscribe links
# never expire (mail clients call them whenever the reader presses "Unsubscribe").
ALERTS_CONFIRM_MAX_AGE = env.int("ALERTS_CONFIRM_MAX_AGE", default=3 * 24 * 3600)
ALERTS_MANAGE_MAX_AGE = env.int("ALERTS_MANAGE_MAX_AGE", default=90 * 24 * 3600)
# The subscribe and manage-link forms: at most this many requests per address and per
# client in each window (seconds); more get a 429 page with the reason.
ALERTS_RATE_PER_ADDRESS = env.int("ALERTS_RATE_PER_ADDRESS", default=5)
ALERTS_RATE_PER_CLIENT = env.int("ALERTS_RATE_PER_CLIENT", default=30)
ALERTS_RATE_WINDOW = env.int("ALERTS_RATE_WINDOW", default=3600)
# The sweep looks at publications of the last N days (a sweep that could not run for
# longer than that skips what is older).
ALERTS_LOOKBACK_DAYS = env.int("ALERTS_LOOKBACK_DAYS", default=14)
# GOV.UK Notify (django-gov-notify) sends the alert emails when its API key is set;
# Django's email (EMAIL_URL) otherwise. Notify needs a plain template, subject
# ((subject)) and body ((body)).
GOVUK_NOTIFY_API_KEY = env("GOVUK_NOTIFY_API_KEY", default="")
GOVUK_NOTIFY_PLAIN_EMAIL_TEMPLATE_ID = env("GOVUK_NOTIFY_PLAIN_EMAIL_TEMPLATE_ID", default="")
if GOVUK_NOTIFY_API_KEY and not GOVUK_NOTIFY_PLAIN_EMAIL_TEMPLATE_ID:
    raise environ.ImproperlyConfigured("GOVUK_NOTIFY_API_KEY is set: set GOVUK_NOTIFY_PLAIN_EMAIL_TEMPLATE_ID too")
ALERTS_EMAIL_BACKEND = "alerts.notify.NotifyAlertsBackend" if GOVUK_NOTIFY_API_KEY else ""


# ---------------------------------------------------------------------------
# Open data API (api app, SPEC §6, §9)
# Anonymous clients (everyone: the API has no sign-in) may make this many requests per
# client address; more get a 429 with the reason and Retry-After. DRF rate syntax:
# "<n>/<sec|min|hour|day>".
API_ANON_RATE = env("API_ANON_RATE", default="120/min")
_api_requests, _, _api_period = API_ANON_RATE.partition("/")
if not (_api_requests.isdigit() and int(_api_requests) > 0 and _api_period in ("sec", "min", "hour", "day")):
    raise environ.ImproperlyConfigured(
        f"API_ANON_RATE is {API_ANON_RATE!r}: write it as 120/min (or /sec, /hour, /day)"
    )
# Rows per page of the lists (a client may ask for up to API_MAX_PAGE_SIZE with ?page_size=).
API_PAGE_SIZE = env.int("API_PAGE_SIZE", default=50)
API_MAX_PAGE_SIZE = env.int("API_MAX_PAGE_SIZE", default=200)
# The licence the published data is released under, stated by the API root, the
# OpenAPI description, a Link header on every response and the CSV downloads.
API_LICENCE_NAME = "Open Government Licence v3.0"
API_LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
REST_FRAMEWORK = {
    # Read-only and the same for everyone: no sign-in, no sessions, no CSRF, JSON only.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.AnonymousRateThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.views.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Accord open data API",
    "DESCRIPTION": (
        "Read-only JSON of the published data of the partnerships: organizations (partner bodies, "
        "partnerships and boards), people, memberships, events (meetings), vote events, decisions and public performance indicators, "
        "shaped after the Open Civic Data and Popolo vocabularies. Nothing unpublished or exempt is "
        f"included. Released under the {API_LICENCE_NAME}: {API_LICENCE_URL}"
    ),
    "VERSION": "1",
    "LICENSE": {"name": API_LICENCE_NAME, "url": API_LICENCE_URL},
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # No call to the public validator: the docs page loads nothing from elsewhere (CSP).
    "SWAGGER_UI_SETTINGS": {"validatorUrl": None, "deepLinking": True},
}
# CORS: any origin may read the API (GET, HEAD and the preflight OPTIONS), without
# credentials; nothing outside /api/ answers other origins.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "accept-language", "if-none-match", "if-modified-since", "user-agent"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Link", "Retry-After"]
