"""Facts derived from dossier events, kept current incrementally and rebuildable from scratch.

One rule, two paths:
- `fold(state, event)` turns the facts of a dossier plus one event into the new facts (pure);
- `contribution(state)` says which DailyFact counters one dossier adds to;
- `apply_event(event)` (called on every DossierEvent) folds the event into the dossier's DossierFact row and
  applies the difference of contributions to DailyFact and AgencyDayFact (the same counters summed over
  procedures), and to its agency's count of open dossiers (AgencyOpenFact) when it opens or closes;
- `rebuild()` folds every event again (by id ranges, optionally in several processes) and writes the three
  tables in bulk.
Because contributions telescope, both paths give the same rows (property-tested). A dossier has facts from its
acceptance on: before it, it counts in no indicator, and its events write nothing.

Per-event cost: one statement (on PostgreSQL; one per table elsewhere) upserting the fact row and, per DailyFact
key whose counters changed (usually one or two), its row and its agency's day row; the fact row is read (locked)
only when the same action did not just fold the event before. Statements are written out once per table
(`_upsert`): at a few per event the ORM's compile step cost more than the writes. It runs inside the dossier's
transaction, so facts never disagree with committed events.
"""

import itertools
import multiprocessing
from collections import Counter, defaultdict
from datetime import date, datetime, time, timedelta

from django.db import connection, connections, transaction
from django.db.models import Max, Min
from django.utils import timezone

from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.workflow import FINISHED_STATUSES, Status

from .formulas import on_time_from_totals, open_overdue
from .models import DAY_FIELDS, AgencyDayFact, AgencyOpenFact, DailyFact, DossierFact

__all__ = ["apply_event", "rebuild", "fold", "contribution", "on_event_saved"]

STATE_FIELDS = [
    "agency_id", "procedure_id", "field_id", "online", "status", "last_seq", "accepted_at", "due_at", "due_adjusted",
    "finished_at", "supplement_count", "supplement_started_at", "supplement_seconds", "fee_total", "fee_waived",
    "paid_online", "has_result_file", "digitised", "reused", "from_data_store", "on_time", "is_open",
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
        "online": dossier_static["channel"] == "online",
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


def _upsert_sql(model, key_columns, add):
    """INSERT one row of `model`, or on a key conflict update it: counters added when `add`, else all replaced.

    ON CONFLICT … DO UPDATE is understood alike by PostgreSQL and SQLite, so one written statement serves both.
    """
    table = connection.ops.quote_name(model._meta.db_table)
    columns = [f.column for f in model._meta.concrete_fields if not f.primary_key or f.column in key_columns]
    if add:  # counters only: other columns (DailyFact.field_id) keep what the first insert wrote
        sets = ", ".join(f"{c} = {table}.{c} + excluded.{c}" for c in columns if c in COUNTERS)
    else:
        sets = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in key_columns)
    sql = (f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))}) "
           f"ON CONFLICT ({', '.join(key_columns)}) DO UPDATE SET {sets}")
    fields = [next(f for f in model._meta.concrete_fields if f.column == c) for c in columns]
    return sql, fields


_UPSERTS = {}
COUNTERS = {*DAY_FIELDS, "open"}


def _upsert(model, key_columns, values, *, add) -> tuple[str, list]:
    """The statement and parameters writing `values` ({column: python value}; missing counters are 0)."""
    key = (model, tuple(key_columns), add)
    if key not in _UPSERTS:
        _UPSERTS[key] = _upsert_sql(model, key_columns, add)
    sql, fields = _UPSERTS[key]
    return sql, [f.get_db_prep_save(values.get(f.column, 0), connection) for f in fields]


def _execute(statements):
    """Run the statements in one round trip on PostgreSQL (all but the last as data-modifying WITH clauses, on
    different tables, so no row is touched twice); one by one elsewhere."""
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            for sql, params in statements:
                cursor.execute(sql, params)
            return
        *first, (last, _) = statements
        sql = "".join(f"{'WITH' if i == 0 else ','} w{i} AS ({s}) " for i, (s, _) in enumerate(first)) + last
        cursor.execute(sql, [p for _, params in statements for p in params])


def _delta_statements(key, delta, field_id):
    """Add `delta` to the DailyFact row of `key` and to its agency's AgencyDayFact row (created if missing)."""
    agency_id, day, procedure_id = key
    row = {"agency_id": agency_id, "day": day, **delta}
    return [
        _upsert(DailyFact, ["agency_id", "day", "procedure_id"],
                {**row, "procedure_id": procedure_id, "field_id": field_id}, add=True),
        _upsert(AgencyDayFact, ["agency_id", "day"], row, add=True),
    ]


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


