"""The dossier events table partitioned by month on PostgreSQL (declarative partitioning; migration 0011).

Events are only ever appended, read by dossier and folded in id order; a city writes millions a year. One
partition per month (months of Asia/Ho_Chi_Minh, like every report) keeps each table and its indexes small, lets
old months be moved to cheaper storage or detached, and lets VACUUM work on the current month alone. A default
partition takes any event outside the months created (an import of old dossiers, a test's fixed date); creating
that month later moves those rows into their own partition.

What changes in the database only: the primary key is (id, at) and the uniqueness of (dossier, seq) is
enforced as (dossier, seq, at), since PostgreSQL requires the partition key in every unique index. `id` still
comes from one sequence, and seq is still given under the dossier's row lock (services._core.record), so both
stay unique. Nothing references the events table by foreign key. On SQLite nothing changes.

`ensure_months()` creates the partitions of this month and the next AHEAD months; housekeeping runs it.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.db import connection, transaction

TABLE = "dossiers_dossierevent"
DEFAULT = f"{TABLE}_default"
AHEAD = 3
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def is_partitioned(cursor) -> bool:
    cursor.execute("SELECT 1 FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid WHERE c.relname = %s",
                   [TABLE])
    return cursor.fetchone() is not None


def month_name(month: date) -> str:
    return f"{TABLE}_y{month.year}m{month.month:02d}"


def next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def months(first: date, last: date):
    month = first.replace(day=1)
    while month <= last:
        yield month
        month = next_month(month)


def horizon(today, ahead=AHEAD) -> date:
    """The last month that should have its partition: `ahead` months after today's."""
    last = today.replace(day=1)
    for _ in range(ahead):
        last = next_month(last)
    return last


def ensure_months(*, today=None, ahead=AHEAD) -> list[str]:
    """Create the missing partitions from this month to `ahead` months on; the names created."""
    if connection.vendor != "postgresql":
        return []
    today = today or datetime.now(ZONE).date()
    with connection.cursor() as cursor:
        if not is_partitioned(cursor):
            return []
        return [month_name(m) for m in months(today, horizon(today, ahead)) if create_month(cursor, m)]


def create_month(cursor, month: date) -> bool:
    """The partition of `month` (moving its rows out of the default partition, if any); False if it exists."""
    name = month_name(month)
    cursor.execute("SELECT 1 FROM pg_class WHERE relname = %s", [name])
    if cursor.fetchone():
        return False
    lower = datetime(month.year, month.month, 1, tzinfo=ZONE)
    upper = datetime(next_month(month).year, next_month(month).month, 1, tzinfo=ZONE)
    with transaction.atomic():
        # A table like the parent, filled with the month's rows from the default partition, then attached: the
        # default partition must hold none of the month's rows when the month gets its own partition.
        cursor.execute(f'CREATE TABLE "{name}" (LIKE "{TABLE}" INCLUDING DEFAULTS INCLUDING CONSTRAINTS)')
        cursor.execute(f'WITH moved AS (DELETE FROM "{DEFAULT}" WHERE at >= %s AND at < %s RETURNING *) '
                       f'INSERT INTO "{name}" SELECT * FROM moved', [lower, upper])
        cursor.execute(f'ALTER TABLE "{TABLE}" ATTACH PARTITION "{name}" FOR VALUES FROM (%s) TO (%s)',
                       [lower, upper])
    return True


def partition(cursor, *, today=None):
    """Turn the plain events table into a partitioned one, keeping its rows, names, indexes and foreign keys
    (migration 0011; the rows are copied in one transaction, so run it when the city is quiet)."""
    if is_partitioned(cursor):
        return
    old = f"{TABLE}_plain"
    cursor.execute(f'ALTER TABLE "{TABLE}" RENAME TO "{old}"')
    # Index names are global: the old table's indexes and index-backed constraints step aside.
    cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s", [old])
    indexes = cursor.fetchall()
    cursor.execute("SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = %s::regclass",
                   [old])
    constraints = cursor.fetchall()
    backing = {name for name, kind, _ in constraints if kind in "pu"}
    for name, _ in indexes:
        if name in backing:
            cursor.execute(f'ALTER TABLE "{old}" RENAME CONSTRAINT "{name}" TO "{name[:55]}_plain"')
        else:
            cursor.execute(f'ALTER INDEX "{name}" RENAME TO "{name[:55]}_plain"')

    cursor.execute(f'CREATE TABLE "{TABLE}" (LIKE "{old}" INCLUDING DEFAULTS INCLUDING CONSTRAINTS) '
                   f"PARTITION BY RANGE (at)")
    # PostgreSQL 15 has no identity columns on partitioned tables: a sequence owned by the column instead (what
    # Django's sequence reset and flush look up).
    seq = f"{TABLE}_id_seq"
    cursor.execute(f'ALTER TABLE "{old}" ALTER COLUMN id DROP IDENTITY IF EXISTS')  # frees the sequence's name
    cursor.execute(f'CREATE SEQUENCE "{seq}" OWNED BY "{TABLE}".id')
    cursor.execute(f"""ALTER TABLE "{TABLE}" ALTER COLUMN id SET DEFAULT nextval('"{seq}"')""")
    for name, kind, definition in constraints:
        if kind == "p":
            definition = "PRIMARY KEY (id, at)"
        elif kind == "u":
            definition = definition.replace(")", ", at)", 1)
        elif kind != "f":
            continue  # check constraints came with LIKE
        cursor.execute(f'ALTER TABLE "{TABLE}" ADD CONSTRAINT "{name}" {definition}')
    for name, definition in indexes:
        if name not in backing:
            cursor.execute(definition.replace(f"ON public.{old} ", f"ON public.{TABLE} "))
    cursor.execute(f'CREATE TABLE "{DEFAULT}" PARTITION OF "{TABLE}" DEFAULT')

    cursor.execute(f'SELECT min(at) FROM "{old}"')
    first = cursor.fetchone()[0]
    today = today or datetime.now(ZONE).date()
    first = max(first.astimezone(ZONE).date(), date(today.year - 2, 1, 1)) if first else today
    for month in months(first, horizon(today)):
        create_month(cursor, month)
    cursor.execute(f'INSERT INTO "{TABLE}" SELECT * FROM "{old}"')
    cursor.execute(f"""SELECT setval('"{seq}"', coalesce((SELECT max(id) FROM "{old}"), 0) + 1, false)""")
    cursor.execute(f'DROP TABLE "{old}"')
