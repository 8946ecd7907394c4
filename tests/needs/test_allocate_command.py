"""The ``allocate`` management command: output format and bad-file errors (exit status 2)."""

import json
import os
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

GOOD = {
    "budget": 1_000_000,
    "candidates": [
        {"id": "A", "cost": 600_000, "score": 0.9, "region": "East", "sector": "water"},
        {
            "id": "B",
            "cost": 300_000,
            "score": 0.5,
            "region": "West",
            "sector": "health",
            "mandatory": True,
        },
        {
            "id": "C",
            "cost": 300_000,
            "score": 0.6,
            "region": "East",
            "sector": "roads",
            "requires": ["B"],
            "excludes": ["A"],
        },
        {"id": "D", "cost": 100_000, "score": 0.1, "region": "South", "sector": "roads"},
    ],
    "regions": {"East": {"min_share": 0.2, "max_share": 0.7}, "South": {"min_share": 0.05}},
    "sectors": {"roads": {"max_share": 0.5}},
}


def _write(tmp_path, data, name="input.json"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_writes_result_to_stdout(tmp_path):
    out = StringIO()
    call_command("allocate", str(_write(tmp_path, GOOD)), stdout=out)
    result = json.loads(out.getvalue())
    assert result["status"] == "optimal"
    assert result["selected"] == ["A", "B", "D"]
    assert result["total_cost"] == 1_000_000
    assert result["total_score"] == pytest.approx(1.5)
    assert result["upper_bound"] >= result["total_score"]
    assert result["gap"] == pytest.approx(0.0, abs=1e-9)
    assert set(result["explanations"]) == {"A", "B", "C", "D"}
    assert result["explanations"]["B"] == "Chosen: mandatory."
    assert result["explanations"]["C"] == "Left out: excluded by chosen project A."
    assert "conflicts" not in result


def test_writes_result_to_file_and_reports_conflicts(tmp_path):
    data = json.loads(json.dumps(GOOD))
    data["regions"]["West"] = {"min_share": 0.9}
    target = tmp_path / "out.json"
    call_command(
        "allocate", str(_write(tmp_path, data)), "--output", str(target), "--time-limit", "2"
    )
    result = json.loads(target.read_text(encoding="utf-8"))
    assert result["status"] == "infeasible"
    assert result["selected"] == []
    assert result["conflicts"] == [
        "The minimum shares of East, South, West add up to 115.00% of the budget.",
        "West must get at least 90.00% of the budget (900,000), but its candidates cost only "
        "300,000 in all.",
    ]


def test_too_short_a_limit_says_no_solution_found_not_infeasible(tmp_path):
    # East must get exactly half; only the exact solver finds a+b, and it gets no time.
    data = {
        "budget": 100,
        "candidates": [
            {"id": "a", "cost": 30, "score": 3, "region": "East", "sector": "water"},
            {"id": "b", "cost": 20, "score": 2, "region": "East", "sector": "water"},
            {"id": "c", "cost": 25, "score": 5, "region": "East", "sector": "water"},
            {"id": "w", "cost": 50, "score": 1, "region": "West", "sector": "water"},
        ],
        "regions": {"East": {"min_share": 0.5, "max_share": 0.5}},
    }
    out = StringIO()
    call_command("allocate", str(_write(tmp_path, data)), "--time-limit", "0", stdout=out)
    result = json.loads(out.getvalue())
    assert result["status"] == "no_solution_found"
    assert result["selected"] == []
    assert result["conflicts"] == [
        "No selection satisfying every rule was found within 0 seconds; one may still exist."
    ]
    out = StringIO()
    call_command("allocate", str(_write(tmp_path, data)), "--time-limit", "5", stdout=out)
    assert json.loads(out.getvalue())["status"] == "optimal"


def _broken(change):
    data = json.loads(json.dumps(GOOD))
    change(data)
    return data


BAD_FILES = [
    ("{not json", "not valid JSON"),
    ("[1, 2]", "input: must be a JSON object"),
    ('{"budget": NaN, "candidates": []}', "not valid JSON"),
    (_broken(lambda d: d.pop("budget")), "budget: is required"),
    (_broken(lambda d: d.update(budget="lots")), "budget: must be a positive number"),
    (_broken(lambda d: d.update(budget=0)), "budget: must be a positive number"),
    (_broken(lambda d: d.update(candidates={})), "candidates: must be a list"),
    (
        _broken(lambda d: d["candidates"][3].update(cost=-5)),
        "candidates[3].cost: must be a non-negative number",
    ),
    (
        _broken(lambda d: d["candidates"][2].update(score=True)),
        "candidates[2].score: must be a non-negative number",
    ),
    (_broken(lambda d: d["candidates"][1].pop("region")), "candidates[1].region: is required"),
    (
        _broken(lambda d: d["candidates"][1].update(id="A")),
        "candidates[1].id: duplicate id 'A' (also candidates[0])",
    ),
    (
        _broken(lambda d: d["candidates"][2].update(requires=["Q"])),
        "candidates[2].requires[0]: unknown candidate id 'Q'",
    ),
    (
        _broken(lambda d: d["candidates"][2].update(excludes="A")),
        "candidates[2].excludes: must be a list of candidate ids",
    ),
    (
        _broken(lambda d: d["candidates"][0].update(mandatory="yes")),
        "candidates[0].mandatory: must be true or false",
    ),
    (
        _broken(lambda d: d["regions"]["East"].update(max_share=1.5)),
        "regions.East.max_share: must be a number between 0 and 1",
    ),
    (
        _broken(lambda d: d["regions"]["East"].update(min_share=0.8)),
        "regions.East: min_share (0.8) is greater than max_share (0.7)",
    ),
    (
        _broken(lambda d: d["sectors"]["roads"].update(max_share=-0.1)),
        "sectors.roads.max_share: must be a number between 0 and 1",
    ),
    (
        _broken(lambda d: d["sectors"].update(water={"min_share": 0.1})),
        "sectors.water.min_share: unknown field",
    ),
]


@pytest.mark.parametrize(("content", "message"), BAD_FILES)
def test_bad_files_name_the_field_and_exit_2(tmp_path, content, message):
    with pytest.raises(CommandError) as info:
        call_command("allocate", str(_write(tmp_path, content)))
    assert info.value.returncode == 2
    assert message in str(info.value)


def test_missing_file_and_bad_time_limit(tmp_path):
    with pytest.raises(CommandError) as info:
        call_command("allocate", str(tmp_path / "nope.json"))
    assert info.value.returncode == 2 and "cannot read file" in str(info.value)
    with pytest.raises(CommandError) as info:
        call_command("allocate", str(_write(tmp_path, GOOD)), "--time-limit", "-1")
    assert info.value.returncode == 2 and "--time-limit" in str(info.value)


def test_real_process_exit_status_and_stderr(tmp_path):
    bad = _write(tmp_path, _broken(lambda d: d["candidates"][3].update(cost=-5)))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "imar.settings"}
    done = subprocess.run(
        [sys.executable, "-m", "django", "allocate", str(bad)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "candidates[3].cost: must be a non-negative number" in done.stderr
    assert done.stdout == ""
