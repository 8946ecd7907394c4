"""Production settings: hashed, compressed static files with far-future headers; the public
address trusted as host and origin; the deployment template names real settings only."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {"IMAR_DEBUG": "false", "IMAR_SECRET_KEY": "s" * 50, "IMAR_AUDIT_KEY": "a" * 64}


def _run(code: str, **env) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("IMAR_", "DATABASE"))}
    environment.update(PRODUCTION, DJANGO_SETTINGS_MODULE="imar.settings", **env)
    return subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=False
    )


def _settings(*names: str, **env) -> dict:
    code = "import json; from django.conf import settings as s; print(json.dumps({"
    code += ",".join(f"{n!r}: s.{n}" for n in names) + "}, default=str))"
    result = _run(code, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_uses_the_compressed_manifest_storage():
    values = _settings("STORAGES", "WHITENOISE_USE_FINDERS")
    backend = values["STORAGES"]["staticfiles"]["BACKEND"]
    from django.utils.module_loading import import_string
    from whitenoise.storage import CompressedManifestStaticFilesStorage

    assert issubclass(import_string(backend), CompressedManifestStaticFilesStorage)
    assert values["WHITENOISE_USE_FINDERS"] is False


def test_the_demo_keeps_plain_static_files():
    values = _settings("STORAGES", IMAR_DEBUG="true")
    assert values["STORAGES"]["staticfiles"]["BACKEND"].endswith("StaticFilesStorage")
    assert "Manifest" not in values["STORAGES"]["staticfiles"]["BACKEND"]


def test_collected_files_are_hashed_compressed_and_cached_for_ever(tmp_path):
    """collectstatic as an operator runs it, then a hashed file fetched through WhiteNoise."""
    static_root = tmp_path / "static"
    env = {"IMAR_DATA_DIR": str(tmp_path), "IMAR_STATIC_ROOT": str(static_root)}
    code = (
        "import django; django.setup();"
        "from django.core.management import call_command;"
        "call_command('collectstatic', interactive=False, verbosity=0);"
        "from django.contrib.staticfiles.storage import staticfiles_storage as st;"
        "from django.test import Client;"
        "url = st.url('core/imar.css');"
        "r = Client().get(url, headers={'Accept-Encoding': 'gzip'});"
        "import json; print(json.dumps({'url': url, 'status': r.status_code,"
        " 'cache': r.headers.get('Cache-Control'), 'encoding': r.headers.get('Content-Encoding')}))"
    )
    result = _run(code, **env)
    assert result.returncode == 0, result.stderr[-3000:]
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert re.fullmatch(r"/static/core/imar\.[0-9a-f]{12}\.css", answer["url"])
    assert answer["status"] == 200
    assert "max-age=315360000" in answer["cache"] and "immutable" in answer["cache"]
    assert answer["encoding"] == "gzip"
    assert (static_root / "staticfiles.json").exists()
    assert list((static_root / "core").glob("imar.*.css.gz"))


def test_the_public_address_is_trusted_as_host_and_form_origin():
    values = _settings(
        "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", IMAR_SITE_URL="https://imar.fund.example.ly/"
    )
    assert "imar.fund.example.ly" in values["ALLOWED_HOSTS"]
    assert values["CSRF_TRUSTED_ORIGINS"] == ["https://imar.fund.example.ly"]


def test_a_public_address_that_is_no_address_stops_the_server():
    result = _run("import imar.settings", IMAR_SITE_URL="imar.fund.ly")
    assert result.returncode != 0 and "IMAR_SITE_URL must be an address" in result.stderr


def test_behind_a_tls_proxy_its_header_is_trusted_only_when_configured():
    assert _settings("IMAR_PROXY_SSL_HEADER")["IMAR_PROXY_SSL_HEADER"] == ""
    values = _settings("SECURE_PROXY_SSL_HEADER", IMAR_PROXY_SSL_HEADER="X-Forwarded-Proto")
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def _template_settings() -> dict[str, str]:
    lines = (ROOT / "deploy" / "imar.env.example").read_text().splitlines()
    pairs = [line.split("=", 1) for line in lines if line and not line.startswith("#")]
    return {name: value.strip('"') for name, value in pairs}


def test_the_environment_template_names_only_settings_imar_reads():
    source = (ROOT / "imar" / "settings.py").read_text()
    read = set(re.findall(r'env_\w+\(\s*"([A-Z0-9_]+)"', source)) | {"DATABASE_URL"}
    unknown = set(_template_settings()) - read
    assert not unknown, f"not read by imar/settings.py: {sorted(unknown)}"


@pytest.mark.parametrize(
    "name",
    [
        "IMAR_DEBUG", "IMAR_SECRET_KEY", "IMAR_AUDIT_KEY", "DATABASE_URL", "IMAR_REDIS_URL",
        "IMAR_JOBS_BACKEND", "IMAR_SITE_URL", "IMAR_ALLOWED_HOSTS", "IMAR_PROXY_SSL_HEADER",
        "IMAR_TRUSTED_PROXIES", "IMAR_HTTPS", "IMAR_LOG_FORMAT", "IMAR_WEB_WORKERS",
        "IMAR_METRICS_TOKEN", "IMAR_DEMO_DATA", "IMAR_EMAIL_HOST",
    ],
)  # fmt: skip
def test_the_environment_template_sets_what_production_needs(name):
    assert name in _template_settings()


def test_the_environment_template_starts_a_production_instance(tmp_path):
    values = {
        name: value
        for name, value in _template_settings().items()
        if value and name not in ("IMAR_DATA_DIR", "IMAR_MEDIA_ROOT", "IMAR_STATIC_ROOT")
    }
    values.update(IMAR_SECRET_KEY="k" * 50, IMAR_AUDIT_KEY="b" * 64, IMAR_DATA_DIR=str(tmp_path))
    result = _run("import django; django.setup(); print('ok')", **values)
    assert result.returncode == 0, result.stderr[-2000:]


def test_request_lines_are_on_in_production_and_off_in_the_text_demo():
    production = _settings("LOGGING")["LOGGING"]
    assert production["loggers"]["imar.request"]["level"] == "INFO"
    demo = _settings("LOGGING", IMAR_DEBUG="true")["LOGGING"]
    assert demo["loggers"]["imar.request"]["level"] == "WARNING"
    asked = _settings("LOGGING", IMAR_DEBUG="true", IMAR_REQUEST_LOG="true")["LOGGING"]
    assert asked["loggers"]["imar.request"]["level"] == "INFO"
