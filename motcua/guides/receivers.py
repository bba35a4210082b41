"""One receiver: a new catalogue version may change the rows a reviewed layer was written against."""


def check_sources(sender, *, codes, at, **kwargs):
    from .services import open_review_tasks

    open_review_tasks(codes, at=at)
