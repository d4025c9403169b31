"""`rag bench`: indexing throughput against the bare model and the llama-index quickstart,
peak memory, warm query latency and cold start, measured in one run.

Each indexing stage runs in its own process (so peak RSS is its own), on the same
articles, with the same embedding model:

- ours: ``rag index`` into a fresh home (read, chunk, embed, Chroma, BM25, catalog);
- bare model: only ``encode`` over exactly the chunk texts ours embedded, in the precision
  ours runs (the limit), and in torch fp32 as the model ships;
- llama-index quickstart: ``VectorStoreIndex.from_documents`` into a Chroma collection, with
  the model as a llama-index user runs it (sentence-transformers, torch fp32).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from eval import coverage, need
from eval.metrics import percentile
from rag.corpus import Skipped, iter_corpus

REPO = Path(__file__).resolve().parents[1]
QUESTIONS = [
    "Who attends the 2+2?",
    "Where will the talks take place?",
    "Which newspaper reported it?",
    "What is Japan improving?",
    "What is the population of Brazil?",
]


def measure(cmd: list[str], env: dict[str, str]) -> dict[str, Any]:
    """Run ``cmd``; wall time, peak RSS (MB, sampled every 0.1 s) and its stdout."""
    import psutil

    t = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    ps = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        with contextlib.suppress(psutil.Error):
            peak = max(peak, ps.memory_info().rss)
        time.sleep(0.1)
    out, err = proc.communicate()
    if proc.returncode not in (0, 3):
        raise RuntimeError(f"{' '.join(cmd[:4])} failed: {err.strip()[-500:]}")
    return {"seconds": time.perf_counter() - t, "peak_rss_mb": peak / 2**20, "stdout": out}


def write_subset(corpus: Path, limit: int | None, dest: Path) -> int:
    fields = ("id", "title", "text", "source", "published", "url")
    n = 0
    with dest.open("w", encoding="utf-8") as fh:
        for item in iter_corpus([corpus]):
            if isinstance(item, Skipped):
                continue
            fh.write(json.dumps({f: getattr(item, f) for f in fields}) + "\n")
            n += 1
            if limit and n >= limit:
                break
    return n


_BARE = """
import json, sqlite3, sys, time
from pathlib import Path
from rag.models import load_embedder
from rag.records import model_text
db = sqlite3.connect(sys.argv[1])
rows = db.execute(
    "SELECT a.title, c.text FROM chunks c JOIN articles a ON a.id = c.article_id ORDER BY c.article_id, c.position"
).fetchall()
texts = [model_text(t, x) for t, x in rows]
model = load_embedder(sys.argv[2], sys.argv[3], Path(sys.argv[4]))
model.encode(texts[:8])
t = time.perf_counter()
for lo in range(0, len(texts), 512):
    model.encode(texts[lo:lo + 512])
print(json.dumps({"encode_seconds": time.perf_counter() - t, "chunks": len(texts),
                  "tokens": sum(model.count_tokens(x) for x in texts)}))
"""

_LLAMA = """
import json, sys, time
from rag.models import load_embedder
from eval.systems import as_llama_embedding
import chromadb
from chromadb.config import Settings as CS
from llama_index.core import Document, StorageContext, VectorStoreIndex
from llama_index.vector_stores.chroma import ChromaVectorStore
docs = [Document(text=r["text"], metadata={"title": r["title"]}) for r in map(json.loads, open(sys.argv[1]))]
embed = as_llama_embedding(load_embedder(sys.argv[2]))
size, overlap = int(sys.argv[4]), int(sys.argv[5])
extra = {}
if size:  # the same chunk sizes as ours (llama-index counts them in tiktoken tokens)
    from llama_index.core.node_parser import SentenceSplitter
    extra["transformations"] = [SentenceSplitter(chunk_size=size, chunk_overlap=overlap)]
