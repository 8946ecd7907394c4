"""``imar schedule``: JSON in, schedule out; invalid files exit 2 naming the field."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from imar.forum.scheduling import ScheduleInputError, parse_schedule_input

VALID = {
    "slots": ["09:00", "09:30", "10:00"],
    "tables": 2,
    "participants": [
        {"id": "LY-1", "max_meetings": 2},
        {"id": "LY-2", "unavailable": ["09:00"]},
        {"id": "FR-1"},
        {"id": "TR-1", "unavailable": ["09:30", "10:00"]},
    ],
    "requests": [
        {"id": "r1", "a": "LY-1", "b": "FR-1", "weight": 3, "locked_slot": "09:30"},
        {"id": "r2", "a": "LY-2", "b": "FR-1", "weight": 1},
        {"id": "r3", "a": "LY-1", "b": "TR-1", "weight": 3},
        {"id": "r4", "a": "LY-1", "b": "LY-2", "weight": 1},
        {"id": "r5", "a": "LY-2", "b": "TR-1", "weight": 1},
    ],
}


def write(tmp_path: Path, data: object, name: str = "in.json") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_writes_schedule(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    call_command("schedule", str(write(tmp_path, VALID)), "--output", str(out), "--time-limit", "5")
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert set(doc) == {"meetings", "scheduled_weight", "upper_bound", "gap", "unscheduled"}
    placed = {m["request"]: (m["slot"], m["table"]) for m in doc["meetings"]}
    assert placed["r1"][0] == "09:30"
    assert placed["r3"][0] == "09:00"  # TR-1 is only free at 09:00
    assert all(1 <= t <= 2 for _, t in placed.values())
    # LY-1 is at max meetings (2): no r4; LY-2 and TR-1 are never free together: no r5.
    assert doc["scheduled_weight"] == 3 + 1 + 3
    assert doc["upper_bound"] >= doc["scheduled_weight"] and doc["gap"] == 0
    assert doc["unscheduled"] == [
        {
            "request": "r4",
            "reason": "participant LY-1 at max meetings (2)",
            "code": "at_max_meetings",
        },
        {
            "request": "r5",
            "reason": "no common free slot for LY-2 and TR-1",
            "code": "no_common_slot",
        },
    ]


def test_stdout_when_no_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    call_command("schedule", str(write(tmp_path, VALID)))
    doc = json.loads(capsys.readouterr().out)
    assert len(doc["meetings"]) == 3


def broken(mutate) -> dict:
    data = copy.deepcopy(VALID)
    mutate(data)
    return data


BAD = [
    (lambda d: d["requests"][1].update(b="P-77"), 'requests[1].b: unknown participant "P-77"'),
    (lambda d: d["requests"][1].update(b="LY-2"), "requests[1].b: a participant cannot meet"),
    (lambda d: d["requests"][2].update(id="r1"), 'requests[2].id: duplicate request id "r1"'),
    (lambda d: d["participants"][2].update(id="LY-1"), "participants[2].id: duplicate"),
    (lambda d: d["participants"][1].update(unavailable=["11:00"]), 'unknown slot "11:00"'),
    (lambda d: d["requests"][2].update(locked_slot="8:00"), "requests[2].locked_slot: unknown"),
    (lambda d: d["requests"][2].update(weight=-1), "requests[2].weight: must not be negative"),
    (lambda d: d["requests"][2].update(weight="3"), "requests[2].weight: expected a number"),
    (lambda d: d["requests"][2].pop("a"), "requests[2].a: missing field"),
    (lambda d: d.update(tables=0), "tables: must be at least 1"),
    (lambda d: d.update(tables="2"), "tables: expected an integer"),
    (lambda d: d.pop("slots"), "slots: missing field"),
    (lambda d: d.update(participants={}), "participants: expected a list"),
    (lambda d: d["participants"][0].update(max_meetings=1.5), "participants[0].max_meetings"),
    (
        lambda d: d["requests"][3].update(locked_slot="09:30"),
        'requests[3].locked_slot: participant "LY-1" already has locked meeting "r1"',
    ),
    (
        lambda d: d["requests"][4].update(locked_slot="09:30"),
        'requests[4].locked_slot: participant "TR-1" is unavailable in slot "09:30"',
    ),
    (
        lambda d: (
            d.update(tables=1),
            d["participants"][3].update(unavailable=[]),
            d["requests"][4].update(locked_slot="09:30"),
        ),
        'requests[4].locked_slot: more locked meetings in slot "09:30" than tables (1)',
    ),
]


@pytest.mark.parametrize(("mutate", "message"), BAD)
def test_invalid_input_names_the_field(tmp_path: Path, mutate, message: str) -> None:
    data = broken(mutate)
    with pytest.raises(ScheduleInputError) as err:
        parse_schedule_input(data)
    assert message in str(err.value)
    with pytest.raises(CommandError) as cmd_err:
        call_command("schedule", str(write(tmp_path, data)))
    assert cmd_err.value.returncode == 2
    assert message in str(cmd_err.value)


def test_not_json_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"not valid JSON: .*line 1") as err:
        call_command("schedule", str(write(tmp_path, "{slots: ")))
    assert err.value.returncode == 2
    with pytest.raises(CommandError, match="cannot read") as err:
        call_command("schedule", str(tmp_path / "nope.json"))
    assert err.value.returncode == 2
    with pytest.raises(CommandError, match="expected an object"):
        call_command("schedule", str(write(tmp_path, [1, 2])))


def test_reschedule_with_previous_output(tmp_path: Path) -> None:
    first = tmp_path / "first.json"
    call_command("schedule", str(write(tmp_path, VALID)), "--output", str(first))
    before = json.loads(first.read_text(encoding="utf-8"))
    # r2 is cancelled and a new request arrives: nothing else should move.
    data = broken(lambda d: d["requests"].pop(1))
    data["participants"].append({"id": "DE-1"})
    data["requests"].append({"id": "r6", "a": "DE-1", "b": "FR-1", "weight": 1})
    second = tmp_path / "second.json"
    call_command(
        "schedule", str(write(tmp_path, data)), "--previous", str(first), "--output", str(second)
    )
    after = json.loads(second.read_text(encoding="utf-8"))
    assert after["moved"] == []
    kept = {m["request"]: m for m in before["meetings"] if m["request"] != "r2"}
    assert all(m == kept[m["request"]] for m in after["meetings"] if m["request"] in kept)
    assert "r6" in {m["request"] for m in after["meetings"]}
    bad = write(tmp_path, {"meetings": [{"request": "r1", "slot": 3}]}, "prev.json")
    with pytest.raises(CommandError, match=r"previous.meetings\[0\].slot: expected a string"):
        call_command("schedule", str(write(tmp_path, data)), "--previous", str(bad))


def test_console_exit_status_and_stderr(tmp_path: Path) -> None:
    """The real entry point prints the error on stderr and exits with status 2."""
    data = broken(lambda d: d["requests"][1].update(b="P-77"))
    proc = subprocess.run(
        [sys.executable, "-m", "imar.manage", "schedule", str(write(tmp_path, data))],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert proc.returncode == 2
    assert 'requests[1].b: unknown participant "P-77"' in proc.stderr
    assert proc.stdout == ""
