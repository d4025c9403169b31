"""How the ONNX export and quantisation of the embedding model affect the INT8 copy's speed.

Exports the torch sentence-transformers model twice, tracing its own attention (torch's
scaled_dot_product_attention) and eager attention, each as the INT8 copy is written and
checked (``write_onnx_copy``), and encodes the first ``--limit`` chunks of the index in
``RAG_HOME`` (as ``rag index`` embeds them: title and text, ``RAG_EMBED_BATCH`` per call)
with each in turn, ``--rounds`` times. Prints the median seconds, chunks/s and word pieces/s of each, and
each copy's cosine to the torch model on the first 200 chunks:

    RAG_HOME=<index> python -m research.export --limit 1500 --rounds 3

``--static`` adds a third copy: the eager export quantised statically (onnxruntime's
``quantize_static``, QDQ, unsigned 8-bit activations with ranges calibrated on the 64
chunks after the timed ones, signed per-channel weights), against the dynamic quantisation
the INT8 copy uses. ``--openvino`` adds the eager export quantised by NNCF (OpenVINO's
quantiser, transformer preset, calibrated on 300 chunks after the timed ones) and run by
OpenVINO; both are optional: ``pip install openvino nncf``.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from rag.catalog import Catalog
from rag.models import OnnxEmbedder, SentenceTransformerEmbedder, copy_spec, load_embedder, write_onnx_copy
from rag.settings import Settings


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=1500)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--static", action="store_true", help="also time a statically quantised copy")
    ap.add_argument("--openvino", action="store_true", help="also time an NNCF-quantised copy run by OpenVINO")
    args = ap.parse_args()
    if args.openvino and not all(importlib.util.find_spec(m) for m in ("openvino", "nncf")):
        raise SystemExit("--openvino needs OpenVINO and NNCF: pip install openvino nncf")
    settings = Settings.load()
    catalog = Catalog(settings.home / "catalog.sqlite", migrate=False)
    texts = []
    for chunk in catalog.iter_chunks():
        texts.append(chunk.model_text)
        if len(texts) >= args.limit + _OPENVINO_CALIBRATION:
            break
    texts, calibration = texts[: args.limit], texts[args.limit :]
    model = load_embedder(settings.embed_model)
    if not isinstance(model, SentenceTransformerEmbedder):
        raise SystemExit(f"{settings.embed_model} is not a sentence-transformers model")
    reference = model.encode(texts[:200])
    pieces = sum(len(e.ids) for e in model.tokenizer.encode_batch(texts))  # truncated as the model reads
    with tempfile.TemporaryDirectory() as tmp:
        copies: dict[str, OnnxEmbedder | _OpenVinoCopy] = {}
        for label, eager in (("model's own attention (sdpa)", False), ("eager attention", True)):
            folder = Path(tmp) / str(eager)
            if not write_onnx_copy(model, folder, "int8", eager_attention=eager):
                raise SystemExit(f"the INT8 copy with {label} failed its check against the torch model")
            dynamic = OnnxEmbedder(copy_spec(model.name, model.max_tokens, "int8"), folder, settings.embed_batch)
            dynamic.encode(texts[:32])  # session start-up outside the timing
            copies[label] = dynamic  # the last, eager, one is the INT8 copy the variants below start from
        if args.static:
            label = "eager attention, static INT8"
            folder = Path(tmp) / "static"
            _static_copy(model, dynamic, calibration[:_CALIBRATION], folder)
            copies[label] = OnnxEmbedder(copy_spec(model.name, model.max_tokens, "int8"), folder, settings.embed_batch)
            copies[label].encode(texts[:32])
        if args.openvino:
            label = "eager attention, NNCF INT8 in OpenVINO"
            copies[label] = _OpenVinoCopy(model, dynamic, calibration, Path(tmp) / "openvino")
            copies[label].encode(texts[:32])
        times: dict[str, list[float]] = {label: [] for label in copies}
        for _ in range(args.rounds):  # alternating, so drift of the machine hits each alike
            for label, timed in copies.items():
                t = time.perf_counter()
                timed.encode(texts)
                times[label].append(time.perf_counter() - t)
        print(f"{len(texts)} chunks, {pieces} word pieces, {args.rounds} rounds, batches of {settings.embed_batch}")
        print("| INT8 copy exported with | median s | chunks/s | word pieces/s | cosine to torch min / median |")
        print("|---|---|---|---|---|")
        for label, timed in copies.items():
            median = statistics.median(times[label])
            cos = np.sum(timed.encode(texts[:200]) * reference, axis=1)
            print(
                f"| {label} | {median:.1f} | {len(texts) / median:.1f} | {pieces / median:.0f} | "
                f"{cos.min():.4f} / {np.median(cos):.4f} |"
            )
        medians = {label: statistics.median(v) for label, v in times.items()}
        eager_s = medians["eager attention"]
        print(f"eager / own attention speed: {medians[next(iter(medians))] / eager_s:.2f}x")
        for label in list(medians)[2:]:
            print(f"{label} / eager attention (dynamic INT8 in onnxruntime) speed: {eager_s / medians[label]:.2f}x")


_CALIBRATION = 64  # chunks after the timed ones; onnxruntime keeps every activation of each


def _calibration_feeds(dynamic: OnnxEmbedder, texts: list[str]) -> list[dict[str, np.ndarray]]:
    """``texts`` as model inputs, 8 per batch, tokenised and padded as ``dynamic`` feeds its session."""
    return [dynamic.feed(dynamic.tokenizer.encode_batch(texts[i : i + 8])) for i in range(0, len(texts), 8)]


def _static_copy(model: SentenceTransformerEmbedder, dynamic: OnnxEmbedder, texts: list[str], dest: Path) -> None:
    """The eager export quantised with activation ranges calibrated on ``texts``."""
    from onnxruntime.quantization import CalibrationDataReader, QuantFormat, QuantType, quantize_static

    class Batches(CalibrationDataReader):
        def __init__(self) -> None:
            self.feeds = iter(_calibration_feeds(dynamic, texts))

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
    (dest / "tokenizer.json").write_text(model.tokenizer.to_str())


_OPENVINO_CALIBRATION = 300  # NNCF's default subset size


class _OpenVinoCopy:
    """The eager export quantised by NNCF on ``calibration`` and compiled by OpenVINO for the
    CPU; tokenising, padding and pooling as in ``dynamic``."""

    def __init__(
        self, model: SentenceTransformerEmbedder, dynamic: OnnxEmbedder, calibration: list[str], folder: Path
    ) -> None:
        import nncf
        import openvino as ov

        folder.mkdir()
        model.export_onnx(folder / "fp32.onnx", eager_attention=True)
        feeds = _calibration_feeds(dynamic, calibration)
        core = ov.Core()
        quantised = nncf.quantize(
            core.read_model(str(folder / "fp32.onnx")),
            nncf.Dataset(feeds),
            subset_size=len(feeds),
            model_type=nncf.ModelType.TRANSFORMER,
        )
        self._compiled = core.compile_model(quantised, "CPU")
        self._request = self._compiled.create_infer_request()
        self.dynamic = dynamic

    def run(self, _outputs: None, feed: dict[str, np.ndarray]) -> list[np.ndarray]:
        """onnxruntime's ``InferenceSession.run``, as ``OnnxEmbedder`` calls it."""
        return [self._request.infer(feed)[self._compiled.outputs[0]]]

    def encode(self, texts: list[str]) -> np.ndarray:
        return self.dynamic.encode_in(texts, self)


if __name__ == "__main__":
    main()
