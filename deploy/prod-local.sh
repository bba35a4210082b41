#!/bin/sh
# The production stack on loopback: nginx (TLS) → gunicorn, task worker, facts folder, housekeeping, sync sender,
# sandboxes; DEBUG=0, Redis as the shared cache. `deploy/prod-local.sh start|stop` (make prod-local / -stop).
# Uses the database of `make run` (or DATABASE_URL). Ports: HTTPS_PORT (8443), HTTP_PORT (8080), WEB_PORT (8100).
# WEB_NODES=2 starts two gunicorn nodes (WEB_PORT, WEB_PORT+1) behind nginx's upstream; REPLICA=1 (PostgreSQL
# only) starts a streaming replica on REPLICA_PORT (5433, deploy/replica.sh) and sends the public reads there.
# The assistant's questions go to their own gunicorn pool on ASSISTANT_PORT (WEB_PORT+50, ASSISTANT_WORKERS=2),
# the only one that loads its model; the web nodes run without it.
set -eu
cd "$(dirname "$0")/.."
RUN=var/prod
PY=.venv/bin/python
HTTPS_PORT=${HTTPS_PORT:-8443}
HTTP_PORT=${HTTP_PORT:-8080}
WEB_PORT=${WEB_PORT:-8100}
WEB_NODES=${WEB_NODES:-1}
ASSISTANT_PORT=${ASSISTANT_PORT:-$((WEB_PORT + 50))}
REPLICA=${REPLICA:-0}

