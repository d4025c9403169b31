"""Shared fixtures: a temp index home per test, the deterministic test models, small corpora."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from rag import Answer, Pipeline, Settings
from tests.fakes import EMBEDDER, RERANKER

os.environ.setdefault("HF_HUB_OFFLINE", "1")

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
SHARED = REPO.parent / "shared"
RTQA = SHARED / "data" / "realtimeqa_news"


def fake_settings(home: Path, **kw: object) -> Settings:
    """Settings that use the hashing embedder and overlap reranker (no model files)."""
    values: dict[str, object] = {"chunk_size": 24, "chunk_overlap": 4, **kw}
    return Settings.load(env={}, home=home, embed_model=EMBEDDER, rerank_model=RERANKER, **values)


TEST_MODELS = {
    "RAG_EMBED_MODEL": EMBEDDER,
    "RAG_RERANK_MODEL": RERANKER,
    "RAG_CHUNK_SIZE": "24",
    "RAG_CHUNK_OVERLAP": "4",
}


def indexed_one(tmp_path: Path, settings: Settings, text: str) -> Pipeline:
    """A pipeline over one article, ``text`` (its first line the title)."""
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "article.txt").write_text(text)
    pipe = Pipeline(settings)
    pipe.index([folder])
    return pipe


def asked_over_one_file(tmp_path: Path, write: Callable[[Path], object], question: str) -> tuple[Pipeline, Answer]:
    """A pipeline with the test models and 200-token chunks over the one file ``write`` puts in
    an empty folder, and its answer to ``question``."""
    folder = tmp_path / "c"
    folder.mkdir()
    write(folder)
    pipe = Pipeline(fake_settings(tmp_path / "h", abstain_threshold=0.2, chunk_size=200, chunk_overlap=20))
    assert pipe.index([folder]).articles == 1
    return pipe, pipe.ask(question)


def indexed_records(factory: pytest.TempPathFactory, rows: list[dict[str, str]], **values: object) -> Pipeline:
    """A pipeline with the test models (``fake_settings(home, **values)``) over ``rows``, JSON
    records ({"id", "published", "title", "text", ...}) in one file."""
    folder = factory.mktemp("corpus")
    (folder / "articles.json").write_text(json.dumps(rows))
    pipe = Pipeline(fake_settings(factory.mktemp("home"), **values))
    pipe.index([folder])
    return pipe


def rag_env(home: Path, test_models: bool = True, **env: str) -> dict[str, str]:
    """Environment for a ``rag`` process on ``home``: the deterministic test models unless
    ``test_models`` is False; ``env`` adds RAG_* settings (``batch_chunks="1"`` ->
    ``RAG_BATCH_CHUNKS=1``)."""
    full = {
        **os.environ,
        "RAG_HOME": str(home),
        "HF_HUB_OFFLINE": "1",
        "PYTHONPATH": str(REPO),
        **(TEST_MODELS if test_models else {}),
    }
    return {**full, **{f"RAG_{k.upper()}": v for k, v in env.items()}}


def run_rag(
    home: Path, *args: str, timeout: float = 300, test_models: bool = True, crash_after: str = "", **env: str
) -> subprocess.CompletedProcess:
    """``rag ARGS`` in a fresh process (see ``rag_env``); ``crash_after="chroma@2"`` kills it at
    that checkpoint of an index run (``tests/crashing.py``)."""
    cmd = [sys.executable, "-m", *(("tests.crashing", crash_after) if crash_after else ("rag.cli",)), *args]
    return subprocess.run(
        cmd, env=rag_env(home, test_models, **env), capture_output=True, text=True, cwd=REPO, timeout=timeout
    )


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def indexed_pipeline(tmp_path_factory: pytest.TempPathFactory):
    """Factory: ``indexed_pipeline(paths, **settings)`` is a Pipeline on a fresh index home,
    with the real packaged models unless ``settings`` names others, after indexing ``paths``."""

    def make(paths: list[Path], **values: object) -> Pipeline:
        pipe = Pipeline(Settings.load(env={}, home=tmp_path_factory.mktemp("index"), **values))
        pipe.index(paths)
        return pipe

    return make


@pytest.fixture(scope="session")
def seed_pipeline(indexed_pipeline) -> Pipeline:
    """The seed article indexed with the default settings and real models, once per test run."""
    return indexed_pipeline([SEEDS])


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def settings(home: Path) -> Settings:
    return fake_settings(home)


ARTICLES = {
    "storm.txt": "Storm hits coastal town\n\nA powerful storm struck the coastal town of Marlow on Tuesday. "
    "Winds reached 120 km/h and thousands lost power.\n\nThe mayor, Jane Ortiz, declared an emergency.",
    "budget.txt": "City council passes budget\n\nThe council approved a budget of 4 million dollars for "
    "new schools. The vote was seven to two.\n\nCouncillor Amir Patel opposed the plan.",
    "football.md": "# Rovers win the cup\n\nThe Rovers beat United 3-1 in the final at Wembley. "
    "Striker Lena Berg scored twice in the second half.",
}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text)
    return folder


def write_pdf(path: Path, pages: list[list[str]], title: str = "", gap: float = 0, leading: float = 14) -> Path:
    """A real PDF with a text layer: each page's lines drawn in 12-point Helvetica, one per
    line, ``leading`` points apart; with a ``gap``, an empty line is that many points of
    space instead."""
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, StreamObject

    writer = PdfWriter()
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    for lines in pages:
        page = writer.add_blank_page(612, 792)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
        escaped = [line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in lines]
        drawn = [f"0 {-gap:g} Td" if gap and not line else f"({line}) Tj T*" for line in escaped]
        stream = StreamObject()
        stream.set_data("\n".join([f"BT /F1 12 Tf 72 720 Td {leading:g} TL", *drawn, "ET"]).encode())
        page.replace_contents(stream)
    if title:
        writer.add_metadata({"/Title": title})
    with path.open("wb") as fh:
        writer.write(fh)
    return path


# three articles with and without a masthead (tests/test_bylines.py, tests/test_summaries.py)
HARBOUR = (
    "Marlow harbour reopens after storm\n\n"
    "By Alice Carter and Tom Reed, Coast News\n"
    "Friday 7 March 2025, 10:42 GMT\n\n"
    "The harbour in Marlow reopened on Friday after a storm that had closed it for three weeks, "
    "the port authority said.\n\n"
    "Harbour master Jane Ortiz said the new sea wall would hold. The repairs cost £2.4 million.\n"
)
BRIDGE = (
    "New bridge opens in Dunmore\n\n"
    "By Priya Nair, Valley Herald\n"
    "12 March 2025\n\n"
    "The new bridge over the river Dunmore opened on Wednesday, ending a detour of twelve miles "
    "for commuters.\n\n"
    "Mayor Tom Whitlock cut the ribbon in front of about two hundred residents.\n"
)
FERRY = (
    "Ferry timetable changes in Ashford\n\n"
    "The ferry from Ashford will sail every hour from April, the operator said on Monday.\n\n"
    "Passengers asked for the change after the winter timetable cut the evening sailings.\n"
)


def three_articles_asked(tmp_path: Path) -> Callable[[str], dict[str, Any]]:
    """The three articles above indexed with the real models, and a function that asks a
    question of them with ``rag ask --json`` on 14 March 2025 and gives the answer's JSON."""
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in (("harbour.txt", HARBOUR), ("bridge.txt", BRIDGE), ("ferry.txt", FERRY)):
        (folder / name).write_text(text)
    home = tmp_path / "home"
    assert run_rag(home, "index", str(folder), "--quiet", test_models=False).returncode == 0

    def ask(question: str) -> dict[str, Any]:
        run = run_rag(home, "ask", question, "--as-of", "2025-03-14", "--json", test_models=False)
        assert run.returncode == 0, run.stderr[-2000:]
        return dict(json.loads(run.stdout))

    return ask
