"""Why each unscheduled request did not make it, as reasons (code and params)."""

from __future__ import annotations

from imar.forum.scheduling.model import Compiled
from imar.forum.scheduling.result import Reason, Unscheduled


def explain_unscheduled(c: Compiled, slot_of: list[int]) -> list[Unscheduled]:
    """Why each unscheduled request did not make it (most specific cause first)."""
    busy = [[-1] * c.S for _ in range(c.P)]
    deg = [0] * c.P
    load = [0] * c.S
    lload = [[0] * c.S for _ in c.languages]
    for r in range(c.R):
        s = slot_of[r]
        if s >= 0:
            busy[c.a[r]][s] = busy[c.b[r]][s] = r
            deg[c.a[r]] += 1
            deg[c.b[r]] += 1
            load[s] += 1
            if c.lang[r] >= 0:
                lload[c.lang[r]][s] += 1
    ids = [p.id for p in c.instance.participants]
    out = []
    for r in range(c.R):
        if slot_of[r] >= 0:
            continue
        req = c.instance.requests[r]
        a, b = c.a[r], c.b[r]
        full = [p for p in (a, b) if deg[p] >= c.cap[p]]
        lg = c.lang[r]
        language = c.languages[lg] if lg >= 0 else ""
        if not c.common[r]:
            code, params = "no_common_slot", {"a": req.a, "b": req.b}
            open_slots = [s for s in c.both_free[r] if s not in c.closed]
            with_table = [s for s in open_slots if c.Ts[s] > 0]
            if c.both_free[r] and not open_slots:
                code = "slots_closed"
            elif open_slots and not with_table:
                code = "no_table"
                params = {"a": req.a, "b": req.b, "slots": []}
            elif with_table:  # a table but never an interpreter of that language
                code = "no_interpreter"
                params = {"a": req.a, "b": req.b, "language": language, "slots": []}
        elif req.weight <= 0:
            code, params = "zero_weight", {}
        elif full:
            p = full[0]
            limit = c.instance.participants[p].max_meetings
            at_max = limit is not None and deg[p] >= limit
            code = "at_max_meetings" if at_max else "no_free_slot_left"
            params = {"participant": ids[p], "meetings": deg[p]}
        else:
            both_free = [s for s in c.common[r] if busy[a][s] < 0 and busy[b][s] < 0]
            names = [c.instance.slots[s] for s in both_free]
            if both_free and lg >= 0 and any(load[s] < c.Ts[s] for s in both_free):
                code = "no_interpreter"
                params = {"a": req.a, "b": req.b, "language": language, "slots": names}
            elif both_free:
                code = "no_table"
                params = {"a": req.a, "b": req.b, "slots": names}
            else:
                conflicts = sorted(
                    {busy[p][s] for s in c.common[r] for p in (a, b) if busy[p][s] >= 0}
                )
                conflict_ids = [c.instance.requests[m].id for m in conflicts]
                heavier = all(c.w[m] >= req.weight for m in conflicts)
                code = "lower_priority" if heavier else "conflicting_meetings"
                params = {"a": req.a, "b": req.b, "conflicts": conflict_ids[:10]}
        out.append(Unscheduled(req.id, Reason(code, params)))
    return out
