"""One exception family. Every message is one line that says what to do."""


class RagError(Exception):
    """Base of every failure shown to a user: ``str(err)`` is the whole message."""

    exit_code = 1


class ConfigError(RagError):
    """A setting has a value that cannot work."""


class ModelNotAvailable(RagError):
    """A model name does not resolve to a local copy."""


class IndexMissing(RagError):
    """No index exists yet where the settings point."""


class IndexBusy(RagError):
    """Another process holds the index lock."""


class StoreUnavailable(RagError):
    """The vector store (a Chroma server) cannot be reached."""


class BadInput(RagError):
    """A question or request that cannot be processed as given."""


class IndexDamaged(RagError):
    """The index's files cannot be read as an index."""


MAX_QUESTION_CHARS = 2000


def check_question(question: str) -> str:
    """``question`` with its unprintable characters and runs of spaces taken out; a
    ``BadInput`` that says what to do when nothing is left or it is too long."""
    if not isinstance(question, str) or not question.strip():
        raise BadInput("the question is empty: type a question")
    cleaned = "".join(ch for ch in question if ch.isprintable() or ch in "\n\t")
    cleaned = " ".join(cleaned.split())
    if not cleaned:
        raise BadInput("the question has no readable text: type a question")
    if len(cleaned) > MAX_QUESTION_CHARS:
        raise BadInput(f"the question is {len(cleaned)} characters long; keep it under {MAX_QUESTION_CHARS}")
    return cleaned
