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
