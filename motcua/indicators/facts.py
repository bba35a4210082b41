"""Facts derived from dossier events, kept current incrementally and rebuildable from scratch.

One rule, two paths:
- `fold(state, event)` turns the facts of a dossier plus one event into the new facts (pure);
- `contribution(state)` says which DailyFact counters one dossier adds to;
- `catch_up()` folds the events not yet folded (`DossierEvent.folded`: the events table is the queue) into
  the dossiers' DossierFact rows and applies the differences of contributions to DailyFact and AgencyDayFact
  (the same counters summed over procedures), and to the agencies' counts of open dossiers (AgencyOpenFact);
- `rebuild()` folds every event again (by id ranges, optionally in several processes) and writes the four
  tables in bulk.
Because contributions telescope, both paths give the same rows (property-tested). A dossier has facts from its
acceptance on: before it, it counts in no indicator.

Recording an event costs nothing here: the action's transaction writes only the event row. Every read of the
facts (services) folds what is pending first, so it sees every committed event; `manage.py fold_facts --follow`
folds every few seconds so that reads seldom find anything. A batch of events costs a few statements: the
events and their fact rows read once, then one statement (on PostgreSQL) writing the final fact rows and the
summed deltas, and one marking the events folded.
"""

import itertools
import multiprocessing
from collections import Counter, defaultdict
from datetime import date, datetime, time, timedelta

from django.db import connection, connections, transaction
from django.db.models import Max, Min
from django.utils import timezone

from motcua.dossiers.models import Channel, Dossier, DossierEvent
from motcua.dossiers.workflow import FINISHED_STATUSES, Status

from .formulas import on_time_from_totals, open_overdue
from .models import DAY_FIELDS, AgencyDayFact, AgencyOpenFact, DailyFact, DossierFact

__all__ = ["catch_up", "rebuild", "fold", "contribution"]

STATE_FIELDS = [
    "agency_id", "procedure_id", "field_id", "online", "status", "last_seq", "accepted_at", "due_at", "due_adjusted",
    "finished_at", "supplement_count", "supplement_started_at", "supplement_seconds", "fee_total", "fee_waived",
    "paid_online", "has_result_file", "digitised", "reused", "from_data_store", "population_data", "on_time",
    "is_open",
]


def _dt(value):
    if not value:
        return None
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def initial_state(dossier_static: dict) -> dict:
    """Facts of a dossier before its first event. `dossier_static`: agency_id, procedure_id, field_id, channel, fee_waived."""
    return {
        "agency_id": dossier_static["agency_id"],
        "procedure_id": dossier_static["procedure_id"],
        "field_id": dossier_static["field_id"],
        "online": dossier_static["channel"] == Channel.ONLINE,
        "status": "",
        "last_seq": 0,
        "accepted_at": None,
        "due_at": None,
        "due_adjusted": None,
        "finished_at": None,
        "supplement_count": 0,
        "supplement_started_at": None,
        "supplement_seconds": 0,
        "fee_total": 0,
        "fee_waived": dossier_static.get("fee_waived") or 0,
        "paid_online": False,
        "has_result_file": False,
        "digitised": False,
        "reused": False,
        "from_data_store": False,
        "population_data": False,
        "on_time": None,
        "is_open": False,
    }