client = chromadb.PersistentClient(path=sys.argv[3], settings=CS(anonymized_telemetry=False))
store = ChromaVectorStore(chroma_collection=client.get_or_create_collection("quickstart"))
from llama_index.core.node_parser.text.utils import split_by_sentence_tokenizer
split_by_sentence_tokenizer()("Loaded. Now.")  # nltk's sentence model, before the clock as in ours
t = time.perf_counter()
storage = StorageContext.from_defaults(vector_store=store)
index = VectorStoreIndex.from_documents(docs, storage_context=storage, embed_model=embed, **extra)
seconds = time.perf_counter() - t
from llama_index.core import Settings
from eval import coverage
parser = extra["transformations"][0] if size else Settings.node_parser  # what from_documents ran
from llama_index.core.schema import MetadataMode
nodes = parser.get_nodes_from_documents(docs)
read = coverage.llama_index(docs, nodes, sys.argv[2])
tokens = coverage.read_tokens([n.get_content(metadata_mode=MetadataMode.EMBED) for n in nodes], sys.argv[2])
print(json.dumps({"seconds": seconds, "nodes": client.get_collection("quickstart").count(), "coverage": read,
                  "tokens": tokens}))
"""


def run_bench(
    corpus: Path,
    limit: int | None,
    out: Path | None,
    skip_llama: bool = False,
    latency_homes: tuple[Path, ...] = (),
    questions_file: Path | None = None,
) -> dict[str, Any]:
    from rag.settings import Settings

    need("psutil", "matplotlib", *(() if skip_llama else ("llama_index.vector_stores.chroma",)), what="rag bench")
    settings = Settings.load()
    # read before the long indexing runs, so a bad file fails at once
    asked = (questions_file.name, latency_questions(questions_file)) if questions_file is not None else None
    work = Path(tempfile.mkdtemp(prefix="rag-bench-"))
    env = {**os.environ, "RAG_HOME": str(work / "home"), "HF_HUB_OFFLINE": "1"}
    subset = work / "articles.jsonl"
    n_articles = write_subset(corpus, limit, subset)
    py = sys.executable
    result: dict[str, Any] = {
        "corpus": str(corpus),
        "articles": n_articles,
        "embed_model": settings.embed_model,
        "machine": f"{os.cpu_count()} cores",
        "date": time.strftime("%Y-%m-%d"),
    }
    ours = measure([py, "-m", "rag.cli", "index", str(subset), "--json", "--quiet"], env)
    report = json.loads(ours["stdout"])
    # throughput counts the work after start-up (imports, model load, nltk's sentence model),
    # for every system alike; `rag index` reports its own start-up
    work_s = report["seconds"] - report["timings_s"].get("startup", 0.0)
    result["ours"] = _row(ours, work_s, chunks=report["chunks"], timings_s=report["timings_s"])
    result["embed_precision"] = settings.embed_precision
    bare_rows = {"bare_model": settings.embed_precision}
    if settings.embed_precision != "fp32":
        bare_rows["bare_model_fp32"] = "fp32"
    catalog = str(work / "home" / "catalog.sqlite")
    for key, precision in bare_rows.items():
        bare = measure([py, "-c", _BARE, catalog, settings.embed_model, precision, str(settings.model_cache)], env)
        b = _last_json(bare)
        result[key] = _row(bare, b["encode_seconds"], chunks=b["chunks"], tokens=b["tokens"])
    chunks, tokens = result["bare_model"]["chunks"], result["bare_model"]["tokens"]  # the same texts in every row
    for key in ("ours", *bare_rows):
        r = result[key]
        r["articles_per_s"] = n_articles / r["seconds"]
        r["chunks_per_s"] = chunks / r["seconds"]
        r["tokens_per_s"] = tokens / r["seconds"]
    result["ours"]["coverage"] = coverage.ours(work / "home" / "catalog.sqlite", settings.embed_model)
    result["ours"]["searchable_articles_per_s"] = result["ours"]["articles_per_s"] * result["ours"]["coverage"]
    result["ratio_ours_over_bare"] = result["ours"]["chunks_per_s"] / result["bare_model"]["chunks_per_s"]
    if not skip_llama:
        variants = {"llama_index": (0, 0), "llama_index_same_chunks": (settings.chunk_size, settings.chunk_overlap)}
        for key, (size, overlap) in variants.items():
            folder = str(work / f"{key}-chroma")
            llama = measure([py, "-c", _LLAMA, str(subset), settings.embed_model, folder, str(size), str(overlap)], env)
            li = _last_json(llama)
            result[key] = _row(
                llama,
                li["seconds"],
                nodes=li["nodes"],
                articles_per_s=n_articles / li["seconds"],
                tokens_per_s=li["tokens"] / li["seconds"],  # word pieces the model read
                coverage=li["coverage"],
                searchable_articles_per_s=n_articles * li["coverage"] / li["seconds"],
            )
            result[f"ratio_ours_over_{key}"] = result["ours"]["articles_per_s"] / result[key]["articles_per_s"]
            result[f"ratio_ours_over_{key}_tokens"] = result["ours"]["tokens_per_s"] / result[key]["tokens_per_s"]
            result[f"ratio_ours_over_{key}_searchable"] = (
                result["ours"]["searchable_articles_per_s"] / result[key]["searchable_articles_per_s"]
            )
    result["queries"] = [query_latency(work / "home", env)]
    for h in latency_homes:
        result["queries"].append(query_latency(Path(h), {**env, "RAG_HOME": str(h)}))
        if asked is not None:
            label, questions = asked
            result["queries"].append(query_latency(Path(h), {**env, "RAG_HOME": str(h)}, questions, label))
    result["cold_ask_seconds"] = result["queries"][0]["cold_ask_s"]
    result["search_ms"] = result["queries"][0]["search_ms"]
    result["ask_ms"] = result["queries"][0]["ask_ms"]
    result["cold_serve_seconds"] = cold_serve(env)
    shutil.rmtree(work, ignore_errors=True)
    if out:
        write(result, out)
    return result


def _row(measured: dict[str, Any], seconds: float, **fields: Any) -> dict[str, Any]:
    """One indexing row: work seconds after start-up, the whole process's seconds and peak RSS."""
    return {
        "seconds": seconds,
        "process_seconds": measured["seconds"],
        "peak_rss_mb": measured["peak_rss_mb"],
        **fields,
    }


