from django.tasks import task

from motcua.catalogue.models import ProcedureVersion

from .embeddings import embed_versions


@task()
def embed_version(version_id):
    """Embed one saved procedure version (queued by the receiver in receivers.py)."""
    version = ProcedureVersion.objects.select_related("field").filter(pk=version_id).first()
    return embed_versions([version]) if version else 0
