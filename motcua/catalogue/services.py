"""Catalogue actions: create a version of a procedure, keep the version in force and the search index current."""

import datetime

from django.db import transaction
from django.utils import timezone

from motcua.lib.page_cache import bump
from motcua.lib.text import fold

from .models import Channel, Component, FeeItem, Field, LegalBasis, Procedure, ProcedureVersion, SearchEntry, Step
from .signals import versions_created
from .vocabulary import normalise_line

__all__ = [
    "create_version",
    "next_version_number",
    "version_in_force",
    "refresh_current",
    "refresh_current_many",
    "link_agencies",
    "CHILD_FIELDS",
]

# Plain-dict shape accepted by create_version, mirrored by the API:
#   {"name", "field", "level", ..., "channels": [{"kind", "duration_value", "duration_unit", "duration_text",
#    "description", "fees": [{"amount", "kind", "set_by", "appraisal", "description"}]}],
#    "components": [{"name", "originals", "copies", "template", "condition", "notes"}],
#    "steps": ["..."], "legal_bases": [{"number", "title", "issued", "issuer"}]}
CHILD_FIELDS = ("channels", "components", "steps", "legal_bases")


@transaction.atomic
def create_version(code, data, *, author=None, effective_from=None, source=ProcedureVersion.Source.EDITOR, note=""):
    """Create the next version of procedure `code` from `data` (a plain dict) and return it."""
    procedure, _ = Procedure.objects.select_for_update().get_or_create(code=code)
    values = {k: v for k, v in data.items() if k not in CHILD_FIELDS and k != "field"}
    field_name = (data.get("field") or "").strip()
    version = ProcedureVersion.objects.create(
        procedure=procedure,
        number=next_version_number(procedure),
        effective_from=effective_from or timezone.localdate(),
        author=author,
        source=source,
        change_note=note,
        field=Field.objects.get_or_create(name=field_name)[0] if field_name else None,
        **values,
    )
    _create_children(version, data)
    refresh_current(procedure)
    versions_created.send(sender=ProcedureVersion, codes=[code], at=timezone.now())
    return version


def _create_children(version, data):
    for c in data.get("channels", []):
        fees = c.get("fees", [])
        channel = Channel.objects.create(version=version, **{k: v for k, v in c.items() if k != "fees"})
        FeeItem.objects.bulk_create(FeeItem(channel=channel, **f) for f in fees)
    Component.objects.bulk_create(
        Component(version=version, order=i, **c) for i, c in enumerate(data.get("components", []))
    )
    Step.objects.bulk_create(Step(version=version, order=i, text=t) for i, t in enumerate(data.get("steps", [])))
    LegalBasis.objects.bulk_create(
        LegalBasis(version=version, order=i, **b) for i, b in enumerate(data.get("legal_bases", []))
    )


def next_version_number(procedure):
    last = procedure.versions.order_by("-number").values_list("number", flat=True).first()
    return (last or 0) + 1


# The version in force is the latest already effective; among versions effective the same day, the last made.
IN_FORCE_ORDER = ("-effective_from", "-number")


def version_in_force(procedure, on: datetime.date | None = None):
    """Return the version of `procedure` in force on `on` (today by default): the latest already effective."""
    on = on or timezone.localdate()
    return procedure.versions.filter(effective_from__lte=on).order_by(*IN_FORCE_ORDER).first()


def refresh_current(procedure, on=None):
    """Point `procedure.current` at the version in force and rebuild its search entry."""
    current = version_in_force(procedure, on)
    if procedure.current_id != (current.pk if current else None):
        procedure.current = current
        procedure.save(update_fields=["current"])
    if current is None:
        SearchEntry.objects.filter(procedure=procedure).delete()
        return None
    SearchEntry.objects.update_or_create(procedure=procedure, defaults=_search_entry_values(procedure, current))
    return current


def refresh_current_many(procedures, on=None):
    """Do refresh_current for many procedures in a few queries (the importer's path; same rule, same rows)."""
    on = on or timezone.localdate()
    procedures = {p.pk: p for p in procedures}
    in_force = {}
    rows = ProcedureVersion.objects.filter(procedure_id__in=procedures, effective_from__lte=on)
    for procedure_id, version_id in rows.order_by("procedure_id", *IN_FORCE_ORDER).values_list("procedure_id", "id"):
        in_force.setdefault(procedure_id, version_id)
    versions = (
        ProcedureVersion.objects.filter(id__in=in_force.values())
        .select_related("field")
        .prefetch_related("components", "steps")
        .defer("raw", "parse_issues")
    )
    changed = []
    for procedure in procedures.values():
        if procedure.current_id != in_force.get(procedure.pk):
            procedure.current_id = in_force.get(procedure.pk)
            changed.append(procedure)
    Procedure.objects.bulk_update(changed, ["current"], batch_size=500)
    SearchEntry.objects.filter(procedure_id__in=procedures).delete()
    SearchEntry.objects.bulk_create(
        [
            SearchEntry(procedure=procedures[v.procedure_id], **_search_entry_values(procedures[v.procedure_id], v))
            for v in versions
        ],
        batch_size=500,
    )


def _search_entry_values(procedure, current):
    name = fold(f"{procedure.code} {current.name}")
    return {
        "name": name,
        "name_normalised": normalise_line(name),
        "body": fold(_search_body(current)),
        "field_id": current.field_id,
        "level": current.level,
    }


def _search_body(version):
    parts = [
        version.field.name if version.field else "",
        version.subjects,
        version.results,
        version.implementing_agency,
    ]
    parts += [c.name for c in version.components.all()]
    parts += [s.text for s in version.steps.all()]
    return "\n".join(p for p in parts if p)


def link_agencies(codes, agencies):
    """Record that `agencies` receive the procedures with `codes` in this city; return the number of new links."""
    through = Procedure.agencies.through
    procedures = list(Procedure.objects.filter(code__in=codes).values_list("id", flat=True))
    existing = set(through.objects.filter(procedure_id__in=procedures).values_list("procedure_id", "agency_id"))
    links = [through(procedure_id=p, agency_id=a.id) for p in procedures for a in agencies if (p, a.id) not in existing]
    through.objects.bulk_create(links, batch_size=2000)
    bump("catalogue")  # a bulk insert sends no row signals: the public pages' version moves here (ops/public_pages.py)
    return len(links)