def fold(state: dict, *, seq, at, from_status, to_status, snapshot) -> dict:
    """Return the dossier's facts after one event (pure; `state` is not modified)."""
    s = dict(state)
    s["last_seq"] = seq
    s["status"] = to_status
    supp = Status.SUPPLEMENT_REQUESTED
    if to_status == supp and from_status != supp:
        s["supplement_started_at"] = at
    elif from_status == supp and to_status != supp and s["supplement_started_at"]:
        s["supplement_seconds"] += max(0, int((at - s["supplement_started_at"]).total_seconds()))
        s["supplement_started_at"] = None
    s["accepted_at"] = _dt(snapshot.get("accepted_at")) or s["accepted_at"]
    # 766 judges against the due date frozen at acceptance; supplement time is subtracted separately.
    s["due_at"] = _dt(snapshot.get("original_due_at")) or _dt(snapshot.get("due_at")) or s["due_at"]
    finished = _dt(snapshot.get("finished_at"))
    if finished is None and to_status in FINISHED_STATUSES:
        finished = s["finished_at"] or at
    s["finished_at"] = finished
    s["supplement_count"] = snapshot.get("supplement_count", s["supplement_count"])
    s["fee_total"] = snapshot.get("fee_total", s["fee_total"])
    s["paid_online"] = bool(snapshot.get("paid_online"))
    s["has_result_file"] = bool(snapshot.get("has_result_file"))
    s["digitised"] = bool(snapshot.get("digitised"))
    s["reused"] = bool(snapshot.get("reused"))
    s["from_data_store"] = bool(snapshot.get("from_data_store"))
    s["population_data"] = bool(snapshot.get("population_data"))
    s["is_open"] = bool(s["accepted_at"]) and s["finished_at"] is None
    s["due_adjusted"] = s["due_at"] + timedelta(seconds=s["supplement_seconds"]) if s["due_at"] else None
    if s["accepted_at"] and s["finished_at"]:
        s["on_time"] = on_time_from_totals(
            due_at=s["due_at"], end=s["finished_at"], supplement_time=timedelta(seconds=s["supplement_seconds"]),
            supplement_count=s["supplement_count"],
        )
    else:
        s["on_time"] = None
    return s


def _day(value):
    return timezone.localtime(value).date()


def contribution(s: dict) -> dict:
    """Return {(agency_id, day, procedure_id): {counter: n}} that one dossier adds to DailyFact."""
    if not s or not s["accepted_at"]:
        return {}
    out = {}
    key = (s["agency_id"], _day(s["accepted_at"]), s["procedure_id"])
    # 3.6 counts dossiers with something left to pay; fees waived in full (NQ 77/2025 online) leave nothing.
    fee = s["fee_total"] - s["fee_waived"] > 0
    out[key] = {
        "received": 1,
        "online": int(s["online"]),
        "digitised": int(s["digitised"]),
        "reused": int(s["reused"]),
        "from_data_store": int(s["from_data_store"]),
        "population_data": int(s["population_data"]),
        "fee_bearing": int(fee),
        "paid_online": int(fee and s["paid_online"]),
        "waived_amount": s["fee_waived"],
    }
    if s["finished_at"]:
        fkey = (s["agency_id"], _day(s["finished_at"]), s["procedure_id"])
        late = not s["on_time"]
        early = bool(s["on_time"] and s["due_at"] and _day(s["finished_at"]) < _day(s["due_at"]))
        finish = {
            "finished": 1,
            "on_time": int(bool(s["on_time"])),
            "early": int(early),
            "late": int(late),
            "online_late": int(late and s["online"]),
            "multi_supplement": int(s["supplement_count"] > 1),
            "with_result": int(s["has_result_file"]),
            "digitised_full": int(s["digitised"] and s["has_result_file"]),
            "processing_seconds": max(0, int((s["finished_at"] - s["accepted_at"]).total_seconds())),
        }
        target = out.setdefault(fkey, {})
        for k, v in finish.items():
            target[k] = target.get(k, 0) + v
        # Open across a month end, finished since: counted on the first day of the next month, so that a closed
        # period's dossiers open at its end are those open now plus these (services.unit_figures).
        for month_start, midnight in _month_starts(s["accepted_at"], s["finished_at"]):
            target = out.setdefault((s["agency_id"], month_start, s["procedure_id"]), {})
            overdue = open_overdue(supplement_count=s["supplement_count"], due_adjusted=s["due_adjusted"],
                                   supplement_started_at=s["supplement_started_at"], cutoff=midnight)
            target["carried"] = target.get("carried", 0) + 1
            target["carried_overdue"] = target.get("carried_overdue", 0) + int(overdue)
    return out


def _month_starts(after, until):
    """(first day of a month, its local midnight) for each such midnight in (after, until]."""
    day = _day(after)
    while True:
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        midnight = timezone.make_aware(datetime.combine(day, time.min))
        if midnight > until:
            return
        yield day, midnight


def _diff(old: dict, new: dict) -> dict:
    keys = set(old) | set(new)
    out = {}
    for key in keys:
        a, b = old.get(key, {}), new.get(key, {})
        delta = {k: b.get(k, 0) - a.get(k, 0) for k in set(a) | set(b)}
        delta = {k: v for k, v in delta.items() if v}
        if delta:
            out[key] = delta
    return out


