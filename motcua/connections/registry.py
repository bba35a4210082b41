"""The registry: one module per outside system in `connections/systems/`, each defining `SYSTEM = System(...)`.

Adding a system is one file there. Its base URL comes from the environment (`MOTCUA_<NAME>_URL`, e.g.
`MOTCUA_NATIONAL_PORTAL_URL`), else `settings.MOTCUA_CONNECTIONS[name]["url"]`, else the entry's default: the
sandbox on loopback that `make run` starts. The adapter is the same against the sandbox and the real system.
"""

import importlib
import os
import pkgutil
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings


@dataclass(frozen=True)
class System:
    name: str                       # registry key, also the sandbox's name when it has one
    label: str                      # Vietnamese, shown on the status page
    adapter: type | None            # an HttpAdapter subclass; None for in-process stand-ins
    default_url: str = ""
    sandbox: str = ""               # sandboxes/<sandbox>, or "" when the stand-in runs in-process
    protocol: str = "HTTP/JSON"
    timeout: float = 5.0            # read timeout, seconds
    connect_timeout: float = 2.0
    retries: int = 2                # after the first attempt, for timeouts, refused connections and 5xx
    backoff_base: float = 0.2       # seconds; doubled each retry, with jitter, capped at backoff_cap
    backoff_cap: float = 5.0
    breaker_threshold: int = 5      # consecutive failures that open the breaker
    breaker_reset: float = 30.0     # seconds before an open breaker lets a probe through
    health_path: str = "/health"
    placeholder: bool = False       # listed, not yet connected
    notes: str = ""                 # Vietnamese: what the entry stands for, where its stand-in lives


@cache
def systems() -> dict[str, System]:
    """Every registered system by name, in name order."""
    found = {}
    package = Path(__file__).parent / "systems"
    for info in sorted(pkgutil.iter_modules([str(package)]), key=lambda i: i.name):
        module = importlib.import_module(f"motcua.connections.systems.{info.name}")
        system = getattr(module, "SYSTEM", None)
        if system is not None:
            found[system.name] = system
    return found


def get(name: str) -> System:
    return systems()[name]


def url_of(system: System) -> str:
    env = os.environ.get(f"MOTCUA_{system.name.upper()}_URL")
    configured = getattr(settings, "MOTCUA_CONNECTIONS", {}).get(system.name, {}).get("url")
    return env or configured or system.default_url


def adapter(name: str, *, url: str | None = None):
    """A fresh adapter for `name` (one per process or per sender loop: it keeps its HTTP connection open)."""
    system = get(name)
    if system.adapter is None:
        raise LookupError(f"{name} has no HTTP adapter")
    return system.adapter(system, url or url_of(system))
