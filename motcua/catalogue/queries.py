"""Read side of the catalogue: find procedures and load one with everything the public page shows."""

from collections.abc import Sequence

from django.db.models import Prefetch

from motcua.lib.errors import NotFound
from motcua.lib.queries import filter_given

from .models import Channel, FeeItem, Procedure, ProcedureVersion
from .search import search_ids

__all__ = ["find_procedures", "get_procedure", "procedures_by_code", "version_with_parts"]


# Listing pages show names only: never load the large raw texts kept beside what was parsed.
LISTING_DEFER = ("current__raw", "current__parse_issues", "current__conditions", "current__results")


def _listing():
    return Procedure.objects.select_related("current__field").defer(*LISTING_DEFER)


class RankedProcedures(Sequence):
    """Search results in rank order, loading procedures only for the slice asked for (a page)."""

    def __init__(self, ids, transform=None):
        self.ids, self.transform = ids, transform

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        ids = self.ids[index]
        by_id = _listing().in_bulk(ids)
        found = [by_id[i] for i in ids if i in by_id]
        return [self.transform(p) for p in found] if self.transform else found

    def __iter__(self):
        return iter(self[:])

    def map(self, transform):
        return RankedProcedures(self.ids, transform)


def find_procedures(q="", *, field_id=None, level=None, agency_id=None):
    """Return procedures in force matching the filters: ranked by relevance when `q` is given, else by name."""
    if q and q.strip():
        return RankedProcedures(search_ids(q, field_id=field_id, level=level, agency_id=agency_id))
    qs = filter_given(Procedure.objects.filter(current__isnull=False), current__field_id=field_id,
                      current__level__icontains=level, agencies__id=agency_id)
    return RankedProcedures(list(qs.order_by("current__name").values_list("id", flat=True)))


def version_with_parts(version_qs):
    channels = Channel.objects.prefetch_related(Prefetch("fees", queryset=FeeItem.objects.order_by("id")))
    return version_qs.select_related("field", "procedure").prefetch_related(
        Prefetch("channels", queryset=channels), "components", "steps", "legal_bases", "procedure__agencies"
    )


def get_procedure(code):
    """Return (procedure, version in force with its parts) for `code`, or raise NotFound."""
    procedure = Procedure.objects.filter(code=code).first()
    if procedure is None or procedure.current_id is None:
        raise NotFound(f"Không tìm thấy thủ tục có mã {code}.")
    version = version_with_parts(ProcedureVersion.objects.filter(pk=procedure.current_id)).get()
    return procedure, version


def procedures_by_code(codes):
    """Return the procedures in force among `codes`, in the order given."""
    found = Procedure.objects.filter(code__in=codes, current__isnull=False).select_related("current").in_bulk(
        field_name="code"
    )
    return [found[c] for c in codes if c in found]
