"""Requests addressed to an organization: one alternative request per delegate it may go to.

A request with ``b_choices`` becomes one request per delegate (``b`` first), grouped in
``Instance.exclusive`` so that at most one of them is scheduled; the bound, the exact model
and the heuristic all respect the group. The answer is then folded back: one meeting per
original request, with the delegate who meets in ``Meeting.b``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from imar.forum.scheduling.problem import Instance, Meeting, MeetingRequest
from imar.forum.scheduling.result import Reason, Schedule, Unscheduled

SEP = "\x1f"  # between a request's id and the delegate's in an alternative's id


@dataclass(frozen=True)
class Expansion:
    original: Instance
    instance: Instance  # with one alternative per delegate
    origin: dict[str, tuple[str, str]]  # alternative id -> (request id, delegate id)


def _choices(r: MeetingRequest) -> tuple[str, ...]:
    return (r.b, *(d for d in r.b_choices if d != r.b))


def expand(instance: Instance) -> Expansion | None:
    """The instance with alternatives, or None when no request has a choice of delegates."""
    if not any(len(r.b_choices) > 1 for r in instance.requests):
        return None
    requests: list[MeetingRequest] = []
    groups: list[tuple[str, ...]] = []
    origin: dict[str, tuple[str, str]] = {}
    for r in instance.requests:
        if len(r.b_choices) <= 1:
            requests.append(replace(r, b_choices=()))
            continue
        ids = []
        for d in _choices(r):
            rid = f"{r.id}{SEP}{d}"
            requests.append(replace(r, id=rid, b=d, b_choices=()))
            origin[rid] = (r.id, d)
            ids.append(rid)
        groups.append(tuple(ids))
    expanded = replace(
        instance, requests=tuple(requests), exclusive=instance.exclusive + tuple(groups)
    )
    return Expansion(instance, expanded, origin)


def expand_previous(exp: Expansion, previous: Sequence[Meeting]) -> list[Meeting]:
    """Earlier meetings in terms of the alternatives (the delegate who met, else ``b``)."""
    by_id = {r.id: r for r in exp.original.requests}
    out = []
    for m in previous:
        r = by_id.get(m.request)
        if r is not None and len(r.b_choices) > 1:
            d = m.b if m.b in r.b_choices else r.b
            out.append(Meeting(f"{r.id}{SEP}{d}", m.slot, m.table))
        else:
            out.append(m)
    return out


def collapse(exp: Expansion, result: Schedule, previous: Sequence[Meeting]) -> Schedule:
    """The answer in terms of the original requests."""
    meetings = []
    for m in result.meetings:
        if m.request in exp.origin:
            rid, d = exp.origin[m.request]
            meetings.append(Meeting(rid, m.slot, m.table, d))
        else:
            meetings.append(m)
    placed = {m.request for m in meetings}
    unscheduled: list[Unscheduled] = []
    seen: set[str] = set()
    for u in result.unscheduled:  # the first alternative (to ``b``) explains the request
        if u.request not in exp.origin:
            unscheduled.append(u)
            continue
        rid = exp.origin[u.request][0]
        if rid in placed or rid in seen:
            continue
        seen.add(rid)
        n = sum(1 for k, v in exp.origin.items() if v[0] == rid)
        unscheduled.append(Unscheduled(rid, Reason(u.code, {**u.params, "delegates": n})))
    grouped = {v[0] for v in exp.origin.values()}
    moved = [r for r in result.moved if r not in exp.origin]
    slot_now = {m.request: m.slot for m in meetings}
    valid = {r.id for r in exp.original.requests}
    slots = set(exp.original.slots)
    for m in previous:
        live = m.request in grouped and m.request in valid and m.slot in slots
        if live and slot_now.get(m.request) != m.slot:
            moved.append(m.request)
    return replace(result, meetings=meetings, unscheduled=unscheduled, moved=moved)
