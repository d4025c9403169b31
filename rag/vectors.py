"""The dense store: a Chroma collection, embedded (PersistentClient) or remote (HttpClient)."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np

from rag.dates import day_number
from rag.errors import ConfigError, StoreUnavailable
from rag.records import Chunk, Filters
from rag.settings import Settings

# HNSW search breadth. At Chroma's default (100), the top 10 missed chunks of an exact search
# for 12 of 33 seed questions on the full corpus, and an embedded and a server index of the
# same vectors disagreed on 10; at 500, 4 and 3 (docs/BENCH.md, "Chroma server on the full
# corpus"). A wider search over 384-d vectors costs milliseconds against the cross-encoder's
# hundreds. Chroma reads it when it loads the index.
EF_SEARCH = 500
OWNER_KEY = "rag_index_id"  # collection metadata: the catalog's index_id that writes here
# An embedded Chroma's SQLite file is briefly locked while another connection writes (a server
# process reading the same home, Chroma's own background writer): such a call is tried again,
# LOCK_WAITS seconds apart, before it is reported.
LOCK_WAITS = (0.1, 0.3, 1.0, 2.0)


def chroma_where(filters: Filters) -> dict[str, Any] | None:
    """The Chroma ``where`` clause for ``filters`` (None: no filter)."""
    terms: list[dict[str, Any]] = []
    if filters.source:
        terms.append({"source": {"$eq": filters.source}})
    if filters.since:
        terms.append({"day": {"$gte": day_number(filters.since)}})
    if filters.until:
        terms.append({"day": {"$lte": day_number(filters.until)}})
        terms.append({"day": {"$gt": 0}})
    if filters.as_of:
        terms.append({"day": {"$lte": day_number(filters.as_of)}})  # undated articles are day 0
    if not terms:
        return None
    return terms[0] if len(terms) == 1 else {"$and": terms}


@dataclass(frozen=True)
class ServerAccess:
    """How to reach a Chroma server beyond its URL: a token ("" for none), and the tenant
    and database (defaults in ``Settings``)."""

    token: str = field(repr=False)
    token_header: str  # "Authorization" or "X-Chroma-Token"
    tenant: str
    database: str


class VectorStore:
    def __init__(self, home: Path, chroma_url: str, collection: str, access: ServerAccess | None = None) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        auth: dict[str, Any] = {}
        where: dict[str, Any] = {}  # none given: Chroma's own default tenant and database
        if chroma_url and access is not None:
            where = {"tenant": access.tenant, "database": access.database}
            if access.token:
                auth = {
                    "chroma_client_auth_provider": "chromadb.auth.token_authn.TokenAuthClientProvider",
                    "chroma_client_auth_credentials": access.token,
                    "chroma_auth_token_transport_header": access.token_header,
                }
        self.where = chroma_url or str(home / "chroma")
        # a server's collection can be reached from other index homes; an embedded one lives in its own
        self.shared = bool(chroma_url)
        try:
            chroma_settings = ChromaSettings(anonymized_telemetry=False, **auth)
            if chroma_url:
                url = urlparse(chroma_url)
                self.client: Any = chromadb.HttpClient(
                    host=url.hostname or "127.0.0.1",
                    port=url.port or (443 if url.scheme == "https" else 8000),
                    ssl=url.scheme == "https",
                    settings=chroma_settings,
                    **where,
                )
            else:
                self.client = chromadb.PersistentClient(path=str(home / "chroma"), settings=chroma_settings)
            self.collection = self.client.get_or_create_collection(
                collection, configuration={"hnsw": {"space": "cosine", "ef_search": EF_SEARCH}}, embedding_function=None
            )
        except Exception as exc:  # chromadb raises many types for an unreachable server
            raise StoreUnavailable(_explain(self.where, exc)) from None

    @classmethod
    def open(cls, settings: Settings) -> VectorStore:
        """The store ``settings`` point at (embedded under the home, or a Chroma server)."""
        access = ServerAccess(
            settings.chroma_token, settings.chroma_token_header, settings.chroma_tenant, settings.chroma_database
        )
        return cls(settings.home, settings.chroma_url, settings.collection, access)

    def owner(self) -> str:
        """The index id this collection was claimed for ('' before any claim)."""
        return str((self.collection.metadata or {}).get(OWNER_KEY, ""))

    def check_owner(self, index_id: str, home: Path) -> None:
        """Refuse a server collection that another index (another RAG_HOME) wrote."""
        if not self.shared:
            return
        have = self.owner()
        if have and have != index_id:
            raise ConfigError(
                f"the Chroma collection {self.collection.name!r} at {self.where} belongs to another index, "
                f"not to the one at {home}; give each index its own collection with RAG_COLLECTION=NAME"
            )

    def claim(self, index_id: str, home: Path) -> None:
        """Tie a server collection to one index before anything is written or deleted in it."""
        self.check_owner(index_id, home)
        if self.shared and not self.owner():
            meta = {k: v for k, v in (self.collection.metadata or {}).items() if not k.startswith("hnsw:")}
            self._call(self.collection.modify, metadata={**meta, OWNER_KEY: index_id})

    def tune(self) -> None:
        """Give a collection made before EF_SEARCH was raised the current search breadth."""
        hnsw = (getattr(self.collection, "configuration_json", None) or {}).get("hnsw") or {}
        if hnsw and hnsw.get("ef_search", EF_SEARCH) < EF_SEARCH:
            self._call(self.collection.modify, configuration={"hnsw": {"ef_search": EF_SEARCH}})

    def drop(self) -> None:
        """Delete the collection and everything in it."""
        self._call(self.client.delete_collection, self.collection.name)

    def _call(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        for wait in (*LOCK_WAITS, None):
            try:
                return fn(*args, **kwargs)
            except Exception as exc:
                if wait is None or "database is locked" not in str(exc):
                    raise StoreUnavailable(_explain(self.where, exc)) from None
                time.sleep(wait)

    def upsert(self, chunks: Sequence[Chunk], vectors: np.ndarray) -> None:
        step = 2000
        for lo in range(0, len(chunks), step):
            part = chunks[lo : lo + step]
            self._call(
                self.collection.upsert,
                ids=[c.id for c in part],
                embeddings=vectors[lo : lo + step],
                metadatas=[_metadata(c) for c in part],
            )

    def delete(self, chunk_ids: Sequence[str]) -> None:
        ids = list(chunk_ids)
        for lo in range(0, len(ids), 2000):
            self._call(self.collection.delete, ids=ids[lo : lo + 2000])

    def _pages(self, include: list[Any], page: int) -> Iterator[Any]:
        offset = 0
        while True:
            got = self._call(self.collection.get, include=include, limit=page, offset=offset)
            yield got
            if len(got["ids"]) < page:
                return
            offset += page

    def iter_ids(self, page: int = 5000) -> Iterator[str]:
        for got in self._pages([], page):
            yield from got["ids"]

    def iter_vectors(self, page: int = 5000) -> Iterator[tuple[list[str], np.ndarray]]:
        """Every stored (ids, vectors) page, as written."""
        for got in self._pages(["embeddings"], page):
            yield got["ids"], np.asarray(got["embeddings"], dtype=np.float32)

    def count(self) -> int:
        return int(self._call(self.collection.count))

    def query_among(self, vector: np.ndarray, k: int, ids: Sequence[str]) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) of the ``k`` best of ``ids``, by exact search: for a
        few thousand ids, reading their vectors is ten times faster than a ``where`` filter."""
        q = np.asarray(vector, dtype=np.float32).ravel()
        q = q / (np.linalg.norm(q) or 1.0)
        found, vecs = self.unit_vectors(ids)
        if not found:
            return []
        scores = vecs @ q
        best = np.argsort(-scores, kind="stable")[:k]
        return [(found[i], float(scores[i])) for i in best]

    def unit_vectors(self, ids: Sequence[str]) -> tuple[list[str], np.ndarray]:
        """The stored vectors of ``ids`` (those found, in the order read), each of length 1."""
        found: list[str] = []
        parts: list[np.ndarray] = []
        for lo in range(0, len(ids), 5000):
            got = self._call(self.collection.get, ids=list(ids[lo : lo + 5000]), include=["embeddings"])
            if not len(got["ids"]):
                continue
            vecs = np.asarray(got["embeddings"], dtype=np.float32)
            parts.append(vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12))
            found.extend(got["ids"])
        return found, np.concatenate(parts) if parts else np.zeros((0, 0), dtype=np.float32)

    def query(self, vector: np.ndarray, k: int, where: dict[str, Any] | None = None) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity), best first."""
        if k <= 0:
            return []
        got = self._call(
            self.collection.query,
            query_embeddings=[np.asarray(vector, dtype=np.float32)],
            n_results=k,
            where=where or None,
            include=["distances"],
        )
        ids = got["ids"][0] if got["ids"] else []
        dists = got["distances"][0] if got.get("distances") else [0.0] * len(ids)
        return [(i, 1.0 - float(d)) for i, d in zip(ids, dists, strict=False)]


def _metadata(c: Chunk) -> dict[str, Any]:
    return {
        "article_id": c.article_id,
        "source": c.source,
        "published": c.published,
        "day": day_number(c.published),
        "position": c.position,
    }


def _explain(where: str, exc: Exception) -> str:
    detail = " ".join(str(exc).split())[:160] or type(exc).__name__
    if where.startswith("http") and _refused(exc):
        return (
            f"the Chroma server at {where} refused access ({detail}); set RAG_CHROMA_TOKEN to a token it "
            "accepts (RAG_CHROMA_TOKEN_HEADER=X-Chroma-Token if it reads that header), and "
            "RAG_CHROMA_TENANT and RAG_CHROMA_DATABASE to ones the token may use"
        )
    if where.startswith("http") and re.search(r"(tenant|database).*not found", detail, re.I):
        return (
            f"the Chroma server at {where} has no such tenant or database ({detail}); create it on the server, "
            "or set RAG_CHROMA_TENANT and RAG_CHROMA_DATABASE to ones it has"
        )
    if where.startswith("http"):
        return (
            f"cannot use the Chroma server at {where} ({detail}); start it with "
            "`chroma run --host 127.0.0.1 --port PORT` or unset RAG_CHROMA_URL"
        )
    return f"the vector store at {where} failed ({detail}); run `rag index --rebuild` to rebuild it"


def _refused(exc: Exception) -> bool:
    """A 401/403 from the server (chromadb raises its auth errors, or httpx's status error)."""
    from chromadb.errors import AuthorizationError, ChromaAuthError

    status = getattr(getattr(exc, "response", None), "status_code", None)
    text = str(exc).lower()
    return (
        isinstance(exc, (AuthorizationError, ChromaAuthError))
        or status in (401, 403)
        or any(w in text for w in ("unauthorized", "forbidden", "permission denied"))
    )