def _upsert(model, key_columns, rows, *, add) -> tuple[str, list]:
    """One statement inserting `rows` ({column: python value}; missing counters are 0) into `model`, or on a key
    conflict updating the row: counters added when `add`, else every column replaced. Keys must be distinct.

    ON CONFLICT … DO UPDATE is understood alike by PostgreSQL and SQLite, so one written statement serves both.
    """
    table = connection.ops.quote_name(model._meta.db_table)
    fields = [f for f in model._meta.concrete_fields if not f.primary_key or f.column in key_columns]
    columns = [f.column for f in fields]
    if add:  # counters only: other columns (DailyFact.field_id) keep what the first insert wrote
        sets = ", ".join(f"{c} = {table}.{c} + excluded.{c}" for c in columns if c in COUNTERS)
    else:
        sets = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in key_columns)
    values = ", ".join([f"({', '.join(['%s'] * len(columns))})"] * len(rows))
    sql = (f"INSERT INTO {table} ({', '.join(columns)}) VALUES {values} "
           f"ON CONFLICT ({', '.join(key_columns)}) DO UPDATE SET {sets}")
    return sql, [f.get_db_prep_save(row.get(f.column, 0), connection) for row in rows for f in fields]


COUNTERS = {*DAY_FIELDS, "open"}


def _execute(statements):
    """Run the statements in one round trip on PostgreSQL (all but the last as data-modifying WITH clauses; no
    row is touched twice, since each row's key occurs once in one statement); one by one elsewhere."""
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            for sql, params in statements:
                cursor.execute(sql, params)
            return
        *first, (last, _) = statements
        sql = "".join(f"{'WITH' if i == 0 else ','} w{i} AS ({s}) " for i, (s, _) in enumerate(first)) + last
        cursor.execute(sql, [p for _, params in statements for p in params])


def _static(dossier, snapshot=None) -> dict:
    # The snapshot carries the field (dossiers copies version.field_id): no query for the version.
    field_id = (snapshot or {}).get("field", "missing")
    return {
        "agency_id": dossier.agency_id,
        "procedure_id": dossier.procedure_id,
        "field_id": dossier.version.field_id if field_id == "missing" else field_id,
        "channel": dossier.channel,
        "fee_waived": dossier.fee_waived,
    }


def _state_of(fact: DossierFact) -> dict:
    return {f: getattr(fact, f) for f in STATE_FIELDS}


FOLDING_LOCK = 766_001  # PostgreSQL advisory lock: one folder at a time
# What folding reads of an event and its dossier (not the dossier's tracking view or the version's texts).
EVENT_FIELDS = ["dossier", "seq", "at", "from_status", "to_status", "data", "dossier__agency", "dossier__procedure",
                "dossier__channel", "dossier__fee_waived", "dossier__version", "dossier__version__field"]


def catch_up(*, batch=500) -> int:
    """Fold every event not yet folded into the facts, in batches; return how many were folded.

    Reads of the facts call this first (services), so they see every committed event; `manage.py fold_facts
    --follow` calls it every few seconds so that reads seldom find anything to fold. When another process is
    folding, it returns at once: that process is bringing the facts up to date.
    """
    total = 0
    while DossierEvent.objects.filter(folded=False).exists():
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [FOLDING_LOCK])
                    if not cursor.fetchone()[0]:
                        return total
            events = list(DossierEvent.objects.filter(folded=False).select_related("dossier__version")
                          .only(*EVENT_FIELDS).order_by("id")[:batch])
            _fold_batch(events)
            DossierEvent.objects.filter(id__in=[e.id for e in events]).update(folded=True)
        total += len(events)
    return total


def _fold_batch(events):
    """Fold `events` (id order) into the facts: the fact rows of their dossiers are read (locked) once, each
    dossier's state is carried from one event to its next in memory, and what changed is written in one
    statement on PostgreSQL (the final fact rows, the summed day-row deltas, the open counts)."""
    dossier_ids = sorted({e.dossier_id for e in events})
    stored = {f.dossier_id: _state_of(f) for f in DossierFact.objects.select_for_update()
              .filter(dossier_id__in=dossier_ids).order_by("dossier_id")}
    rows, deltas, fields, opened = {}, defaultdict(Counter), {}, Counter()
    for event in events:
        snapshot = (event.data or {}).get("snapshot", {})
        before = _state_before(event, stored.get(event.dossier_id), snapshot)
        if before is None:
            continue
        new = fold({**before, "fee_waived": event.dossier.fee_waived}, seq=event.seq, at=event.at,
                   from_status=event.from_status, to_status=event.to_status, snapshot=snapshot)
        stored[event.dossier_id] = new
        if new["accepted_at"]:  # facts exist from acceptance on
            rows[event.dossier_id] = new
        for key, delta in _diff(contribution(before), contribution(new)).items():
            deltas[key].update(delta)
            fields.setdefault(key, new["field_id"])
        opened[new["agency_id"]] += new["is_open"] - before["is_open"]
    _write(rows, deltas, fields, opened)