def _last_json(measured: dict[str, Any]) -> Any:
    """The JSON object a measured script printed last (libraries may print before it)."""
    return json.loads(measured["stdout"].strip().splitlines()[-1])


def latency_questions(path: Path, n: int = 20) -> list[str]:
    """``n`` questions spread evenly over a question file (RealTime QA's or ours: only the
    "question" field is read, which both formats share)."""
    from rag.questions import load

    found = [q.question for q in load(path)]
    step = max(1, len(found) // n)
    return found[::step][:n]


def query_latency(
    home: Path, env: dict[str, str], questions: list[str] | None = None, label: str = "seed", rounds: int = 3
) -> dict[str, Any]:
    """Warm search and ask latency in this process, then cold `rag ask` in fresh ones."""
    from rag.pipeline import Pipeline
    from rag.settings import Settings

    questions = questions or QUESTIONS
    pipe = Pipeline(Settings.load(home=home))
    articles, chunks = pipe.catalog.counts()
    pipe.ask(QUESTIONS[0])
    search_ms, ask_ms = [], []
    for _ in range(rounds):
        for q in questions:
            t = time.perf_counter()
            pipe.search(q, k=5)
            search_ms.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            pipe.ask(q)
            ask_ms.append((time.perf_counter() - t) * 1000)
    cold = [measure([sys.executable, "-m", "rag.cli", "ask", QUESTIONS[0]], env)["seconds"] for _ in range(3)]
    return {
        "home": str(home),
        "questions": f"{label} ({len(questions)})",
        "articles": articles,
        "chunks": chunks,
        "search_ms": {"p50": statistics.median(search_ms), "p95": percentile(search_ms, 95)},
        "ask_ms": {"p50": statistics.median(ask_ms), "p95": percentile(ask_ms, 95)},
        "cold_ask_s": statistics.median(cold),
    }


def cold_serve(env: dict[str, str]) -> float:
    """Seconds from starting `rag serve` until its page answers."""
    import socket
    import urllib.request

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    t = time.perf_counter()
    cmd = [sys.executable, "-m", "rag.cli", "serve", "--port", str(port)]
    proc = subprocess.Popen(cmd, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while time.perf_counter() - t < 300:
            with contextlib.suppress(OSError), urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as resp:
                if resp.status == 200:
                    return time.perf_counter() - t
            if proc.poll() is not None:
                raise RuntimeError("rag serve exited before its page answered")
            time.sleep(0.1)
        raise RuntimeError("rag serve did not answer within 300 s")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def markdown(r: dict[str, Any]) -> str:
    precision = r.get("embed_precision", "fp32")
    rows = [("ours (rag index)", r["ours"]), (f"bare model encode ({precision})", r["bare_model"])]
    if "bare_model_fp32" in r:
        rows.append(("bare model encode (torch fp32)", r["bare_model_fp32"]))
    if "llama_index" in r:
        rows.append(("llama-index quickstart", r["llama_index"]))
    if "llama_index_same_chunks" in r:
        rows.append(("llama-index, our chunk sizes", r["llama_index_same_chunks"]))
    lines = [
        f"Corpus: {r['corpus']} ({r['articles']} articles), model {r['embed_model']}, {r['machine']}, {r['date']}",
        "",
        "| indexing | seconds (after start-up) | process seconds | articles/s | chunks/s | tokens/s "
        "| peak RSS MB | nodes | text read by the model | searchable articles/s |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, v in rows:
        chunk_rate = f"{v['chunks_per_s']:.1f}" if "chunks_per_s" in v else "–"
        per_chunk = f"{chunk_rate} | {v['tokens_per_s']:.0f}" if "tokens_per_s" in v else "– | –"
        read = f"{v['coverage']:.1%} | {v['searchable_articles_per_s']:.2f}" if "coverage" in v else "– | –"
        lines.append(
            f"| {name} | {v['seconds']:.1f} | {v['process_seconds']:.1f} | {v['articles_per_s']:.2f} | "
            f"{per_chunk} | {v['peak_rss_mb']:.0f} | {v.get('nodes', v.get('chunks', ''))} | {read} |"
        )
    lines += ["", f"- ours / bare model throughput: **{r['ratio_ours_over_bare']:.2f}**"]
    if "ratio_ours_over_llama_index" in r:
        ours, theirs = r["ours"]["coverage"], r["llama_index"]["coverage"]
        ratio = r["ratio_ours_over_llama_index"]
        lines.append(
            f"- ours / llama-index quickstart throughput, articles per second: **{ratio:.2f}** "
            f"(its model reads {theirs:.1%} of the article text, ours {ours:.1%})"
        )
    for key, what in (
        ("tokens", "llama-index quickstart, word pieces the model read per second"),
        ("searchable", "llama-index quickstart, article text made searchable per second"),
        ("same_chunks", "llama-index with our chunk sizes"),
    ):
        if f"ratio_ours_over_llama_index_{key}" in r:
            lines.append(f"- ours / {what}: **{r[f'ratio_ours_over_llama_index_{key}']:.2f}**")
    lines += [
        f"- cold `rag serve` until its page answers: {r['cold_serve_seconds']:.1f} s",
        "",
        "| index | questions | articles | chunks | search p50 ms | search p95 ms | ask p50 ms | ask p95 ms "
        "| cold `rag ask` s |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for q in r["queries"]:
        lines.append(
            f"| {q['home']} | {q.get('questions', 'seed')} | {q['articles']} | {q['chunks']} | "
            f"{q['search_ms']['p50']:.0f} | {q['search_ms']['p95']:.0f} | "
            f"{q['ask_ms']['p50']:.0f} | {q['ask_ms']['p95']:.0f} | {q['cold_ask_s']:.1f} |"
        )
    return "\n".join(lines) + "\n"


_COLORS = {
    "ours": "#2563eb",
    "bare_model": "#9ca3af",
    "bare_model_fp32": "#d1d5db",
    "llama_index": "#f59e0b",
    "llama_index_same_chunks": "#fbbf24",
}


def write(result: dict[str, Any], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "bench.json").write_text(json.dumps(result, indent=2))
    (out / "bench.md").write_text(markdown(result))
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    optional = ("bare_model_fp32", "llama_index", "llama_index_same_chunks")
    names = ["ours", "bare_model"] + [k for k in optional if k in result]
    fig, ax = plt.subplots(figsize=(6, 3.5))
    ax.bar(
        names,
        [result[n]["articles_per_s"] for n in names],
        color=[_COLORS[n] for n in names],
    )
    ax.set_ylabel("articles / s")
    ax.set_title(f"Indexing {result['articles']} articles")
    fig.tight_layout()
    fig.savefig(out / "bench.png", dpi=110)
    plt.close(fig)
