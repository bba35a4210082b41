"""Sandbox of the national feedback (PAKN) system's sync receiver."""

DEFAULT_PORT = 8004