def _state_before(event, state, snapshot):
    """The dossier's facts before `event` given its latest known `state` (or None), or None when the event is
    already folded. A dossier not yet accepted has no fact row: its earlier events are folded again."""
    if state is not None and state["last_seq"] >= event.seq:
        return None
    if state is not None and state["last_seq"] == event.seq - 1:
        return state
    static = _static(event.dossier, snapshot)
    if event.seq == 1:
        return initial_state(static)
    earlier = (DossierEvent.objects.filter(dossier_id=event.dossier_id, seq__lt=event.seq).order_by("seq")
               .values_list("seq", "at", "from_status", "to_status", "data"))
    return fold_all(static, earlier)


def _write(rows, deltas, fields, opened):
    """Write the batch's fact rows, DailyFact and AgencyDayFact deltas and open-count changes (keys sorted, so
    that concurrent writers lock rows in the same order; at most 1,000 rows per statement, under SQLite's limit
    of bound parameters)."""
    daily = {key: delta for key, delta in deltas.items() if any(delta.values())}
    by_agency_day = defaultdict(Counter)
    for (agency_id, day, _), delta in daily.items():
        by_agency_day[(agency_id, day)].update(delta)
    tables = [
        (DossierFact, ["dossier_id"], False, [{"dossier_id": d, **rows[d]} for d in sorted(rows)]),
        (DailyFact, ["agency_id", "day", "procedure_id"], True, [
            {"agency_id": a, "day": d, "procedure_id": p, "field_id": fields[(a, d, p)], **daily[(a, d, p)]}
            for a, d, p in sorted(daily)]),
        (AgencyDayFact, ["agency_id", "day"], True,
         [{"agency_id": a, "day": d, **by_agency_day[(a, d)]} for a, d in sorted(by_agency_day)]),
        (AgencyOpenFact, ["agency_id"], True, [{"agency_id": a, "open": n} for a, n in sorted(opened.items()) if n]),
    ]
    statements = [_upsert(model, keys, list(part), add=add)
                  for model, keys, add, table_rows in tables for part in itertools.batched(table_rows, 1000)]
    if statements:
        _execute(statements)


def fold_all(static: dict, events) -> dict:
    """Fold a dossier's events (seq order; tuples seq, at, from_status, to_status, data) into its facts."""
    state = initial_state(static)
    for seq, at, from_status, to_status, data in events:
        state = fold(state, seq=seq, at=at, from_status=from_status, to_status=to_status,
                     snapshot=(data or {}).get("snapshot", {}))
    return state


FACT_COLUMNS = ["dossier_id", *STATE_FIELDS]
FACT_MODELS = [DossierFact, DailyFact, AgencyDayFact, AgencyOpenFact]


def summarise(folded) -> tuple:
    """(DossierFact rows, DailyFact totals, field of each DailyFact key) of `folded` = [(dossier_id, state)]."""
    rows, totals, fields = [], defaultdict(Counter), {}
    for dossier_id, state in folded:
        if state["accepted_at"]:  # facts exist from acceptance on
            rows.append((dossier_id, *(state[f] for f in STATE_FIELDS)))
        for key, counts in contribution(state).items():
            fields.setdefault(key, state["field_id"])
            totals[key].update(counts)
    return rows, totals, fields


