"""Scheduling input: the instance's data types, parsing of the JSON document, validation."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Participant:
    id: str
    unavailable: frozenset[str] = frozenset()
    max_meetings: int | None = None  # None: no limit beyond the number of slots


@dataclass(frozen=True)
class MeetingRequest:
    id: str
    a: str  # participant id
    b: str  # participant id
    weight: float = 1.0  # priority: e.g. 3 = must meet, 1 = would like to meet
    locked_slot: str | None = None  # fixed by the organisers; must be scheduled there
    interpreter: str | None = None  # language of the interpreter the meeting needs, e.g. "it"
    # Addressed to an organization: the meeting is with one of these delegates (``b`` among
    # them, the one asked first); the scheduler picks which. Empty: with ``b`` only.
    b_choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Instance:
    slots: tuple[str, ...]
    tables: int | tuple[int, ...]  # tables in every slot, or per slot (in ``slots`` order)
    participants: tuple[Participant, ...]
    requests: tuple[MeetingRequest, ...]
    # Interpreters available per language: one number for every slot, or one per slot.
    interpreters: Mapping[str, int | tuple[int, ...]] = field(default_factory=dict)
    # Slots closed to new meetings (already past when rebooking); locked meetings stay there.
    closed: frozenset[str] = frozenset()
    # Groups of request ids of which at most one is scheduled (built by the solver from
    # requests addressed to an organization: one request per delegate it may go to).
    exclusive: tuple[tuple[str, ...], ...] = ()

    def tables_in(self) -> tuple[int, ...]:
        """Tables in each slot, in ``slots`` order."""
        if isinstance(self.tables, int):
            return (self.tables,) * len(self.slots)
        return tuple(self.tables)

    def interpreters_in(self, language: str) -> tuple[int, ...]:
        """Interpreters of ``language`` in each slot (none when the language is not listed)."""
        value = self.interpreters.get(language, 0)
        if isinstance(value, int):
            return (value,) * len(self.slots)
        return tuple(value)


@dataclass(frozen=True)
class Meeting:
    request: str
    slot: str
    table: int  # numbered from 1
    b: str | None = None  # a request addressed to an organization: the delegate who meets


class ScheduleInputError(ValueError):
    """Invalid scheduling input; ``path`` names the offending field (``requests[12].b``)."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


# --------------------------------------------------------------------------- validation


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    return (isinstance(value, (int, float)) and not isinstance(value, bool)) and math.isfinite(
        value
    )


def _expect(cond: bool, path: str, message: str) -> None:
    if not cond:
        raise ScheduleInputError(path, message)


