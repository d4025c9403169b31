"""MCP tools over the news archive, with the official ``mcp`` SDK: ``search_articles``,
``ask_articles`` (an answer whose every citation is verified) and ``get_article``.

``rag mcp`` serves them over stdio, for desktop assistants and agents that start the
server themselves. A bad argument (an unknown article id, a date that is not a date) is a
tool error with one line of text, never a crash of the server.
"""

from __future__ import annotations

from typing import Any

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError

from rag.errors import RagError
from rag.pipeline import Pipeline
from rag.records import Filters, hit_json

INSTRUCTIONS = (
    "A searchable archive of news articles. ask_articles answers from the articles only, "
    "citing verbatim passages as [n], and says when the articles do not answer; "
    "search_articles returns matching passages; get_article returns one article's full text."
)


def _filters(source: str, since: str, until: str) -> Filters:
    """Filters from tool arguments ("" is no filter); a bad date raises RagError, which each
    tool turns into a ToolError."""
    return Filters(source=source or None, since=since or None, until=until or None)


def build_server(pipeline: Pipeline) -> MCPServer:
    """An MCP server whose three tools read ``pipeline``'s index."""
    server: MCPServer = MCPServer("rag-news", instructions=INSTRUCTIONS)

    @server.tool()
    def search_articles(
        query: str, k: int = 5, source: str = "", since: str = "", until: str = "", as_of: str = ""
    ) -> dict[str, Any]:
        """Passages of the indexed articles that best match ``query``, best first, each with
        its article id, title, date, source and offsets. ``since``/``until``/``as_of`` are
        dates (YYYY-MM-DD); ``as_of`` (default today) is the day the question is asked."""
        try:
            filters = _filters(source, since, until)
            found = pipeline.find(query, max(1, min(int(k), 50)), filters=filters, as_of=as_of or None)
        except RagError as exc:
            raise ToolError(str(exc)) from None
        return {
            "query": query,
            "as_of": found.ref.as_of.isoformat(),
            "time_notes": list(found.notes()),
            "hits": [hit_json(h) for h in found.hits],
        }

    @server.tool()
    def ask_articles(
        question: str, as_of: str = "", source: str = "", since: str = "", until: str = ""
    ) -> dict[str, Any]:
        """Answer ``question`` from the indexed articles only: a short answer where one is
        asked for, cited sentences marked [n], each citation's verbatim quote with its article
        id and offsets; or an abstention ("do not answer this") with related passages."""
        try:
            answer = pipeline.ask(question, filters=_filters(source, since, until), as_of=as_of or None)
        except RagError as exc:
            raise ToolError(str(exc)) from None
        return answer.to_json()

    @server.tool()
    def get_article(article_id: str) -> dict[str, Any]:
        """One indexed article in full (the text citations' offsets point into), by the
        ``article_id`` a hit or a citation names."""
        article = pipeline.article(article_id)
        if article is None:
            raise ToolError(f"no article {article_id!r} in the index; take ids from search_articles or ask_articles")
        return {
            "article_id": article.id,
            "title": article.title,
            "published": article.published,
            "source": article.source,
            "url": article.url,
            "text": article.text,
        }

    return server
