"""What one edit costs on an existing index (`rag bench --edit-home HOME`): a copy of HOME
gets an article, another, the first edited, then the second removed, each indexed as
`rag index FOLDER` would (timed whole and its BM25 step); beside them, a full BM25 build
of that index, which is what every change cost before the delta segment."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

STEPS = (("add one article", "a", 1), ("add another", "b", 2), ("edit one", "a", 3), ("remove one", "b", 0))


def edit_cost(home: Path) -> dict[str, Any]:
    from rag.lexical import build
    from rag.pipeline import Pipeline
    from rag.settings import Settings

    with tempfile.TemporaryDirectory(prefix="rag-edit-") as tmp:
        work = Path(tmp)
        shutil.copytree(home, work / "home", ignore=shutil.ignore_patterns("index.lock"))
        pipe = Pipeline(Settings.load(home=work / "home"))
        (inbox := work / "inbox").mkdir()
        steps = []
        for step, name, n in STEPS:
            file = inbox / f"{name}.txt"
            file.write_text(f"Harbour ferry {n}\n\nThe Marlow ferry runs again, edition {n}.\n") if n else file.unlink()
            t = time.perf_counter()
            report = pipe.index([inbox])
            steps.append((step, time.perf_counter() - t, report.timings.get("bm25", 0.0), report.bm25))
        t = time.perf_counter()
        build(pipe.catalog, work / "full-bm25")
        status = pipe.status()
        about = {"home": str(home), "articles": status.articles, "chunks": status.chunks}
        return {**about, "steps": steps, "full_bm25_build_s": time.perf_counter() - t}


def edit_markdown(r: dict[str, Any]) -> str:
    head = f"One edit on {r['home']} ({r['articles']} articles, {r['chunks']} chunks):\n\n"
    rows = "".join(f"| {step} | {s:.2f} | {b:.2f} | {kind} |\n" for step, s, b, kind in r["steps"])
    table = "| step | seconds (whole `rag index` run) | BM25 step s | BM25 update |\n|---|---|---|---|\n" + rows
    return head + table + f"\n- a full BM25 build of the same index: {r['full_bm25_build_s']:.1f} s\n"
