#!/bin/sh
# Past one machine, shown on loopback: nginx → two gunicorn nodes → PostgreSQL primary + streaming replica.
# Public reads run under load (wrk) while the replica serves them; the replica is stopped in the middle of a run
# and the site keeps answering from the primary; it is started again and takes the reads back. Stops everything.
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/<a migrated city> sh bench/replica_failover.sh
# Needs wrk, nginx, PostgreSQL's server binaries and a primary that accepts loopback replication (deploy/replica.sh).
# Ports: HTTPS_PORT (9300), HTTP_PORT (9301), WEB_PORT (9310, 9311); Redis REDIS_URL (db 5).
set -eu
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?set DATABASE_URL=postgres://… of a migrated city (make data, or seed_city + simulate)}"
export HTTPS_PORT=${HTTPS_PORT:-9300} HTTP_PORT=${HTTP_PORT:-9301} WEB_PORT=${WEB_PORT:-9310} WEB_NODES=2 REPLICA=1 \
  SANDBOXES=0 GUNICORN_WORKERS=${GUNICORN_WORKERS:-2} REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/5}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-15}
RUN=var/prod
DB=$(echo "$DATABASE_URL" | sed -E 's#.*/([^/?]+).*#\1#')
URL=https://127.0.0.1:$HTTPS_PORT

trap 'deploy/prod-local.sh stop >/dev/null 2>&1 || true' EXIT INT TERM
deploy/prod-local.sh start >/dev/null
redis-cli -u "$REDIS_URL" del ":1:replica:state" >/dev/null 2>&1 || true

# Public reads. Pages the shared cache keeps (searches, procedure pages, the API, the board) are built from the
# primary when they miss (ops.public_pages); the replica answers the public reads the cache does not keep: the
# board's dossier lists per agency, Open311, programmes, waiting times.
codes=$(psql "$DATABASE_URL" -Atc "SELECT code FROM catalogue_procedure ORDER BY id LIMIT 20")
agencies=$(psql "$DATABASE_URL" -Atc "SELECT agency_id FROM indicators_agencyopenfact ORDER BY open DESC LIMIT 20")
{
  echo "local paths = {"
  for word in "khai sinh" "ket hon" "dat dai" "xay dung" "ho tich" "doanh nghiep" "chung thuc" "giay phep"; do
    echo "\"/thu-tuc/?q=$(echo "$word" | tr ' ' '+')\", \"/api/procedures?q=$(echo "$word" | tr ' ' '+')\","
  done
  for code in $codes; do echo "\"/thu-tuc/$code/\", \"/api/procedures/$code\","; done
  for agency in $agencies; do
    echo "\"/bang-chi-so/ho-so/?co_quan=$agency\", \"/bang-chi-so/ho-so/?co_quan=$agency&trang=2\","
  done
  echo "\"/open311/v2/requests.json\", \"/api/programmes\", \"/chuong-trinh/\", \"/thoi-gian-cho/\","
  echo "\"/bang-chi-so/\", \"/phan-anh/\", \"/bang-chi-so/ho-so/\" }"
  echo 'local i = 0'
  echo 'request = function() i = i % #paths + 1; return wrk.format("GET", paths[i]) end'
} > $RUN/paths.lua

xacts() {  # read transactions the database has committed so far on one server (5432 primary, 5433 replica)
  psql -h 127.0.0.1 -p "$1" -U postgres -d "$DB" -Atc "SELECT xact_commit FROM pg_stat_database WHERE datname = '$DB'" 2>/dev/null || echo "-"
}
load() {  # wrk for SECONDS_PER_RUN seconds: requests/s, errors and non-2xx answers
  wrk -t 2 -c 8 -d "${SECONDS_PER_RUN}s" --timeout 10s --latency -s $RUN/paths.lua "$URL" > "$RUN/wrk-$1.txt" 2>&1
  rps=$(awk '/Requests\/sec/ {print $2}' "$RUN/wrk-$1.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$RUN/wrk-$1.txt")
  bad=$(awk '/Non-2xx/ {print $5}' "$RUN/wrk-$1.txt"); errors=$(awk '/Socket errors/ {print}' "$RUN/wrk-$1.txt")
  echo "$1: ${rps} req/s, p99 ${p99}, non-2xx ${bad:-0}${errors:+, $errors}"
}
served() {  # requests each web node answered so far
  for node in 0 1; do printf "web%s=%s " $node "$(wc -l < $RUN/logs/access-web$node.log)"; done
}

for port in "$WEB_PORT" "$((WEB_PORT + 1))"; do  # workers load the assistant's model before they answer
  for _ in $(seq 1 180); do
    [ "$(curl -s -o /dev/null -m 5 -w '%{http_code}' "http://127.0.0.1:$port/")" != 000 ] && break; sleep 1
  done
done
load "0 warm-up (caches fill)" >/dev/null
: > $RUN/logs/access-web0.log; : > $RUN/logs/access-web1.log
primary0=$(xacts 5432) replica0=$(xacts 5433)
load "1 replica up"
primary1=$(xacts 5432) replica1=$(xacts 5433)
echo "   transactions: primary +$((primary1 - primary0)), replica +$((replica1 - replica0)); nodes: $(served)"

# Stop the replica a few seconds into the run.
( sleep 4; deploy/replica.sh stop >/dev/null ) &
load "2 replica stopped 4 s into the run"
wait
primary2=$(xacts 5432)
load "3 replica down"
primary3=$(xacts 5432)
echo "   transactions: primary +$((primary2 - primary1)) then +$((primary3 - primary2)), replica down; nodes: $(served)"

deploy/replica.sh start >/dev/null
for _ in $(seq 1 120); do  # until it streams again with nothing left to replay
  deploy/replica.sh status | grep -q '^walreceiver|streaming|0|' && break; sleep 1
done
sleep 6  # the next probe (every 5 s) finds it healthy again
replica3=$(xacts 5433)
load "4 replica back"
echo "   transactions: replica +$(($(xacts 5433) - replica3)); nodes: $(served)"
echo "   replica lag seen by the primary: $(deploy/replica.sh status | tr '\n' ' ')"
