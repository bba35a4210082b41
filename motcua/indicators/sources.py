"""Figures that rooms beside the indicators supply, without the indicators importing them: a room registers a
function here from its AppConfig.ready. Today one: "dossier_sync" (motcua.sync), per agency
(synced, total, online synced) for the dossiers received in a period, used by 766 indicators 1.4 and 3.3.
Without a registered supplier the indicators that need it are N/A."""

_suppliers = {}


def register(name, supplier):
    """`supplier(start, end, agency_ids=None) -> {agency_id: tuple}` for the dates [start, end)."""
    _suppliers[name] = supplier


def per_agency(name, period, agency_ids=None) -> dict:
    supplier = _suppliers.get(name)
    return supplier(period.start, period.end, agency_ids) if supplier else {}


def city(name, period):
    """The suppliers' figures summed over every agency (None when nothing is known)."""
    rows = list(per_agency(name, period).values())
    return tuple(map(sum, zip(*rows, strict=True))) if rows else None
