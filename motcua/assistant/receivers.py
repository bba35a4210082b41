from django.db import transaction


def version_saved(sender, instance, created, raw=False, **kwargs):
    """Queue the embedding of a new procedure version once its transaction commits."""
    if not created or raw:
        return
    from .tasks import embed_version

    transaction.on_commit(lambda: embed_version.enqueue(instance.pk))


def term_saved(sender, instance, raw=False, **kwargs):
    """Queue the embedding of a saved procedure phrase of the citizen vocabulary once its transaction commits."""
    if raw or instance.kind != instance.Kind.PROCEDURE or not instance.active:
        return
    from .tasks import embed_phrase

    phrase = instance.phrase_folded
    transaction.on_commit(lambda: embed_phrase.enqueue(phrase))
