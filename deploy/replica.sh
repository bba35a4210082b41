#!/bin/sh
# A PostgreSQL streaming replica of the primary on loopback, for the public reads (motcua.lib.replica).
#   deploy/replica.sh start    make it with pg_basebackup the first time (a physical copy of the primary's cluster,
#                              following it through the replication slot motcua_replica), then start it
#   deploy/replica.sh stop     stop it (the slot keeps the WAL it has not replayed, so `start` catches up)
#   deploy/replica.sh status   its replay lag as the primary sees it
#   deploy/replica.sh destroy  stop it, drop the slot (the primary stops keeping WAL for it) and delete its files
# The primary must accept replication connections from loopback: in its pg_hba.conf
#   host replication all 127.0.0.1/32 trust     (a password or certificate outside loopback)
# Settings: PRIMARY_HOST (127.0.0.1), PRIMARY_PORT (5432), PRIMARY_USER (postgres), REPLICA_PORT (5433),
# REPLICA_DIR (var/replica). Then DATABASE_REPLICA_URL=postgres://postgres@127.0.0.1:5433/<same database>.
set -eu
cd "$(dirname "$0")/.."
PRIMARY_HOST=${PRIMARY_HOST:-127.0.0.1}
PRIMARY_PORT=${PRIMARY_PORT:-5432}
PRIMARY_USER=${PRIMARY_USER:-postgres}
REPLICA_PORT=${REPLICA_PORT:-5433}
DIR=$(realpath -m "${REPLICA_DIR:-var/replica}")
DATA=$DIR/data
SLOT=motcua_replica
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$BIN/pg_ctl" ] || BIN=$(dirname "$(command -v pg_ctl)")
# PostgreSQL refuses to run as root: as root, the replica's files and server belong to the postgres user.
AS=""
[ "$(id -u)" = 0 ] && AS="runuser -u postgres --"
primary() { psql -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U "$PRIMARY_USER" -d postgres -Atqc "$1"; }

make_replica() {
  mkdir -p "$DIR"
  [ -n "$AS" ] && chown postgres "$DIR"
  echo "pg_basebackup from $PRIMARY_HOST:$PRIMARY_PORT into $DATA (slot $SLOT)"
  primary "SELECT 1 FROM pg_replication_slots WHERE slot_name = '$SLOT'" | grep -q 1 \
    && primary "SELECT pg_drop_replication_slot('$SLOT')" >/dev/null
  # -R writes standby.signal and primary_conninfo; -C -S: a slot, so a stopped replica can catch up later.
  $AS "$BIN/pg_basebackup" -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U "$PRIMARY_USER" -D "$DATA" \
    -R -X stream -C -S $SLOT -c fast
  # Debian keeps the configuration outside the data directory: the replica gets its own.
  $AS sh -c "cat > '$DATA/postgresql.conf'" <<CONF
listen_addresses = '127.0.0.1'
port = $REPLICA_PORT
unix_socket_directories = '$DIR'
hot_standby = on
hot_standby_feedback = on          # the primary keeps rows a long dashboard query on the replica still reads
max_standby_streaming_delay = 30s  # replay waits at most this long for such a query
max_connections = 100
shared_buffers = 128MB
CONF
  $AS sh -c "printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' > '$DATA/pg_hba.conf'"
}

start() {
  [ -s "$DATA/PG_VERSION" ] || make_replica
  if $AS "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then echo "replica already running on $REPLICA_PORT"; return; fi
  $AS "$BIN/pg_ctl" -D "$DATA" -l "$DIR/replica.log" -w -t 60 start >/dev/null
  echo "replica of $PRIMARY_HOST:$PRIMARY_PORT serving on 127.0.0.1:$REPLICA_PORT (log $DIR/replica.log)"
}

stop() {
  if [ -s "$DATA/postmaster.pid" ]; then
    $AS "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null && echo "replica stopped"
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) primary "SELECT application_name, state, pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn) AS bytes_behind,
                   replay_lag FROM pg_stat_replication" ;;
  destroy)
    stop
    primary "SELECT pg_drop_replication_slot('$SLOT') FROM pg_replication_slots WHERE slot_name = '$SLOT'" >/dev/null
    rm -rf "$DATA" && echo "replica removed" ;;
  *) echo "usage: $0 start|stop|status|destroy" >&2; exit 2 ;;
esac
