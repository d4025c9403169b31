"""A sentence-transformers model through torch (CPU), and its export to ONNX."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from rag.models.base import ModelSpec
from rag.models.runtime import TokenCounter, load_tokenizer


def quiet_transformers() -> None:
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


class SentenceTransformerEmbedder(TokenCounter):
    """A sentence-transformers model from a local folder (torch, CPU)."""

    def __init__(self, spec: ModelSpec, folder: Path, batch_size: int = 64) -> None:
        quiet_transformers()
        from sentence_transformers import SentenceTransformer

        self.name = spec.name
        self.precision = "fp32"
        self.model = SentenceTransformer(str(folder), device="cpu", local_files_only=True)
        get_dim = getattr(self.model, "get_embedding_dimension", None) or self.model.get_sentence_embedding_dimension
        self.dim = int(get_dim() or 384)
        self.max_tokens = int(self.model.max_seq_length or spec.max_tokens)
        self.batch_size = batch_size
        self.tokenizer = load_tokenizer(folder, self.max_tokens)

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
        numpy). ``eager_attention=False`` traces the model's own attention (``research.export``)."""
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
        # INT8, with the same vectors (``research.export``, docs/BENCH.md).
        attention = getattr(hf.config, "_attn_implementation", None)  # transformers' own field
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
