"""What an intake reads of the catalogue, kept in the shared cache: the version in force of a procedure (with its
procedure and route, its channels and their fees, its components) and the receiving agency.

Entries are keyed by the catalogue's data version (lib.page_cache.versions, the one the public pages follow:
bumped by every save or delete of a catalogue, units or guides row, of a route template, and by the importer,
again when the transaction commits), so the intake after an edit reads the edited rows and nothing is
invalidated by hand. The key also names the models' fields, so rows kept by an older release are not read.
The long texts of a version (its source text, conditions, results, agencies) are not read: intake shows none.
"""

import functools

import django
from django.core.cache import cache

from motcua.catalogue.models import Channel, Component, FeeItem, Procedure, ProcedureVersion
from motcua.lib.page_cache import KEEP, key_of, versions
from motcua.units.models import Agency, Province

from .models import RouteTemplate

LONG_TEXTS = ("raw", "parse_issues", "subjects", "conditions", "results", "competent_agency", "implementing_agency",
              "delegated_agency", "coordinating_agency", "receiving_address", "related_procedures")


def for_intake(procedure_code, agency_code=None):
    """(version, agency): the version in force of procedure `procedure_code` (None when there is none), its
    `procedure` set; the agency with code `agency_code` and its province (None when not given or unknown)."""
    catalogue = versions(["catalogue"])
    keys = {"version": f"intake:version:{key_of(procedure_code, catalogue, _shape())}"}
    if agency_code:
        keys["agency"] = f"intake:agency:{key_of(agency_code, catalogue, _shape())}"
    found = cache.get_many(list(keys.values()))
    kept = {}
    version = found.get(keys["version"])
    if version is None:
        version = kept[keys["version"]] = _version(procedure_code)
    agency = found.get(keys["agency"]) if agency_code else None
    if agency_code and agency is None:
        agency = kept[keys["agency"]] = _agency(agency_code)
    cache.set_many({k: v for k, v in kept.items() if v is not None}, KEEP)
    return version, agency


def _version(procedure_code):
    procedure = (Procedure.objects.select_related("current", "route").defer(*(f"current__{f}" for f in LONG_TEXTS))
                 .prefetch_related("current__channels__fees", "current__components")
                 .filter(code=procedure_code).first())
    if procedure is None or procedure.current is None:
        return None
    version = procedure.current
    version.procedure = procedure
    return version


def _agency(agency_code):
    return Agency.objects.select_related("province").filter(code=agency_code).first()


@functools.cache
def _shape():
    models = (Procedure, ProcedureVersion, Channel, FeeItem, Component, RouteTemplate, Agency, Province)
    return key_of(django.__version__, *((m._meta.label, *(f.attname for f in m._meta.concrete_fields)) for m in models))