def parse_schedule_input(data: object) -> Instance:
    """Validate the JSON-like scheduling input and build an :class:`Instance`.

    Raises :class:`ScheduleInputError` naming the first offending field.
    """
    _expect(isinstance(data, Mapping), "$", "expected an object")
    assert isinstance(data, Mapping)
    for key in ("slots", "tables", "participants", "requests"):
        _expect(key in data, key, "missing field")
    slots = data["slots"]
    _expect(isinstance(slots, list), "slots", "expected a list of strings")
    _expect(len(slots) > 0, "slots", "at least one slot is needed")
    for i, slot in enumerate(slots):
        _expect(isinstance(slot, str) and slot != "", f"slots[{i}]", "expected a non-empty string")
    tables = data["tables"]
    _expect(
        _is_int(tables) or isinstance(tables, list),
        "tables",
        "expected an integer or a list of integers (one per slot)",
    )
    if isinstance(tables, list):
        for i, n in enumerate(tables):
            _expect(_is_int(n), f"tables[{i}]", "expected an integer")
        tables = tuple(tables)
    interpreters = data.get("interpreters", {})
    _expect(isinstance(interpreters, Mapping), "interpreters", "expected an object")
    parsed_interpreters: dict[str, int | tuple[int, ...]] = {}
    for language, value in interpreters.items():
        where = f"interpreters.{language}"
        _expect(_is_int(value) or isinstance(value, list), where, "expected an integer or a list")
        if isinstance(value, list):
            for i, n in enumerate(value):
                _expect(_is_int(n), f"{where}[{i}]", "expected an integer")
            value = tuple(value)
        parsed_interpreters[str(language)] = value
    participants: list[Participant] = []
    raw_ps = data["participants"]
    _expect(isinstance(raw_ps, list), "participants", "expected a list")
    for i, raw in enumerate(raw_ps):
        path = f"participants[{i}]"
        _expect(isinstance(raw, Mapping), path, "expected an object")
        _expect("id" in raw, f"{path}.id", "missing field")
        _expect(isinstance(raw["id"], str) and raw["id"] != "", f"{path}.id", "expected a string")
        unavailable = raw.get("unavailable", [])
        _expect(isinstance(unavailable, list), f"{path}.unavailable", "expected a list of slots")
        for j, slot in enumerate(unavailable):
            _expect(isinstance(slot, str), f"{path}.unavailable[{j}]", "expected a slot name")
        max_meetings = raw.get("max_meetings")
        _expect(
            max_meetings is None or _is_int(max_meetings),
            f"{path}.max_meetings",
            "expected an integer",
        )
        participants.append(Participant(raw["id"], frozenset(unavailable), max_meetings))
    requests: list[MeetingRequest] = []
    raw_rs = data["requests"]
    _expect(isinstance(raw_rs, list), "requests", "expected a list")
    for i, raw in enumerate(raw_rs):
        path = f"requests[{i}]"
        _expect(isinstance(raw, Mapping), path, "expected an object")
        for key in ("id", "a", "b", "weight"):
            _expect(key in raw, f"{path}.{key}", "missing field")
        for key in ("id", "a", "b"):
            _expect(isinstance(raw[key], str), f"{path}.{key}", "expected a string")
        _expect(_is_number(raw["weight"]), f"{path}.weight", "expected a number")
        locked = raw.get("locked_slot")
        _expect(locked is None or isinstance(locked, str), f"{path}.locked_slot", "expected a slot")
        language = raw.get("interpreter")
        _expect(
            language is None or (isinstance(language, str) and language != ""),
            f"{path}.interpreter",
            "expected a language code",
        )
        choices = raw.get("b_choices", [])
        _expect(isinstance(choices, list), f"{path}.b_choices", "expected a list of participants")
        for j, pid in enumerate(choices):
            _expect(isinstance(pid, str), f"{path}.b_choices[{j}]", "expected a string")
        requests.append(
            MeetingRequest(
                raw["id"],
                raw["a"],
                raw["b"],
                float(raw["weight"]),
                locked,
                language or None,
                tuple(choices),
            )
        )
    instance = Instance(
        tuple(slots), tables, tuple(participants), tuple(requests), parsed_interpreters
    )
    validate_instance(instance)
    return instance


def parse_previous_schedule(data: object, path: str = "previous") -> list[Meeting]:
    """Meetings of an earlier output document (``{"meetings": [...]}``) for rescheduling.

    Requests or slots that no longer exist are kept here and ignored by :func:`reschedule`
    (they are the cancellations); only malformed entries are errors.
    """
    _expect(isinstance(data, Mapping), path, "expected an object")
    assert isinstance(data, Mapping)
    _expect("meetings" in data, f"{path}.meetings", "missing field")
    raw = data["meetings"]
    _expect(isinstance(raw, list), f"{path}.meetings", "expected a list")
    meetings = []
    for i, m in enumerate(raw):
        where = f"{path}.meetings[{i}]"
        _expect(isinstance(m, Mapping), where, "expected an object")
        for key in ("request", "slot"):
            _expect(key in m, f"{where}.{key}", "missing field")
            _expect(isinstance(m[key], str), f"{where}.{key}", "expected a string")
        table = m.get("table", 0)
        _expect(_is_int(table), f"{where}.table", "expected an integer")
        b = m.get("b")
        _expect(b is None or isinstance(b, str), f"{where}.b", "expected a string")
        meetings.append(Meeting(m["request"], m["slot"], table, b))
    return meetings


