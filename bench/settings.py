"""Settings for benchmarks served over HTTP: the project's, plus a minimal view as the baseline (bench/urls.py)."""

from motcua.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

# The office benchmark's one kiosk issues 200 tickets a minute (a busy hall's morning, compressed); a real kiosk's
# presses are limited to 30 a minute (motcua.limits "counter_press").
MOTCUA_LIMITS = {"counter_press": (1_000_000, 60)}
