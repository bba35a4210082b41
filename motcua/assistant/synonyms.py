"""Everyday words -> catalogue wording, for the assistant: the citizen vocabulary of the catalogue
(`motcua.catalogue.vocabulary`, edited in the admin) plus the identity-card age band.

Without a vocabulary argument the seed file's vocabulary is used (pure Python, no database): the tools and tests
that build a retriever from plain data rely on it; the running assistant passes `vocabulary.current()`.
"""

import re

from motcua.catalogue.vocabulary import seed_vocabulary

__all__ = ["expand", "expand_abbreviations"]


def expand_abbreviations(text: str, vocabulary=None) -> str:
    return (vocabulary or seed_vocabulary()).expand_abbreviations(text)


def expand(text: str, vocabulary=None, names=frozenset()) -> str:
    """`text` folded and normalised, with everyday phrases replaced by catalogue wording (except where the question
    continues a catalogue name: `names`, see `Vocabulary.expand`)."""
    return _AGE.sub(_age_band, (vocabulary or seed_vocabulary()).expand(text, names))


# Identity cards are issued in two age bands (Luật Căn cước 2023): under 14, and 14 or older. A child's age
# below 14 names the first band; 14 or older is the common case and needs no hint.
_AGE = re.compile(r"(?<!duoi )\b(\d{1,3}) tuoi\b")


def _age_band(m):
    return m.group(0) + (" duoi 14 tuoi" if int(m.group(1)) < 14 else "")
