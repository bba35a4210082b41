"""Moved to tests/world.py (the city shared by every room's tests); kept as an alias for older imports."""

from tests.world import AUTHORISATION, BIRTH_CERTIFICATE, PASSWORD, World, _password_hash, _user, build_world

__all__ = ["AUTHORISATION", "BIRTH_CERTIFICATE", "PASSWORD", "World", "_password_hash", "_user", "build_world"]
