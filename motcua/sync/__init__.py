"""Outboxes to the national systems: every dossier event and every feedback event writes a sync record in the
same transaction (hooks.py), and a sender (sender.py, `manage.py sync_send --follow`) delivers them in order per
dossier or item, with retries and backoff, to receivers that are idempotent. Beside `indicators`: reads
everything below; nothing imports it (it registers its figures with the indicators and its hooks itself).
"""
