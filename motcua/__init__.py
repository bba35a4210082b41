"""motcua: one-stop public administration for Vietnamese cities.

Numeric libraries (OpenMP in the assistant's embedding engine, OpenBLAS under numpy) start one thread per core
by default; several web workers on a small machine then fight over the cores and throughput collapses as clients
are added. Each process gets a fixed small number of numeric threads instead (MOTCUA_NUMERIC_THREADS, default 1),
set here because this package is imported before numpy or the engine are loaded.
"""

import os as _os

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    _os.environ.setdefault(_name, _os.environ.get("MOTCUA_NUMERIC_THREADS", "1"))
