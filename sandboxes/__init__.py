"""Local stand-ins for outside systems, each a separate process speaking the real protocol on loopback.

Every sandbox is a sub-package `sandboxes/<name>/` whose `__init__.py` sets `DEFAULT_PORT` and whose
`__main__.py` serves on `--host 127.0.0.1 --port N`. `python -m sandboxes` starts them all (``make run``
does); nothing under `motcua/` imports this package: the application reaches a sandbox only through the
same adapter and protocol it would use against the real system.
"""

import importlib
import pkgutil
from pathlib import Path


def discover():
    """The sandboxes present, as (name, default port), in name order."""
    found = []
    for info in pkgutil.iter_modules([str(Path(__file__).parent)]):
        if not info.ispkg:
            continue
        module = importlib.import_module(f"sandboxes.{info.name}")
        port = getattr(module, "DEFAULT_PORT", None)
        if port is not None:
            found.append((info.name, port))
    return sorted(found)
