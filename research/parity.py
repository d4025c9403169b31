"""Embedded against server mode, with an exact search beside both: what ``rag check-server``
compares (``rag.servercheck``) plus, with ``--exact``, each side's Chroma top-k against a
numpy search over every stored vector, to tell how far approximate (HNSW) search explains
the differences (docs/BENCH.md, "Chroma server on the full corpus").

    python -m research.parity --home /tmp/full-int8 --server-home /tmp/full-srv \\
        --chroma-url http://127.0.0.1:8765 --questions eval/questions/seed.jsonl --exact

Both indexes must be built with the same settings (model, precision, chunking). Exit status
1 when any question's top-k ids differ.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from tqdm import tqdm

from rag import Pipeline, Settings
from rag.questions import load
from rag.retrieve import clean_question
from rag.servercheck import compare


def exact_agreement(embedded: Pipeline, server: Pipeline, questions: list[str], k: int) -> dict[str, int]:
    """Chroma's own top-k on each side against an exact search (numpy, every stored vector),
    for the same question vectors: how far approximate (HNSW) search explains differences."""
    store_a, store_b = embedded.vector_store(), server.vector_store()
    pages = list(store_a.iter_vectors())
    ids = [cid for page_ids, _ in pages for cid in page_ids]
    matrix = np.concatenate([vectors for _, vectors in pages])
    matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)
    out = {"questions": len(questions), "embedded_exact": 0, "server_exact": 0, "embedded_server": 0}
    for q in tqdm(questions, desc="exact", file=sys.stderr, leave=False):
        vector = embedded.query_embedder.encode_query(clean_question(q))
        exact = [ids[i] for i in np.argsort(-(matrix @ vector), kind="stable")[:k]]
        a = [cid for cid, _ in store_a.query(vector, k)]
        b = [cid for cid, _ in store_b.query(vector, k)]
        out["embedded_exact"] += a == exact
        out["server_exact"] += b == exact
        out["embedded_server"] += a == b
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--home", type=Path, required=True, help="index with embedded Chroma")
    ap.add_argument("--server-home", type=Path, required=True, help="index whose vectors live in the server")
    ap.add_argument("--chroma-url", required=True)
    ap.add_argument("--questions", action="append", required=True, help="a question file (repeatable)")
    ap.add_argument("--format", choices=["native", "realtimeqa"], action="append")
    ap.add_argument("--subset", choices=["all", "clean"], default="all")
    ap.add_argument("--limit", type=int, default=0, help="only the first N questions of each file")
    ap.add_argument("-k", type=int, default=10)
    ap.add_argument("--modes", default="dense,rerank", help="pipeline modes to compare (dense, rerank)")
    ap.add_argument("--exact", action="store_true", help="also compare each side's Chroma top-k with an exact search")
    args = ap.parse_args()
    formats = args.format or ["native"]
    formats += [formats[-1]] * (len(args.questions) - len(formats))  # the last --format holds for the rest
    embedded = Pipeline(Settings.load(home=args.home, chroma_url=""))
    server = Pipeline(Settings.load(home=args.server_home, chroma_url=args.chroma_url))
    report: dict[str, object] = {"k": args.k, "files": {}}
    ok = True
    for path, fmt in zip(args.questions, formats, strict=False):
        questions = [q.question for q in load(Path(path), fmt, args.subset if fmt == "realtimeqa" else "all")]
        questions = questions[: args.limit] if args.limit > 0 else questions
        modes = tuple(args.modes.split(","))
        agreement = compare(embedded, server, questions, args.k, modes, progress=True)  # type: ignore[arg-type]
        result: dict[str, object] = {label: vars(a) for label, a in agreement.items()}
        ok &= all(a.same for a in agreement.values())
        if args.exact:
            result["chroma_vs_exact"] = exact_agreement(embedded, server, questions, args.k)
        report["files"][path] = result  # type: ignore[index]
    print(json.dumps(report, indent=2))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
