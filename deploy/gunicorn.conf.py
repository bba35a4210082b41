"""gunicorn settings for production: `gunicorn -c deploy/gunicorn.conf.py motcua.wsgi`.

Servers listen on loopback; the reverse proxy (nginx) terminates TLS. The access log never shows the query
string of paths that carry personal data or secrets (tracking, searches, account and staff pages): the path
is kept, the query replaced by "?…".
"""

import gc
import multiprocessing
import os

from gunicorn.glogging import Logger

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))  # gunicorn's advice
keepalive = 5  # nginx keeps upstream connections open (deploy/nginx-site.conf)
forwarded_allow_ips = "127.0.0.1"
max_requests = 100_000  # recycle a worker now and then, so a slow leak cannot grow without bound (a recycle
# re-imports the whole app: at 5,000 a busy worker restarted every half minute and its queue waited behind it)
max_requests_jitter = 10_000
# The master loads the application once and forks the workers from it: the pages it loaded are shared
# copy-on-write, a recycled worker starts without re-importing anything, and each worker holds less (citizen mix,
# SQLite, 5 workers, load average 6-7 from other work: RSS 97-99 -> 88-91 MB, PSS 73-76 -> 58-62 MB per worker
# with pre_fork's gc.freeze; 66-70 without it). A HUP restarts the workers from the code already loaded: a new
# release needs a restart of the service.
preload_app = True
timeout = 30  # PostgreSQL's statement timeout (20 s) answers first, with a 503 page
graceful_timeout = 30
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
# The request line as method, path alone (%(U)s, no query string: searches stay out of the logs too), protocol.
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms'

SENSITIVE = ("/api/dossiers", "/tra-cuu", "/phan-anh/tra-cuu", "/tai-khoan", "/can-bo", "/nop-ho-so",
             "/quan-tri", "/open311")


class QuietLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        path = environ.get("PATH_INFO", "")
        if environ.get("QUERY_STRING") and path.startswith(SENSITIVE):
            atoms["q"] = "…"
            atoms["r"] = f"{environ.get('REQUEST_METHOD')} {path}?… {environ.get('SERVER_PROTOCOL')}"
            atoms["U"] = path
        return atoms


logger_class = QuietLogger


def pre_fork(server, worker):
    """In the master, before each fork: a worker inherits no database connection of the master's, and the objects
    loaded so far leave the garbage collector's generations (gc.freeze), so a collection in a worker does not
    write to, and so copy, the pages it shares with the master."""
    from django.db import connections

    connections.close_all()
    gc.freeze()


def post_worker_init(worker):
    """Each worker builds the assistant's index and loads its model before taking requests (seconds on a busy
    machine: the first citizens would wait for them, or the worker would time out). The model adds some 48 MB to
    each worker: MOTCUA_ASSISTANT_WARM=0 leaves it out of a pool that does not answer the assistant's questions
    (issue 18: ≤ 100 MB per web worker where the model need not live in every worker)."""
    if os.environ.get("MOTCUA_ASSISTANT_WARM", "1") == "0":
        return
    from motcua.assistant.catalogue_index import warm

    try:
        warm()
    except Exception:  # noqa: BLE001 — a worker must start even without a catalogue; the first question builds it
        worker.log.exception("assistant warm-up failed")
