"""One registry of the outside systems motcua talks to (national portal, national PAKN, population registry,
health records, payment, SMS). Each entry is a module in `systems/` naming its adapter, its sandbox, its
timeouts and its health check; every call is recorded in the database so that the status page, the circuit
breaker and "last success" are shared by all workers. Imports nothing of ours above `units`.
"""
