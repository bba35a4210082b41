"""Birth registration (1.001193) with its real catalogue rows and the shipped reviewed layer, on top of the
console's test city (procedure, agencies, named staff)."""

from pathlib import Path

from django.utils import timezone

from motcua.catalogue.importer import import_catalogue
from motcua.guides.loading import load_layers
from tests.world import build_world

RECORD = Path(__file__).parent / "data" / "dvcqg_1.001193.jsonl"


def birth_world(*, layer=True):
    world = build_world()
    import_catalogue(RECORD)  # the real rows become version 2, in force today
    world.procedure.refresh_from_db()
    world.version = world.procedure.current
    if layer:
        result = load_layers(at=timezone.now(), codes={"1.001193"})
        assert result.loaded == ["1.001193"], result.skipped
    return world
