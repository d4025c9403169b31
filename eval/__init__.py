"""The product's evaluation: ``rag eval`` (question files, metrics, baselines, reports),
``rag bench`` (indexing and query speed)."""

from __future__ import annotations

import importlib.util

from rag.errors import ConfigError


def need(*modules: str, what: str) -> None:
    """One line naming the ``eval`` extra when a package ``what`` needs is not installed."""
    missing = [m for m in modules if not _installed(m)]
    if missing:
        raise ConfigError(f"{what} needs {', '.join(missing)}: pip install -e '.[eval]'")


def _installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ImportError:  # a parent package is missing
        return False
