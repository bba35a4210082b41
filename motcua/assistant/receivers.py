from django.db import transaction


def version_saved(sender, instance, created, raw=False, **kwargs):
    """Queue the embedding of a new procedure version once its transaction commits."""
    if not created or raw:
        return
    from .tasks import embed_version

    transaction.on_commit(lambda: embed_version.enqueue(instance.pk))
