"""The base of every adapter to an outside system that speaks HTTP: timeouts, retries with exponential
backoff, the shared circuit breaker, a record of every attempt, and a health check.

An adapter is built by `registry.adapter(name)` with the entry's settings; a subclass adds the system's
operations (`national_portal.NationalPortal.send`, `health_records.HealthRecords.documents`, ...).
"""

import random
import time

import requests
from django.utils import timezone
from django.utils.translation import gettext as _

from . import breaker
from .errors import Rejected, Unavailable
from .models import ConnectionCall

RETRYABLE_STATUS = {429, 500, 502, 503, 504}


class HttpAdapter:
    def __init__(self, system, base_url: str):
        self.system = system
        self.base_url = base_url.rstrip("/")
        self.session = requests.Session()  # keep-alive; a dropped connection is reopened by the next request

    @property
    def name(self):
        return self.system.name

    def request(self, method, path, *, operation, json=None, params=None, headers=None, retries=None,
                sleep=time.sleep):
        """Send one request with retries; return the response (2xx), or raise Rejected (4xx) / Unavailable."""
        s = self.system
        if breaker.is_open(s.name, threshold=s.breaker_threshold, reset_after=s.breaker_reset):
            raise Unavailable(_("Hệ thống “%(s)s” đang tạm ngắt kết nối sau nhiều lần lỗi; sẽ thử lại sau.")
                              % {"s": s.label})
        retries = s.retries if retries is None else retries
        error = ""
        for attempt in range(retries + 1):
            if attempt:
                sleep(backoff(attempt, base=s.backoff_base, cap=s.backoff_cap))
            started = time.monotonic()
            try:
                response = self.session.request(method, self.base_url + path, json=json, params=params,
                                                headers=headers, timeout=(s.connect_timeout, s.timeout))
            except requests.RequestException as e:
                error = f"{type(e).__name__}: {e}"[:255]
                self._record(operation, started, ok=False, error=error)
                continue
            ok = response.status_code < 400
            self._record(operation, started, ok=ok, status_code=response.status_code,
                         error="" if ok else response.text[:255])
            if ok:
                breaker.success(s.name)
                return response
            if response.status_code not in RETRYABLE_STATUS:
                breaker.success(s.name)  # the system is up; it refused this request
                raise Rejected(_("Hệ thống “%(s)s” từ chối yêu cầu (HTTP %(c)s).") % {"s": s.label,
                               "c": response.status_code}, status_code=response.status_code, body=_body(response))
            error = f"HTTP {response.status_code}"
        breaker.failure(s.name, error, threshold=s.breaker_threshold)
        raise Unavailable(_("Không kết nối được hệ thống “%(s)s” (%(e)s).") % {"s": s.label, "e": error})

    def health(self) -> dict:
        """Ask the system's health endpoint once (no retries, breaker ignored): {"ok", "ms", "detail"}."""
        started = time.monotonic()
        try:
            response = self.session.get(self.base_url + self.system.health_path,
                                        timeout=(self.system.connect_timeout, self.system.timeout))
            ok, detail = response.status_code < 400, f"HTTP {response.status_code}"
            self._record("health", started, ok=ok, status_code=response.status_code, error="" if ok else detail)
        except requests.RequestException as e:
            ok, detail = False, type(e).__name__
            self._record("health", started, ok=False, error=detail)
        if ok:
            breaker.success(self.name)
        return {"ok": ok, "ms": round((time.monotonic() - started) * 1000), "detail": detail}

    def _record(self, operation, started, *, ok, status_code=None, error=""):
        ConnectionCall.objects.create(system=self.name, operation=operation, at=timezone.now(),
                                      duration_ms=round((time.monotonic() - started) * 1000), ok=ok,
                                      status_code=status_code, error=error[:255])


def backoff(attempt: int, *, base: float, cap: float) -> float:
    """Exponential backoff with full jitter: a random wait in [0, min(cap, base × 2^(attempt−1))]."""
    return random.uniform(0, min(cap, base * 2 ** (attempt - 1)))


def _body(response):
    try:
        return response.json()
    except ValueError:
        return response.text[:1000]
