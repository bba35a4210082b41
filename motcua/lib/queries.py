"""Query helpers shared by the rooms."""


def filter_given(queryset, **lookups):
    """`queryset` narrowed by the lookups given a value (an empty filter field of a form narrows nothing)."""
    return queryset.filter(**{lookup: value for lookup, value in lookups.items() if value})
