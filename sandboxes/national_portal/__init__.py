"""Sandbox of the national public service portal's dossier sync receiver (HoSoDongBoDVC records)."""

DEFAULT_PORT = 8003
