#!/bin/sh
# `make test`: the rooms' tests (pytest motcua) and the browser and security tests (pytest tests) as two sessions.
# A browser test starts from a fresh process (one of them failed on PostgreSQL only after the rooms' tests in the
# same process). On SQLite (an in-memory database each) the two run side by side, the browser session's output
# kept in var/test-browser.log and shown after the rooms'; on PostgreSQL both would create the same test
# database, so they run one after the other.
VENV=${VENV:-.venv}
if [ -n "${DATABASE_URL:-}" ]; then
  "$VENV/bin/pytest" motcua || exit
  exec "$VENV/bin/pytest" tests
fi
mkdir -p var
log=var/test-browser.log
"$VENV/bin/pytest" tests >"$log" 2>&1 &
browser=$!
trap 'kill "$browser" 2>/dev/null; exit 130' INT TERM
"$VENV/bin/pytest" motcua
rooms=$?
wait "$browser"
browsers=$?
echo "== pytest tests (browser and security; var/test-browser.log)"
cat "$log"
[ "$rooms" -eq 0 ] && [ "$browsers" -eq 0 ]