def apply_event(event: DossierEvent) -> None:
    """Fold one new event into the facts (incremental path). Idempotent for an event already applied.

    Runs inside the caller's transaction, where the dossier row is locked (or was just created). A dossier has
    facts from its acceptance on: until then an event writes nothing. Whatever it writes (the fact row and the
    changed day rows) goes in one statement. The facts before the event are those this function left on the
    dossier instance when the same action recorded the event before (a counter intake records two); otherwise
    they are read with the fact row locked, or folded from the earlier events of a dossier not yet accepted.
    """
    snapshot = (event.data or {}).get("snapshot", {})
    dossier = event.dossier
    with transaction.atomic(savepoint=False):
        before = _state_before(dossier, event, snapshot)
        if before is None:
            return
        old = {**before, "fee_waived": dossier.fee_waived}
        new = fold(old, seq=event.seq, at=event.at, from_status=event.from_status, to_status=event.to_status,
                   snapshot=snapshot)
        if new["accepted_at"]:
            statements = [_upsert(DossierFact, ["dossier_id"], {"dossier_id": event.dossier_id, **new}, add=False)]
            for key, delta in _diff(contribution(before), contribution(new)).items():
                statements += _delta_statements(key, delta, new["field_id"])
            if new["is_open"] != before["is_open"]:
                statements.append(_upsert(AgencyOpenFact, ["agency_id"],
                                          {"agency_id": new["agency_id"], "open": new["is_open"] - before["is_open"]},
                                          add=True))
            _execute(statements)
    dossier._fact_state = new


def _state_before(dossier, event, snapshot):
    """The dossier's facts before `event`, or None when the event is already applied."""
    cached = getattr(dossier, "_fact_state", None)
    if cached is not None and cached["last_seq"] == event.seq - 1:
        return cached
    static = _static(dossier, snapshot)
    if event.seq == 1:
        return initial_state(static)
    fact = DossierFact.objects.select_for_update().filter(dossier_id=event.dossier_id).first()
    if fact is not None and fact.last_seq >= event.seq:
        return None
    if fact is not None and fact.last_seq == event.seq - 1:
        return _state_of(fact)
    earlier = (DossierEvent.objects.filter(dossier_id=event.dossier_id, seq__lt=event.seq).order_by("seq")
               .values_list("seq", "at", "from_status", "to_status", "data"))
    return fold_all(static, earlier)


def on_event_saved(sender, instance, created, raw=False, **kwargs):
    """post_save receiver for DossierEvent (connected in apps.py); fixtures (raw) are skipped."""
    if created and not raw:
        apply_event(instance)


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
        if state["accepted_at"]:  # facts exist from acceptance on (apply_event)
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


def write_chunks(chunks) -> int:
    """Replace all facts, in one transaction, with the `summarise` results in `chunks` (in dossier id order)."""
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
        if connection.vendor == "postgresql":  # statistics for the planner: the tables were just emptied and refilled
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {', '.join(m._meta.db_table for m in FACT_MODELS)}")
        return count


def write_all(folded) -> int:
    """Replace all facts with `folded` = iterable of (dossier_id, state); used when every dossier is at hand."""
    return write_chunks(summarise(batch) for batch in itertools.batched(folded, 5000))


def fold_range(bounds) -> tuple:
    """Fold the dossiers with lo <= id < hi that have events; return `summarise` of their states."""
    lo, hi = bounds
    events = defaultdict(list)
    for e in (DossierEvent.objects.filter(dossier_id__gte=lo, dossier_id__lt=hi).order_by("dossier_id", "seq")
              .values_list("dossier_id", "seq", "at", "from_status", "to_status", "data")):
        events[e[0]].append(e[1:])
    statics = (Dossier.objects.filter(id__in=list(events)).order_by("id")
               .values("id", "agency_id", "procedure_id", "version__field_id", "channel", "fee_waived"))
    return summarise((d["id"], fold_all({**d, "field_id": d["version__field_id"]}, events[d["id"]])) for d in statics)


def rebuild(*, batch=5000, workers=1) -> int:
    """Recompute DossierFact, DailyFact, AgencyDayFact and AgencyOpenFact from every event; return how many dossiers have facts.

    Dossiers are folded by id ranges of `batch`; with `workers` > 1 (PostgreSQL, outside a transaction: the
    processes read committed events) the ranges are folded in that many processes while this one writes, in
    order, in one transaction — the same rows either way.
    """
    bounds = Dossier.objects.aggregate(lo=Min("id"), hi=Max("id"))
    if bounds["lo"] is None:
        return write_chunks([])
    ranges = [(lo, lo + batch) for lo in range(bounds["lo"], bounds["hi"] + 1, batch)]
    if workers > 1 and connection.vendor == "postgresql" and not connection.in_atomic_block:
        connections.close_all()  # forked processes must not share this process's connection
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return write_chunks(pool.imap(fold_range, ranges))
    return write_chunks(fold_range(r) for r in ranges)
