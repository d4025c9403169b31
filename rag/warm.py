"""Everything an answer may read, loaded before the first question: the models and indexes a
search opens, the entity recognizer, WordNet's nouns and the gazetteer. Each is loaded on
first use otherwise, and the first question of a chat took 1.1 s longer than the next
(docs/BENCH.md, "The first question")."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from rag.entities import entities
from rag.errors import RagError
from rag.kinds import wordnet
from rag.places import place_kinds
from rag.regions import region_named

if TYPE_CHECKING:
    from rag.pipeline import Pipeline

# a sentence with a name, a place, a date and a noun phrase, for every part of the recognizer
_SENTENCE = "Ada Lovelace spoke in Paris on Monday about the analytical engine."


def warm(pipeline: Pipeline) -> None:
    """Load what ``pipeline``'s answers read; a part that cannot load is left to say so when a
    question needs it."""
    with contextlib.suppress(RagError):
        pipeline.ask("warm up")
    if pipeline.settings.ner:
        with contextlib.suppress(RagError):
            entities(pipeline.settings.ner, [_SENTENCE], nouns=True)
    wordnet()
    place_kinds()
    region_named("European")