def validate_instance(instance: Instance) -> None:
    """Semantic checks shared by the CLI, the API and :func:`schedule`."""
    slot_set = set(instance.slots)
    if isinstance(instance.tables, int):
        _expect(instance.tables >= 1, "tables", "must be at least 1")
    else:
        _expect(
            len(instance.tables) == len(instance.slots),
            "tables",
            f"expected one number per slot ({len(instance.slots)})",
        )
        for i, n in enumerate(instance.tables):
            _expect(_is_int(n) and n >= 0, f"tables[{i}]", "must not be negative")
        _expect(sum(instance.tables) >= 1, "tables", "at least one slot needs a table")
    for language, value in instance.interpreters.items():
        where = f"interpreters.{language}"
        if isinstance(value, int):
            _expect(value >= 0, where, "must not be negative")
            continue
        _expect(
            len(value) == len(instance.slots),
            where,
            f"expected one number per slot ({len(instance.slots)})",
        )
        for i, n in enumerate(value):
            _expect(_is_int(n) and n >= 0, f"{where}[{i}]", "must not be negative")
    for slot in sorted(instance.closed):
        _expect(slot in slot_set, "closed", f'unknown slot "{slot}"')
    tables_in = dict(zip(instance.slots, instance.tables_in(), strict=True))
    request_ids = {r.id: r for r in instance.requests}
    grouped: set[str] = set()
    for i, group in enumerate(instance.exclusive):
        for rid in group:
            _expect(rid in request_ids, f"exclusive[{i}]", f'unknown request "{rid}"')
            _expect(rid not in grouped, f"exclusive[{i}]", f'request "{rid}" in two groups')
            _expect(
                request_ids[rid].locked_slot is None,
                f"exclusive[{i}]",
                f'locked request "{rid}" cannot be one of alternatives',
            )
            grouped.add(rid)
    seen_slots: set[str] = set()
    for i, slot in enumerate(instance.slots):
        _expect(slot not in seen_slots, f"slots[{i}]", f'duplicate slot "{slot}"')
        seen_slots.add(slot)
    by_id: dict[str, Participant] = {}
    for i, p in enumerate(instance.participants):
        path = f"participants[{i}]"
        _expect(p.id not in by_id, f"{path}.id", f'duplicate participant id "{p.id}"')
        by_id[p.id] = p
        for slot in sorted(p.unavailable):
            _expect(slot in slot_set, f"{path}.unavailable", f'unknown slot "{slot}"')
        _expect(
            p.max_meetings is None or p.max_meetings >= 0,
            f"{path}.max_meetings",
            "must not be negative",
        )
    seen: set[str] = set()
    locked_of: dict[tuple[str, str], int] = {}  # (participant, slot) -> request index
    locked_per_slot: dict[str, int] = {}
    locked_per_language: dict[tuple[str, str], int] = {}
    locked_per_participant: dict[str, int] = {}
    for i, r in enumerate(instance.requests):
        path = f"requests[{i}]"
        _expect(r.id != "", f"{path}.id", "must not be empty")
        _expect(r.id not in seen, f"{path}.id", f'duplicate request id "{r.id}"')
        seen.add(r.id)
        _expect(r.a in by_id, f"{path}.a", f'unknown participant "{r.a}"')
        _expect(r.b in by_id, f"{path}.b", f'unknown participant "{r.b}"')
        _expect(r.a != r.b, f"{path}.b", f'a participant cannot meet themself ("{r.a}")')
        _expect(_is_number(r.weight), f"{path}.weight", "expected a number")
        _expect(r.weight >= 0, f"{path}.weight", "must not be negative")
        if r.b_choices:
            where = f"{path}.b_choices"
            _expect(len(set(r.b_choices)) == len(r.b_choices), where, "duplicate delegate")
            for pid in r.b_choices:
                _expect(pid in by_id, where, f'unknown participant "{pid}"')
                _expect(pid != r.a, where, f'a participant cannot meet themself ("{pid}")')
            _expect(r.b in r.b_choices, where, f'must include b ("{r.b}")')
            _expect(
                r.locked_slot is None,
                where,
                "a locked meeting has its delegate: give b and no choices",
            )
        if r.locked_slot is None:
            continue
        slot = r.locked_slot
        _expect(slot in slot_set, f"{path}.locked_slot", f'unknown slot "{slot}"')
        for pid in (r.a, r.b):
            _expect(
                slot not in by_id[pid].unavailable,
                f"{path}.locked_slot",
                f'participant "{pid}" is unavailable in slot "{slot}"',
            )
        for pid in (r.a, r.b):
            other = locked_of.get((pid, slot))
            _expect(
                other is None,
                f"{path}.locked_slot",
                f'participant "{pid}" already has locked meeting '
                f'"{instance.requests[other].id if other is not None else ""}" in slot "{slot}"',
            )
            locked_of[(pid, slot)] = i
            locked_per_participant[pid] = locked_per_participant.get(pid, 0) + 1
            limit = by_id[pid].max_meetings
            _expect(
                limit is None or locked_per_participant[pid] <= limit,
                f"{path}.locked_slot",
                f'participant "{pid}" has more locked meetings than max_meetings ({limit})',
            )
        locked_per_slot[slot] = locked_per_slot.get(slot, 0) + 1
        _expect(
            locked_per_slot[slot] <= tables_in[slot],
            f"{path}.locked_slot",
            f'more locked meetings in slot "{slot}" than tables ({tables_in[slot]})',
        )
        if r.interpreter is not None:
            key = (r.interpreter, slot)
            locked_per_language[key] = locked_per_language.get(key, 0) + 1
            available = instance.interpreters_in(r.interpreter)[instance.slots.index(slot)]
            _expect(
                locked_per_language[key] <= available,
                f"{path}.locked_slot",
                f'more locked meetings needing a "{r.interpreter}" interpreter in slot "{slot}" '
                f"than interpreters ({available})",
            )