def _insert(model, columns, rows):
    """Insert `rows` (tuples in `columns` order): COPY on PostgreSQL, bulk_create elsewhere."""
    if connection.vendor != "postgresql":
        model.objects.bulk_create([model(**dict(zip(columns, row, strict=True))) for row in rows], batch_size=2000)
        return
    with connection.cursor() as cursor, cursor.copy(
            f"COPY {model._meta.db_table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def write_chunks(chunks, *, events_upto=None) -> int:
    """Replace all facts, in one transaction, with the `summarise` results in `chunks` (in dossier id order),
    which fold the events with ids up to `events_upto` (None: no event): those are marked folded."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # checks deferred so far first: TRUNCATE refuses pending ones
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute(f"TRUNCATE {', '.join(m._meta.db_table for m in FACT_MODELS)}")
        else:
            for model in FACT_MODELS:
                model.objects.all().delete()
        count, totals, fields, opened = 0, defaultdict(Counter), {}, Counter()
        agency, is_open = FACT_COLUMNS.index("agency_id"), FACT_COLUMNS.index("is_open")
        for rows, chunk_totals, chunk_fields in chunks:
            _insert(DossierFact, FACT_COLUMNS, rows)
            count += len(rows)
            opened.update(row[agency] for row in rows if row[is_open])
            for key, counts in chunk_totals.items():
                totals[key].update(counts)
            for key, field_id in chunk_fields.items():
                fields.setdefault(key, field_id)
        _insert(DailyFact, ["agency_id", "day", "procedure_id", "field_id", *DAY_FIELDS],
                ((*key, fields[key], *(c[k] for k in DAY_FIELDS)) for key, c in totals.items()))
        by_agency_day = defaultdict(Counter)
        for (agency_id, day, _), counts in totals.items():
            by_agency_day[(agency_id, day)].update(counts)
        _insert(AgencyDayFact, ["agency_id", "day", *DAY_FIELDS],
                ((*key, *(c[k] for k in DAY_FIELDS)) for key, c in by_agency_day.items()))
        _insert(AgencyOpenFact, ["agency_id", "open"], opened.items())
        if events_upto is not None:
            DossierEvent.objects.filter(folded=False, id__lte=events_upto).update(folded=True)
        if connection.vendor == "postgresql":  # statistics for the planner: the tables were just rewritten
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {', '.join(m._meta.db_table for m in [*FACT_MODELS, DossierEvent])}")
        return count


def write_all(folded) -> int:
    """Replace all facts with `folded` = iterable of (dossier_id, state), the folds of every event recorded so
    far; used when every dossier is at hand."""
    last = DossierEvent.objects.aggregate(last=Max("id"))["last"]
    return write_chunks((summarise(batch) for batch in itertools.batched(folded, 5000)), events_upto=last)


def fold_range(bounds) -> tuple:
    """Fold the dossiers with lo <= id < hi that have events with ids up to `last`; return `summarise` of their
    states."""
    lo, hi, last = bounds
    events = defaultdict(list)
    for e in (DossierEvent.objects.filter(dossier_id__gte=lo, dossier_id__lt=hi, id__lte=last)
              .order_by("dossier_id", "seq")
              .values_list("dossier_id", "seq", "at", "from_status", "to_status", "data")):
        events[e[0]].append(e[1:])
    statics = (Dossier.objects.filter(id__in=list(events)).order_by("id")
               .values("id", "agency_id", "procedure_id", "version__field_id", "channel", "fee_waived"))
    return summarise((d["id"], fold_all({**d, "field_id": d["version__field_id"]}, events[d["id"]])) for d in statics)


def rebuild(*, batch=5000, workers=1) -> int:
    """Recompute DossierFact, DailyFact, AgencyDayFact and AgencyOpenFact from every event; return how many dossiers have facts.

    Dossiers are folded by id ranges of `batch`; with `workers` > 1 (PostgreSQL, outside a transaction: the
    processes read committed events) the ranges are folded in that many processes while this one writes, in
    order, in one transaction — the same rows either way. The events up to the largest id at the start are
    folded and marked so; an event committed meanwhile with a smaller id would be marked without being folded,
    so run it when no dossier is being recorded.
    """
    bounds = Dossier.objects.aggregate(lo=Min("id"), hi=Max("id"))
    last = DossierEvent.objects.aggregate(last=Max("id"))["last"]
    if bounds["lo"] is None or last is None:
        return write_chunks([], events_upto=last)
    ranges = [(lo, lo + batch, last) for lo in range(bounds["lo"], bounds["hi"] + 1, batch)]
    if workers > 1 and connection.vendor == "postgresql" and not connection.in_atomic_block:
        connections.close_all()  # forked processes must not share this process's connection
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return write_chunks(pool.imap(fold_range, ranges), events_upto=last)
    return write_chunks((fold_range(r) for r in ranges), events_upto=last)
