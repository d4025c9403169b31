"""MCP tools over the news archive, with the official ``mcp`` SDK: ``search_articles``,
``ask_articles`` (an answer whose every citation is verified) and ``get_article``.

``rag mcp`` serves them over stdio, for desktop assistants and agents that start the
server themselves; ``rag serve`` also serves them over streamable HTTP at ``/mcp``. A bad
argument (an unknown article id, a date that is not a date) is a tool error with one line
of text, never a crash of the server.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError

from rag.errors import RagError
from rag.pipeline import Pipeline
from rag.records import Filters, article_json, hit_json
from ui.api import Runner

INSTRUCTIONS = (
    "A searchable archive of news articles. ask_articles answers from the articles only, "
    "citing verbatim passages as [n], and says when the articles do not answer; "
    "search_articles returns matching passages; get_article returns one article's full text."
)


T = TypeVar("T")


def build_server(pipeline: Pipeline, run: Runner | None = None) -> MCPServer:
    """An MCP server whose three tools read ``pipeline``'s index. Each call runs in a worker
    thread through ``run`` (which holds one of the slots the other ways in share, when
    ``rag serve`` gives it)."""
    server: MCPServer = MCPServer("rag-news", instructions=INSTRUCTIONS, log_level="WARNING")
    run = run or Runner()

    async def off_loop(work: Callable[[], T]) -> T:
        """``work()`` in a worker thread; a RagError (a bad date, no index) is a tool error."""
        try:
            return await run(work)
        except RagError as exc:
            raise ToolError(str(exc)) from None

    @server.tool()
    async def search_articles(
        query: str, k: int = 5, source: str = "", since: str = "", until: str = "", as_of: str = ""
    ) -> dict[str, Any]:
        """Passages of the indexed articles that best match ``query``, best first, each with
        its article id, title, date, source and offsets. ``since``/``until``/``as_of`` are
        dates (YYYY-MM-DD); ``as_of`` (default today) is the day the question is asked ('none': read without a date)."""
        k = max(1, min(int(k), 50))
        found = await off_loop(
            lambda: pipeline.find(query, k, filters=Filters(source, since, until), as_of=as_of or None)
        )
        return {
            "query": query,
            "as_of": found.ref.as_of.isoformat(),
            "time_notes": list(found.notes()),
            "hits": [hit_json(h) for h in found.shown],
        }

    @server.tool()
    async def ask_articles(
        question: str, as_of: str = "", source: str = "", since: str = "", until: str = ""
    ) -> dict[str, Any]:
        """Answer ``question`` from the indexed articles only: a short answer where one is
        asked for, cited sentences marked [n], each citation's verbatim quote with its article
        id and offsets; or an abstention ("do not answer this") with related passages. Asked
        for news ("What happened this week?", "What is the latest on tariffs?"), it gives the
        period's main stories or the newest articles on the topic, one cited sentence each;
        asked for a story's timeline ("Timeline of the Palisades fire"), its articles oldest
        first, each line dated. Asked who holds a title now ("Who is the UK prime minister?"), it answers from the
        newest articles that name a holder. ``as_of`` (YYYY-MM-DD, default today) is the day
        it is asked: "this week" or "on Thanksgiving" is read against it, and nothing
        published later is used."""
        answer = await off_loop(
            lambda: pipeline.ask(question, filters=Filters(source, since, until), as_of=as_of or None)
        )
        return answer.to_json()

    @server.tool()
    async def get_article(article_id: str) -> dict[str, Any]:
        """One indexed article in full (the text citations' offsets point into), by the
        ``article_id`` a hit or a citation names."""
        article = await off_loop(lambda: pipeline.article(article_id))
        if article is None:
            raise ToolError(f"no article {article_id!r} in the index; take ids from search_articles or ask_articles")
        return article_json(article)

    return server
