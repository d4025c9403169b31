"""How the ONNX export of the embedding model's attention affects the INT8 copy's speed.

Exports the torch sentence-transformers model twice, tracing its own attention (torch's
scaled_dot_product_attention) and eager attention, each as the INT8 copy is written and
checked (``write_onnx_copy``), and encodes the first ``--limit`` chunks of the index in
``RAG_HOME`` (as ``rag index`` embeds them: title and text, ``RAG_EMBED_BATCH`` per call)
with each in turn, ``--rounds`` times. Prints the median seconds, chunks/s and word pieces/s of each, and
each copy's cosine to the torch model on the first 200 chunks:

    RAG_HOME=<index> python -m eval.export --limit 1500 --rounds 3

``--static`` adds a third copy: the eager export quantised statically (onnxruntime's
``quantize_static``, QDQ, unsigned 8-bit activations with ranges calibrated on the 64
chunks after the timed ones, signed per-channel weights), against the dynamic quantisation
the INT8 copy uses.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from rag.catalog import Catalog
from rag.index import embed_text
from rag.models import OnnxEmbedder, SentenceTransformerEmbedder, _copy_spec, load_embedder, write_onnx_copy
from rag.settings import Settings


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=1500)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--static", action="store_true", help="also time a statically quantised copy")
    args = ap.parse_args()
    settings = Settings.load()
    catalog = Catalog(settings.home / "catalog.sqlite", migrate=False)
    texts = []
    for chunk in catalog.iter_chunks():
        texts.append(embed_text(chunk))
        if len(texts) >= args.limit + _CALIBRATION:
            break
    texts, calibration = texts[: args.limit], texts[args.limit :]
    model = load_embedder(settings.embed_model)
    if not isinstance(model, SentenceTransformerEmbedder):
        raise SystemExit(f"{settings.embed_model} is not a sentence-transformers model")
    reference = model.encode(texts[:200])
    pieces = sum(len(e.ids) for e in model._tok.encode_batch(texts))  # truncated as the model reads
    with tempfile.TemporaryDirectory() as tmp:
        copies = {}
        for label, eager in (("model's own attention (sdpa)", False), ("eager attention", True)):
            folder = Path(tmp) / str(eager)
            if not write_onnx_copy(model, folder, "int8", eager_attention=eager):
                raise SystemExit(f"the INT8 copy with {label} failed its check against the torch model")
            copy = OnnxEmbedder(_copy_spec(model.name, model.max_tokens, "int8"), folder, settings.embed_batch)
            copy.encode(texts[:32])  # session start-up outside the timing
            copies[label] = copy
        if args.static:
            label = "eager attention, static INT8"
            folder = Path(tmp) / "static"
            _static_copy(model, copies["eager attention"], calibration, folder)
            copies[label] = OnnxEmbedder(_copy_spec(model.name, model.max_tokens, "int8"), folder, settings.embed_batch)
            copies[label].encode(texts[:32])
        times: dict[str, list[float]] = {label: [] for label in copies}
        for _ in range(args.rounds):  # alternating, so drift of the machine hits both alike
            for label, copy in copies.items():
                t = time.perf_counter()
                copy.encode(texts)
                times[label].append(time.perf_counter() - t)
        print(f"{len(texts)} chunks, {pieces} word pieces, {args.rounds} rounds, batches of {settings.embed_batch}")
        print("| INT8 copy exported with | median s | chunks/s | word pieces/s | cosine to torch min / median |")
        print("|---|---|---|---|---|")
        for label, copy in copies.items():
            median = statistics.median(times[label])
            cos = np.sum(copy.encode(texts[:200]) * reference, axis=1)
            print(
                f"| {label} | {median:.1f} | {len(texts) / median:.1f} | {pieces / median:.0f} | "
                f"{cos.min():.4f} / {np.median(cos):.4f} |"
            )
        base, eager_s, *static = (statistics.median(v) for v in times.values())
        print(f"eager / own attention speed: {base / eager_s:.2f}x")
        if static:
            print(f"static / dynamic quantisation speed (both eager): {eager_s / static[0]:.2f}x")


_CALIBRATION = 64  # chunks after the timed ones; onnxruntime keeps every activation of each


def _static_copy(model: SentenceTransformerEmbedder, dynamic: OnnxEmbedder, texts: list[str], dest: Path) -> None:
    """The eager export quantised with activation ranges calibrated on ``texts``."""
    from onnxruntime.quantization import CalibrationDataReader, QuantFormat, QuantType, quantize_static

    class Batches(CalibrationDataReader):
        def __init__(self) -> None:
            self.feeds = iter(
                dynamic._feed(dynamic._tok.encode_batch(texts[i : i + 8])) for i in range(0, len(texts), 8)
            )

        def get_next(self) -> dict[str, np.ndarray] | None:
            return next(self.feeds, None)

    dest.mkdir()
    model.export_onnx(dest / "fp32.onnx", eager_attention=True)
    quantize_static(
        str(dest / "fp32.onnx"),
        str(dest / "model.onnx"),
        Batches(),
        quant_format=QuantFormat.QDQ,
        activation_type=QuantType.QUInt8,
        weight_type=QuantType.QInt8,
        per_channel=True,
        op_types_to_quantize=["MatMul", "Gemm"],
    )
    (dest / "fp32.onnx").unlink()
    (dest / "tokenizer.json").write_text(model._tok.to_str())


if __name__ == "__main__":
    main()
