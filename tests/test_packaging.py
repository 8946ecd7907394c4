"""The dependency locks install the same thing on any machine: hashed pins from PyPI only,
compiled from pyproject.toml by the command their header names (see README, "Dependencies")."""

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
LOCKS = {"base": ROOT / "requirements/base.lock", "dev": ROOT / "requirements/dev.lock"}
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)")
# What would tie a lock to one machine or one index: index options, local paths, file URLs.
MACHINE_LINE = re.compile(
    r"^\s*(-i|-f|--index-url|--extra-index-url|--find-links|--trusted-host|-e)\b"
    r"|file://|\s/(opt|home|root|tmp|srv|mnt|usr)/"
)


def pins(text):
    """{canonical name: version} of a lock, each requirement with its hashes."""
    found = {}
    requirement = None
    for line in text.splitlines():
        match = PIN.match(line)
        if match:
            requirement = canonicalize_name(match[1])
            found[requirement] = {"version": match[2], "hashes": 0}
        elif requirement and line.strip().startswith("--hash=sha256:"):
            found[requirement]["hashes"] += 1
    return found


@pytest.mark.parametrize("name", LOCKS)
def test_lock_is_hashed_and_free_of_machine_lines(name):
    text = LOCKS[name].read_text()
    assert "pip-compile --allow-unsafe" in text.split("\n\n")[0]  # the header says how
    for option in ("--generate-hashes", "--strip-extras", "--no-emit-index-url"):
        assert option in text.split("\n\n")[0]
    assert [line for line in text.splitlines() if MACHINE_LINE.search(line)] == []
    requirements = [line for line in text.splitlines() if line and line[0].isalnum()]
    locked = pins(text)
    assert len(requirements) == len(locked) > 20  # every requirement line is an exact pin
    assert [pin for pin, found in locked.items() if not found["hashes"]] == []


@pytest.mark.parametrize(
    ("name", "declared"),
    [
        ("base", PROJECT["dependencies"]),
        ("dev", PROJECT["dependencies"] + PROJECT["optional-dependencies"]["dev"]),
    ],
)
def test_lock_pins_every_declared_dependency_within_its_range(name, declared):
    locked = pins(LOCKS[name].read_text())
    problems = []
    for requirement in map(Requirement, declared):
        pin = locked.get(canonicalize_name(requirement.name))
        if pin is None:
            problems.append(f"{requirement.name} is not locked")
        elif not requirement.specifier.contains(pin["version"], prereleases=True):
            problems.append(f"{requirement.name}=={pin['version']} is outside {requirement}")
    assert problems == []


def test_runtime_lock_agrees_with_the_dev_lock():
    base = pins(LOCKS["base"].read_text())
    dev = pins(LOCKS["dev"].read_text())
    assert {name: pin["version"] for name, pin in base.items()} == {
        name: dev[name]["version"] for name in base if name in dev
    }
    assert set(base) <= set(dev)
    assert "import-linter" in dev
