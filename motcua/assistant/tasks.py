from django.tasks import task

from motcua.catalogue.models import ProcedureVersion

from .embeddings import embed_versions, embed_vocabulary


@task()
def embed_version(version_id):
    """Embed one saved procedure version (queued by the receiver in receivers.py)."""
    version = ProcedureVersion.objects.select_related("field").filter(pk=version_id).first()
    return embed_versions([version]) if version else 0


@task()
def embed_phrase(phrase):
    """Embed one saved citizen-vocabulary phrase (folded; queued by the receiver in receivers.py)."""
    return embed_vocabulary([phrase])
