"""One log line per request, with its id, user, method, path, status and duration; the id
comes from the proxy's X-Request-ID when well formed and is echoed; forged values are not."""

import json
import logging
import re

import pytest

from imar.core import logs

HEX_ID = re.compile(r"[0-9a-f]{32}")


def _request_records(caplog):
    return [r for r in caplog.records if r.name == "imar.request"]


@pytest.fixture
def request_log(caplog):
    caplog.set_level(logging.INFO, logger="imar.request")
    return caplog


def test_a_well_formed_request_id_is_kept_echoed_and_logged(client, db, request_log):
    response = client.get("/healthz", headers={"X-Request-ID": "nginx-4f2a9c0b7e1d"})
    assert response["X-Request-ID"] == "nginx-4f2a9c0b7e1d"
    (record,) = _request_records(request_log)
    assert record.request_id == "nginx-4f2a9c0b7e1d"
    assert (record.method, record.path, record.status) == ("GET", "/healthz", response.status_code)


@pytest.mark.parametrize(
    "forged",
    [
        'abc"\n{"level": "CRITICAL", "message": "forged"}',  # a second log line
        "a" * 65,  # oversized
        "id with spaces",
        "<script>",
    ],
)
def test_a_forged_or_oversized_request_id_is_replaced(client, db, request_log, forged):
    response = client.get("/healthz", HTTP_X_REQUEST_ID=forged)
    assert HEX_ID.fullmatch(response["X-Request-ID"])
    (record,) = _request_records(request_log)
    assert record.request_id == response["X-Request-ID"]


def test_without_a_header_each_request_gets_its_own_id(client, db):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]
    assert HEX_ID.fullmatch(first) and HEX_ID.fullmatch(second) and first != second


def test_the_json_line_has_every_field(client, admin_user, request_log):
    client.force_login(admin_user)
    client.get("/operations/jobs/", headers={"X-Request-ID": "r-1"})
    (record,) = _request_records(request_log)
    line = json.loads(logs.JsonFormatter().format(record))
    assert line["request_id"] == "r-1"
    assert line["user_id"] == admin_user.pk
    assert line["method"] == "GET"
    assert line["path"] == "/operations/jobs/"
    assert line["status"] == 200
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert line["level"] == "INFO" and line["logger"] == "imar.request"
    assert line["time"].endswith("+00:00")


def test_an_anonymous_request_logs_no_user(client, db, request_log):
    client.get("/healthz")
    line = json.loads(logs.JsonFormatter().format(_request_records(request_log)[0]))
    assert "user_id" not in line


def test_a_hostile_path_cannot_forge_a_line_or_bloat_the_log(client, db, request_log):
    client.get("/x%0a2026-01-01 INFO imar.request forged/" + "a" * 2000)
    (record,) = _request_records(request_log)
    assert "\n" not in record.path and "\\x0a" in record.path
    assert len(record.path) <= logs.MAX_PATH_CHARS + 1
    text = logs.TextFormatter().format(record)
    assert "\n" not in text
    json_line = logs.JsonFormatter().format(record)
    assert "\n" not in json_line and json.loads(json_line)["path"] == record.path


def test_other_records_during_a_request_carry_its_id(rf):
    record = logging.LogRecord("imar.x", logging.WARNING, __file__, 1, "something", (), None)
    token = logs.request_id_var.set("req-7")
    try:
        logs.RequestIdFilter().filter(record)
    finally:
        logs.request_id_var.reset(token)
    assert record.request_id == "req-7"
    assert json.loads(logs.JsonFormatter().format(record))["request_id"] == "req-7"


def test_the_log_format_setting_is_strict():
    from tests.core.test_settings import _import_settings

    assert _import_settings(IMAR_LOG_FORMAT="json").returncode == 0
    bad = _import_settings(IMAR_LOG_FORMAT="xml")
    assert bad.returncode != 0 and "IMAR_LOG_FORMAT must be text or json" in bad.stderr


def test_a_message_quoting_the_client_stays_one_line():
    record = logging.LogRecord(
        "imar.x", logging.WARNING, __file__, 1, "Bad value: %s", ("x\nCRITICAL forged",), None
    )
    assert "\n" not in logs.TextFormatter().format(record)
    assert len(logs.JsonFormatter().format(record).splitlines()) == 1
