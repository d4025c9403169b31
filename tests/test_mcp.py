"""`rag mcp`: the archive's MCP tools over stdio, called with the official SDK's client."""

from __future__ import annotations

import asyncio
import json
import sys
from typing import Any

import pytest
from mcp import ClientSession, StdioServerParameters, stdio_client

from tests.conftest import REPO, rag_env, run_rag


def call_tools(home, calls: list[tuple[str, dict[str, Any]]]) -> tuple[list[str], list[Any]]:
    """Start `rag mcp` on ``home`` as a desktop assistant would, list its tools, make ``calls``."""

    async def session() -> tuple[list[str], list[Any]]:
        params = StdioServerParameters(
            command=sys.executable,
            args=["-m", "rag.cli", "mcp"],
            env=rag_env(home, abstain_threshold="0.5"),
            cwd=str(REPO),
        )
        async with stdio_client(params) as (read, write), ClientSession(read, write) as client:
            await client.initialize()
            names = sorted(t.name for t in (await client.list_tools()).tools)
            results = [await client.call_tool(name, args) for name, args in calls]
            return names, results

    return asyncio.run(asyncio.wait_for(session(), timeout=180))


def data(result: Any) -> Any:
    assert not result.is_error, result.content
    return result.structured_content if result.structured_content is not None else json.loads(result.content[0].text)


@pytest.mark.slow
def test_rag_mcp_serves_search_ask_and_get_article_over_stdio(tmp_path, corpus):
    home = tmp_path / "h"
    assert run_rag(home, "index", str(corpus), "--quiet").returncode == 0
    names, (found, answered, abstained, bad_id, bad_date) = call_tools(
        home,
        [
            ("search_articles", {"query": "council budget schools", "k": 2}),
            ("ask_articles", {"question": "Who opposed the plan?"}),
            ("ask_articles", {"question": "What is the population of Brazil?"}),
            ("get_article", {"article_id": "no-such-id"}),
            ("search_articles", {"query": "storm", "since": "next Tuesday"}),
        ],
    )
    assert names == ["ask_articles", "get_article", "search_articles"]
    hits = data(found)["hits"]
    assert 1 <= len(hits) <= 2 and "council" in hits[0]["text"].lower()
    answer = data(answered)
    assert not answer["abstained"] and "Amir Patel" in answer["answer"] and answer["citations"]
    assert data(abstained)["abstained"] is True
    # every citation opens with get_article, its quote at its offsets
    cited = answer["citations"][0]
    _, (article,) = call_tools(home, [("get_article", {"article_id": cited["article_id"]})])
    text = data(article)["text"]
    assert text[cited["start"] : cited["end"]] == cited["quote"]
    for bad in (bad_id, bad_date):
        assert bad.is_error and "\n" not in bad.content[0].text.strip()
    assert "no article 'no-such-id'" in bad_id.content[0].text