stop() {
  for pidfile in "$RUN"/*.pid; do
    [ -s "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null && echo "stopped $(basename "$pidfile" .pid)"
    rm -f "$pidfile"
  done
  deploy/replica.sh stop  # if it runs
}

start() {
  mkdir -p $RUN/logs $RUN/nginx-temp
  deploy/make-cert.sh $RUN/tls
  [ -s $RUN/secret ] || $PY -c "import secrets; print(secrets.token_urlsafe(50))" > $RUN/secret
  [ -s $RUN/data-key ] || $PY -c "import secrets; print(secrets.token_urlsafe(32))" > $RUN/data-key
  # `make data` wrote with the development key: it stays listed (second) until rotate_data_key below is done.
  dev_key="$(DEBUG=1 $PY -c 'import motcua.settings as s; print(s.MOTCUA_DATA_KEYS[0])')"
  export DEBUG=0 SECRET_KEY="$(cat $RUN/secret)" ALLOWED_HOSTS=127.0.0.1,localhost \
    MOTCUA_DATA_KEYS="$(cat $RUN/data-key),$dev_key" \
    CSRF_TRUSTED_ORIGINS="https://127.0.0.1:$HTTPS_PORT,https://localhost:$HTTPS_PORT" \
    SECURE_HSTS_SECONDS=0 REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}" \
    MOTCUA_PUBLIC_BASE_URL="https://127.0.0.1:$HTTPS_PORT"
  if [ "$REPLICA" = 1 ]; then
    case "${DATABASE_URL:-}" in postgres*) ;; *) echo "REPLICA=1 needs DATABASE_URL=postgres://…" >&2; exit 2 ;; esac
    deploy/replica.sh start
    # The same database on the replica's port.
    export DATABASE_REPLICA_URL="$(echo "$DATABASE_URL" | sed -E "s#(@[^:/]+)(:[0-9]+)?/#\1:${REPLICA_PORT:-5433}/#")"
  fi
  $PY manage.py migrate --noinput >/dev/null
  $PY manage.py load_vocabulary >/dev/null
  $PY manage.py embed_catalogue >/dev/null  # the new phrases of the release teach the semantic stage
  $PY manage.py rotate_data_key >/dev/null
  $PY manage.py collectstatic --noinput >/dev/null
  static=$(pwd)/var/static media=$(pwd)/var/media
  servers=""
  for node in $(seq 0 $((WEB_NODES - 1))); do
    servers="${servers}server 127.0.0.1:$((WEB_PORT + node)) max_fails=1 fail_timeout=5s; "
  done
  sed -e "s#@UPSTREAM_SERVERS@#$servers#" -e "s#@ASSISTANT_SERVERS@#server 127.0.0.1:$ASSISTANT_PORT;#" -e "s#@HTTP_LISTEN@#127.0.0.1:$HTTP_PORT#" \
      -e "s#@HTTPS_LISTEN@#127.0.0.1:$HTTPS_PORT#" -e "s#@HTTPS_PORT@#$HTTPS_PORT#" \
      -e "s#@CERT@#$(pwd)/$RUN/tls/cert.pem#" -e "s#@KEY@#$(pwd)/$RUN/tls/key.pem#" \
      -e "s#@STATIC_ROOT@#$static#" -e "s#@MEDIA_ROOT@#$media#" \
      -e "s#@ACCESS_LOG@#$(pwd)/$RUN/logs/nginx-access.log#" deploy/nginx-site.conf > $RUN/site.conf
  cat > $RUN/nginx.conf <<CONF
worker_processes 1;
pid $(pwd)/$RUN/nginx.pid;
error_log $(pwd)/$RUN/logs/nginx-error.log;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  access_log $(pwd)/$RUN/logs/nginx-access.log;
  client_body_temp_path $(pwd)/$RUN/nginx-temp/body;
  proxy_temp_path $(pwd)/$RUN/nginx-temp/proxy;
  fastcgi_temp_path $(pwd)/$RUN/nginx-temp/fastcgi;
  uwsgi_temp_path $(pwd)/$RUN/nginx-temp/uwsgi;
  scgi_temp_path $(pwd)/$RUN/nginx-temp/scgi;
  include $(pwd)/$RUN/site.conf;
}
CONF
  for node in $(seq 0 $((WEB_NODES - 1))); do
    MOTCUA_ASSISTANT_WARM=0 GUNICORN_BIND="127.0.0.1:$((WEB_PORT + node))" \
      GUNICORN_ACCESS_LOG=$RUN/logs/access-web$node.log \
      .venv/bin/gunicorn -c deploy/gunicorn.conf.py --daemon --pid $RUN/web$node.pid \
      --error-logfile $RUN/logs/web$node.log motcua.wsgi:application
  done
  GUNICORN_BIND="127.0.0.1:$ASSISTANT_PORT" GUNICORN_WORKERS="${ASSISTANT_WORKERS:-2}" \
    GUNICORN_ACCESS_LOG=$RUN/logs/access-assistant.log \
    .venv/bin/gunicorn -c deploy/gunicorn.conf.py --daemon --pid $RUN/assistant.pid \
    --error-logfile $RUN/logs/assistant.log motcua.wsgi:application
  $PY manage.py db_worker --queue-name '*' >$RUN/logs/worker.log 2>&1 & echo $! > $RUN/worker.pid
  $PY manage.py fold_facts --follow >$RUN/logs/facts.log 2>&1 & echo $! > $RUN/facts.pid
  $PY manage.py housekeeping --follow >$RUN/logs/housekeeping.log 2>&1 & echo $! > $RUN/housekeeping.pid
  $PY manage.py sync_send --follow >$RUN/logs/sync.log 2>&1 & echo $! > $RUN/sync.pid
  if [ "${SANDBOXES:-1}" = 1 ]; then $PY -m sandboxes >$RUN/logs/sandboxes.log 2>&1 & echo $! > $RUN/sandboxes.pid; fi
  /usr/sbin/nginx -p "$(pwd)/$RUN" -c "$(pwd)/$RUN/nginx.conf" -e "$(pwd)/$RUN/logs/nginx-error.log"
  echo "Serving https://127.0.0.1:$HTTPS_PORT/ (self-signed certificate: $RUN/tls/cert.pem); stop: make prod-local-stop"
}

case "${1:-}" in
  start) stop >/dev/null; start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
