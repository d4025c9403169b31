"""ONNX copies of a sentence-transformers model: export, quantise, check against torch.

Importing sentence-transformers (torch, transformers, scikit-learn) takes 4 to 9 s here,
most of a cold `rag ask`, and torch fp32 is the slower way to run the model on a CPU. The
same weights are exported to ONNX and run through onnxruntime, which imports in a fraction
of a second. Two copies:
- fp32 ("query-model" in the index folder, written after indexing with the fp32 model):
  the same numbers as torch, checked on probe texts (cosine > 0.9999);
- int8 (the default, in the model cache, used for passages and questions alike): weights
  quantised per channel by onnxruntime, 2.3x faster than torch on 2 cores; retrieval quality
  measured equal in docs/EVAL.md; each copy checked on probe texts (cosine > 0.98).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from rag.models.base import copy_spec
from rag.models.runtime import OnnxEmbedder
from rag.models.torch_st import SentenceTransformerEmbedder

QUERY_MODEL_DIR = "query-model"
INT8_RECIPE = "eager-attention-dynamic-qint8-per-channel-v2"
MIN_COSINE = {"fp32": 0.9999, "int8": 0.98}
PROBES = (
    "Who attends the 2+2 talks in Washington?",
    "Japan and the United States will hold security talks next month, officials said.",
    "The storm closed three schools; power returned on Friday.",
    "Ein kurzer Satz auf Deutsch, und noch ein paar Wörter.",
)


def int8_copy_folder(name: str, folder: Path, cache: Path | None) -> Path:
    """Where the INT8 copy of the model ``name`` shipped in ``folder`` lives under ``cache``:
    named by the recipe and the folder's files, so new weights or a new recipe get a new copy."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("_")[-80:]
    parts = sorted(f"{p.relative_to(folder)}:{p.stat().st_size}" for p in folder.rglob("*") if p.is_file())
    fingerprint = hashlib.sha1(f"{INT8_RECIPE}|{'|'.join(parts)}".encode()).hexdigest()[:12]
    return (cache or Path(tempfile.gettempdir()) / "rag-news") / f"{slug}-int8-{fingerprint}"


def checked_copy(name: str, folder: Path, precision: str) -> dict[str, Any] | None:
    """The check record of an ONNX copy of ``name`` in ``precision``, or None when there is none."""
    try:
        meta = json.loads((folder / "checked.json").read_text())
    except (OSError, ValueError):
        return None
    if not isinstance(meta, dict) or meta.get("model") != name:
        return None
    return meta if meta.get("precision", "fp32") == precision else None


def open_copy(name: str, folder: Path, precision: str) -> OnnxEmbedder | None:
    """The checked copy of ``name`` in ``folder``, or None when there is none."""
    meta = checked_copy(name, folder, precision)
    if meta is None:
        return None
    return OnnxEmbedder(copy_spec(name, int(meta["max_tokens"]), precision), folder)


def quantize(src: Path, dest: Path) -> None:
    """Dynamic INT8 quantisation of the ONNX model ``src`` into ``dest``, weights per channel."""
    import logging

    from onnxruntime.quantization import QuantType, quantize_dynamic

    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # its advice to pre-process the graph first, printed each time
    try:
        # per-channel signed weights: probe cosine 0.985+ on news chunks, where per-tensor
        # weights (the default) drift to 0.90
        quantize_dynamic(str(src), str(dest), per_channel=True, weight_type=QuantType.QInt8)
    finally:
        root.setLevel(level)


def write_onnx_copy(
    embedder: SentenceTransformerEmbedder, dest: Path, precision: str, eager_attention: bool = True
) -> bool:
    """Export ``embedder`` to ONNX in ``precision`` and check it against the torch model on
    probe texts; the folder appears at ``dest`` only when the check passes."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}-", dir=dest.parent))
    try:
        if precision == "int8":
            embedder.export_onnx(tmp / "fp32.onnx", eager_attention)
            quantize(tmp / "fp32.onnx", tmp / "model.onnx")
            (tmp / "fp32.onnx").unlink()
        else:
            embedder.export_onnx(tmp / "model.onnx", eager_attention)
        (tmp / "tokenizer.json").write_text(embedder.tokenizer.to_str())
        copy = OnnxEmbedder(copy_spec(embedder.name, embedder.max_tokens, precision), tmp)
        want, got = embedder.encode(list(PROBES)), copy.encode(list(PROBES))
        agreement = float(np.min(np.sum(want * got, axis=1)))
        if agreement < MIN_COSINE[precision]:
            return False
        meta = {
            "model": embedder.name,
            "precision": precision,
            "max_tokens": embedder.max_tokens,
            "min_cosine_on_probes": agreement,
        }
        (tmp / "checked.json").write_text(json.dumps(meta))
        if checked_copy(embedder.name, dest, precision) is None:
            shutil.rmtree(dest, ignore_errors=True)
            try:
                tmp.rename(dest)
            except OSError:  # another process put its copy there first
                return checked_copy(embedder.name, dest, precision) is not None
        return True
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def export_query_model(embedder: Any, dest: Path) -> bool:
    """Write an fp32 ONNX copy of a torch sentence-transformers embedder into ``dest`` (an
    index folder's query model) if it has none. Returns True when a checked copy is in place."""
    if checked_copy(getattr(embedder, "name", ""), dest, "fp32") is not None:
        return True
    if not isinstance(embedder, SentenceTransformerEmbedder) or not embedder.plain_mean_pooling():
        return False
    try:
        return write_onnx_copy(embedder, dest, "fp32")
    except Exception:  # any exporter failure: questions keep using the torch model
        return False
