"""All configuration in one frozen object; the only module that reads environment variables.

Precedence: explicit argument (CLI flag) > ``RAG_*`` environment variable > default.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, get_args

from rag.errors import ConfigError
from rag.records import AnswererName, Precision

DEFAULT_EMBED_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
DEFAULT_RERANK_MODEL = "cross-encoder/ms-marco-MiniLM-L-12-v2"
DEFAULT_MODEL_CACHE = Path.home() / ".cache" / "rag-news"
CHROMA_TOKEN_HEADERS = ("Authorization", "X-Chroma-Token")  # what chromadb's token provider can send

# setting name -> environment variable
_ENV = {
    "home": "RAG_HOME",
    "embed_model": "RAG_EMBED_MODEL",
    "embed_precision": "RAG_EMBED_PRECISION",
    "model_cache": "RAG_MODEL_CACHE",
    "rerank_model": "RAG_RERANK_MODEL",
    "chunk_size": "RAG_CHUNK_SIZE",
    "chunk_overlap": "RAG_CHUNK_OVERLAP",
    "chroma_url": "RAG_CHROMA_URL",
    "collection": "RAG_COLLECTION",
    "chroma_token": "RAG_CHROMA_TOKEN",
    "chroma_token_header": "RAG_CHROMA_TOKEN_HEADER",
    "chroma_tenant": "RAG_CHROMA_TENANT",
    "chroma_database": "RAG_CHROMA_DATABASE",
    "embed_batch": "RAG_EMBED_BATCH",
    "rerank_depth": "RAG_RERANK_DEPTH",
    "rerank_probe": "RAG_RERANK_PROBE",
    "rerank_confident": "RAG_RERANK_CONFIDENT",
    "rerank_floor": "RAG_RERANK_FLOOR",
    "llm_url": "RAG_LLM_URL",
    "llm_model": "RAG_LLM_MODEL",
    "llm_api_key": "RAG_LLM_API_KEY",
    "llm_gguf": "RAG_LLM_GGUF",
    "answerer": "RAG_ANSWERER",
    "ui_auth": "RAG_UI_AUTH",
    "batch_chunks": "RAG_BATCH_CHUNKS",
    "abstain_threshold": "RAG_ABSTAIN_THRESHOLD",
    "abstain_outside": "RAG_ABSTAIN_OUTSIDE",
    "abstain_old": "RAG_ABSTAIN_OLD",
    "period_margin": "RAG_PERIOD_MARGIN",
    "ner_model": "RAG_NER_MODEL",
    "llm_timeout": "RAG_LLM_TIMEOUT",
    "time_aware": "RAG_TIME_AWARE",
    "time_floor": "RAG_TIME_FLOOR",
    "time_steps": "RAG_TIME_STEPS",
    "time_depth": "RAG_TIME_DEPTH",
    "recent_days": "RAG_RECENT_DAYS",
    "upcoming_days": "RAG_UPCOMING_DAYS",
    "latest_days": "RAG_LATEST_DAYS",
    "latest_steps": "RAG_LATEST_STEPS",
    "latest_floor": "RAG_LATEST_FLOOR",
    "latest_depth": "RAG_LATEST_DEPTH",
    "feed_delay": "RAG_FEED_DELAY",
    "feed_timeout": "RAG_FEED_TIMEOUT",
}


@dataclass(frozen=True)
class Settings:
    """Where the index lives, which models run, how text is cut and searched."""

    home: Path = Path(".rag")
    embed_model: str = DEFAULT_EMBED_MODEL
    # int8: a sentence-transformers model runs as a checked INT8 ONNX copy (docs/BENCH.md:
    # 1.9x faster indexing, same retrieval quality in docs/EVAL.md); fp32: torch as shipped
    embed_precision: Precision = "int8"
    model_cache: Path = DEFAULT_MODEL_CACHE  # converted model copies, shared by indexes
    rerank_model: str = DEFAULT_RERANK_MODEL
    chunk_size: int = 200  # in the embedding model's word pieces (MiniLM reads up to 256)
    chunk_overlap: int = 40
    chroma_url: str = ""  # empty: embedded PersistentClient under home; else http://host:port
    collection: str = "chunks"
    # a Chroma server that wants a token: sent by chromadb's own token auth provider, as
    # "Authorization: Bearer TOKEN" or as "X-Chroma-Token: TOKEN" (Chroma Cloud's header)
    chroma_token: str = field(default="", repr=False)
    chroma_token_header: str = "Authorization"
    chroma_tenant: str = "default_tenant"  # Chroma's own defaults
    chroma_database: str = "default_database"
    # passages per embedding call: 16 encodes as fast as 32 or 64 on CPU, and ONNX Runtime's
    # peak memory grows with the batch (524 MB against 996 at 32 on 1,024 corpus chunks)
    embed_batch: int = 16
    rerank_depth: int = 30
    # the cross-encoder scores the first `rerank_probe` fused candidates (0: all `rerank_depth`
    # at once) and goes deeper only if none scores `rerank_confident` or more (docs/EVAL.md)
    rerank_probe: int = 2
    rerank_confident: float = 5.0
    # ... and stops too when every probed candidate scores below `rerank_floor` (-inf: never)
    rerank_floor: float = -3.0
    llm_url: str = ""
    llm_model: str = ""
    llm_api_key: str = field(default="", repr=False)
    llm_gguf: str = ""
    answerer: AnswererName = "extractive"
    ui_auth: str = ""
    batch_chunks: int = 512  # chunks embedded and written together: bounds indexing memory
    abstain_threshold: float = -3.0  # best sentence score under which the extractive answerer abstains (docs/EVAL.md)
    # the same for a question that names a period ("this week") when nothing from that period
    # was on it and the answer would come from another time (docs/EVAL.md, "Abstention on all
    # shared questions")
    abstain_outside: float = 1.0
    # the same for an answer that quotes first an article more than a month older than the
    # newest article up to the day asked, outside any period the question names (docs/EVAL.md,
    # "Answers from old articles")
    abstain_old: float = -1.0
    # an answer from another time than that period must score (its best sentence) more than
    # this above the period's own answer, or the period's is given (docs/EVAL.md, "The
    # period's answer within a margin")
    period_margin: float = 4.0
    llm_timeout: float = 60.0
    # spaCy pipeline that finds the short answer in the cited sentences ("none": sentences only)
    ner_model: str = "en_core_web_sm"
    # a question that names a period ("this week") searches the articles of that period; when
    # their best passage scores below `time_floor` the period doubles, `time_steps` times at
    # most, and then all articles up to the question's date are searched (docs/EVAL.md)
    time_aware: bool = True  # False: questions are read without a date ("this week" is just words)
    time_floor: float = 4.0
    time_steps: int = 1
    # how many fused candidates the cross-encoder reorders inside a period (0: rerank_depth),
    # after the same probe as elsewhere (a clear match among the first two stops it);
    # a period holds few articles, and its best is near the top of the fused list
    # (docs/EVAL.md, "Reranking inside a period", "No early stop inside a period")
    time_depth: int = 10
    # a question in the present tense ("currently", "latest", "recently") searches the last
    # `recent_days` days first, the same way, not widened (0: any date alike; docs/EVAL.md,
    # "The last month first for a question in the present tense")
    recent_days: int = 30
    # a question that asks when a thing to come is ("When is the Super Bowl?") searches the
    # last `upcoming_days` days first, the same way: news of it comes before it (0: not;
    # docs/EVAL.md, "How long ago, how long until; when")
    upcoming_days: int = 90
    # a question that asks who won and names no period ("Who won the Super Bowl?") searches
    # the last `latest_days` days first, doubled `latest_steps` times at most while their best
    # passage scores below `latest_floor` (a clear match, as `rerank_confident`: the news
    # before an edition speaks of the last one): the latest edition's news (0: any date
    # alike; docs/EVAL.md, "The latest edition of an event")
    latest_days: int = 30
    latest_steps: int = 4
    latest_floor: float = 5.0
    # ... where the cross-encoder scores all of the first `latest_depth` fused candidates, with
    # no early stop on a clear match: a past edition's winner scores as clearly as the latest's
    # (0: as in a period, `time_depth` after the probe)
    latest_depth: int = 30
    # feeds: seconds between two requests to one host, and to wait for one response
    feed_delay: float = 1.0
    feed_timeout: float = 20.0

    @classmethod
    def load(cls, env: dict[str, str] | None = None, **overrides: Any) -> Settings:
        """Defaults, then ``RAG_*`` variables from ``env`` (os.environ), then non-None overrides."""
        env = dict(os.environ) if env is None else env
        values: dict[str, Any] = {}
        types = {f.name: f.type for f in fields(cls)}
        for name, var in _ENV.items():
            raw = env.get(var)
            if raw is not None and raw != "":
                values[name] = _convert(name, types[name], raw, var)
        for name, value in overrides.items():
            if name not in types:
                raise ConfigError(f"unknown setting {name!r}")
            if value is not None:
                values[name] = _convert(name, types[name], value, f"--{name}")
        settings = replace(cls(), **values)
        settings.validate()
        return settings

    def validate(self) -> None:
        if self.chunk_size < 16:
            raise ConfigError(f"chunk size {self.chunk_size} is too small: use 16 or more")
        if not 0 <= self.chunk_overlap < self.chunk_size:
            raise ConfigError("chunk overlap must be >= 0 and smaller than the chunk size")
        if (
            self.embed_batch < 1
            or self.rerank_depth < 0
            or self.batch_chunks < 1
            or self.rerank_probe < 0
            or self.time_steps < 0
            or self.time_depth < 0
            or self.recent_days < 0
            or self.upcoming_days < 0
            or self.latest_days < 0
            or self.latest_steps < 0
            or self.latest_depth < 0
            or self.feed_delay < 0
            or self.feed_timeout <= 0
        ):
            raise ConfigError(
                "batch sizes must be >= 1, rerank depth, probe, time steps and feed delay >= 0, feed timeout > 0"
            )
        if not self.period_margin >= 0:
            raise ConfigError("RAG_PERIOD_MARGIN must be 0 or more")
        if not self.rerank_floor < self.rerank_confident:
            raise ConfigError("RAG_RERANK_FLOOR must be below RAG_RERANK_CONFIDENT")
        if self.chroma_url and not self.chroma_url.startswith(("http://", "https://")):
            raise ConfigError(f"RAG_CHROMA_URL={self.chroma_url!r} is not a URL: use http://host:port or leave empty")
        if self.chroma_token_header not in CHROMA_TOKEN_HEADERS:
            raise ConfigError(
                f"RAG_CHROMA_TOKEN_HEADER={self.chroma_token_header!r} is unknown: use one of "
                + ", ".join(CHROMA_TOKEN_HEADERS)
            )
        if self.chroma_token and not all(33 <= ord(c) < 127 for c in self.chroma_token):
            raise ConfigError("RAG_CHROMA_TOKEN may hold only ASCII letters, digits and punctuation")
        if self.embed_precision not in get_args(Precision):
            raise ConfigError(f"embedding precision {self.embed_precision!r} is unknown: use int8 or fp32")
        if self.answerer not in get_args(AnswererName):
            raise ConfigError("answerer must be 'extractive' or 'llm'")

    @property
    def llm_configured(self) -> bool:
        """Whether an LLM answerer is set up (a server URL or a GGUF file)."""
        return bool(self.llm_url or self.llm_gguf)

    @property
    def ner(self) -> str:
        """The spaCy pipeline short answers are found with; "" when ``ner_model`` turns it off."""
        return "" if self.ner_model.lower() in ("", "none") else self.ner_model

    @property
    def chroma_mode(self) -> str:
        return f"server {self.chroma_url}" if self.chroma_url else "embedded"


def _convert(name: str, typ: Any, value: Any, origin: str) -> Any:
    kind = typ if isinstance(typ, str) else getattr(typ, "__name__", str(typ))
    try:
        if kind == "int":
            return int(value)
        if kind == "float":
            return float(value)
        if kind == "Path":
            return Path(value).expanduser()
        if kind == "bool":
            if isinstance(value, bool):
                return value
            if str(value).strip().lower() not in ("1", "0", "true", "false", "yes", "no", "on", "off"):
                raise ValueError(value)
            return str(value).strip().lower() in ("1", "true", "yes", "on")
    except (TypeError, ValueError):
        what = "true or false" if kind == "bool" else "a number"
        raise ConfigError(f"{origin}={value!r} for {name} is not {what}") from None
    return str(value)
