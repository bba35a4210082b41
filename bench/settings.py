"""Settings for benchmarks served over HTTP: the project's, plus a minimal view as the baseline (bench/urls.py)."""

from motcua.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
