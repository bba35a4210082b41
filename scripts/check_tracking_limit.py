"""Check the tracking budget across processes: 3 gunicorn workers on loopback, many wrong guesses at once from
one address, then the owner (same address) with the right digits, then a restart of the workers.

    DATABASE_URL=postgres://... [REDIS_URL=redis://...] .venv/bin/python scripts/check_tracking_limit.py --port 8201

It migrates the database it is given, adds one synthetic dossier pair (marked synthetic), and stops the server
it started; everything is bounded by timeouts. Prints the figures as JSON.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_world():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    from motcua.dossiers import services
    from motcua.dossiers.models import Dossier
    from motcua.dossiers.tests.base import applicant, make_version, required_components
    from motcua.limits.models import Counter
    from motcua.units.models import Agency, Province

    Counter.objects.all().delete()
    if os.environ.get("REDIS_URL"):  # a fresh window for this check (only our keys, in the db given)
        import redis

        client = redis.Redis.from_url(os.environ["REDIS_URL"])
        for key in client.scan_iter("motcua:limit:*"):
            client.delete(key)
    if not Agency.objects.filter(code="T01-TEST-A").exists():
        # A synthetic agency of its own, beside a seeded city's (whose province it shares when there is one).
        hanoi, _ = Province.objects.get_or_create(code="1", defaults={"name": "Thành phố Hà Nội",
                                                                      "short_name": "Hà Nội"})
        version = make_version(Agency.objects.create(code="T01-TEST-A", name="Đơn vị thử nghiệm (tổng hợp)",
                                                     kind=Agency.Kind.OTHER, province=hanoi))
        for phone in ("0912345678", "0987654321"):
            services.submit_dossier(version, channel="online", applicant=applicant(phone=phone),
                                    at=django.utils.timezone.now(), components=required_components(version))
    Dossier.objects.filter(agency__code="T01-TEST-A").update(is_synthetic=True)
    mine, theirs = Dossier.objects.filter(agency__code="T01-TEST-A").order_by("pk")[:2]
    return mine.reference, theirs.reference


def get(base, code, last4):
    body = json.dumps({"code": code, "last4": last4}).encode()
    request = urllib.request.Request(f"{base}/api/dossiers/tracking", data=body,
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as e:
        return e.code


def start(port):
    from django.conf import settings

    env = dict(os.environ, DEBUG="0", SECRET_KEY=os.environ.get("SECRET_KEY", "check-" + "x" * 50),
               MOTCUA_DATA_KEYS=",".join(settings.MOTCUA_DATA_KEYS),  # the keys setup_world wrote with
               ALLOWED_HOSTS="127.0.0.1", SECURE_SSL_REDIRECT="0")
    server = subprocess.Popen([str(ROOT / ".venv/bin/gunicorn"), "-c", str(ROOT / "deploy/gunicorn.conf.py"),
                               "--bind", f"127.0.0.1:{port}", "--workers", "3", "motcua.wsgi"],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(base + "/api/openapi.json", timeout=5)
            return server, base
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise SystemExit("gunicorn did not start")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8201)
    parser.add_argument("--guesses", type=int, default=120)
    args = parser.parse_args()
    mine, theirs = setup_world()
    server, base = start(args.port)
    try:
        with ThreadPoolExecutor(12) as pool:
            answers = list(pool.map(lambda n: get(base, theirs, f"{n:04d}"), range(1, args.guesses + 1)))
        owner = [get(base, mine, "5678") for _ in range(3)]
        os.killpg(server.pid, signal.SIGHUP)  # graceful restart of every worker
        time.sleep(5)
        after_restart = [get(base, theirs, f"{n:04d}") for n in range(500, 510)]
        figures = {
            "workers": 3, "store": "redis" if os.environ.get("REDIS_URL") else "database",
            "wrong_guesses_sent": args.guesses, "judged_404": answers.count(404), "refused_429": answers.count(429),
            "server_errors": sum(1 for a in answers + owner + after_restart if a >= 500),
            "owner_same_address_200": owner.count(200), "after_restart_429": after_restart.count(429),
        }
        print(json.dumps(figures))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
