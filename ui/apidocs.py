"""``/docs``: the API's routes, parameters and bodies as one plain HTML page, read from the
OpenAPI schema, with nothing loaded from outside the machine.

FastAPI's own docs pages load Swagger UI or ReDoc from a CDN, which an offline machine
cannot reach. The Swagger UI bundle on PyPI (swagger-ui-bundle 1.1.0) ships Swagger UI
4.15.5, and OpenAPI 3.1, which FastAPI writes, came to Swagger UI with version 5. The
schema itself is at ``/openapi.json`` for any client or viewer.
"""

from __future__ import annotations

import html
from typing import Any

STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45}"
    "code{background:#f3f4f6;padding:0 .25rem}h2{margin-top:2rem;border-top:1px solid #e5e7eb;padding-top:1rem}"
    "table{border-collapse:collapse}td,th{border:1px solid #e5e7eb;padding:.2rem .5rem;text-align:left}"
)


def _type(schema: dict[str, Any]) -> str:
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " or ".join(_type(s) for s in schema["anyOf"])
    if "enum" in schema:
        return " | ".join(map(str, schema["enum"]))
    if schema.get("type") == "array":
        return f"list of {_type(schema.get('items', {}))}"
    return str(schema.get("type", "object"))


def _rows(fields: list[tuple[str, str, bool, str]]) -> str:
    body = "".join(
        f"<tr><td><code>{html.escape(n)}</code></td><td>{html.escape(t)}</td><td>{'yes' if r else ''}</td>"
        f"<td>{html.escape(d)}</td></tr>"
        for n, t, r, d in fields
    )
    return f"<table><tr><th>name</th><th>type</th><th>required</th><th>what</th></tr>{body}</table>"


def docs_html(schema: dict[str, Any]) -> str:
    """The page for ``schema`` (FastAPI's ``app.openapi()``); every text escaped."""
    models = schema.get("components", {}).get("schemas", {})
    parts = [
        f"<h1>{html.escape(schema['info']['title'])} API</h1>",
        f"<p>{html.escape(schema['info'].get('description', ''))}</p>",
        '<p>The OpenAPI schema: <a href="/openapi.json">/openapi.json</a>.</p>',
    ]
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            parts.append(f"<h2><code>{method.upper()} {html.escape(path)}</code></h2>")
            parts.append(f"<p>{html.escape(op.get('summary', ''))}</p>")
            params = [
                (p["name"], _type(p.get("schema", {})), p.get("required", False), p.get("description", ""))
                for p in op.get("parameters", [])
            ]
            if params:
                parts.append(_rows(params))
            ref = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema", {})
            model = models.get(_type(ref)) if ref else None
            if model:
                parts.append(f"<p>JSON body: <code>{html.escape(_type(ref))}</code> (below)</p>")
    for name, model in models.items():
        if name in ("HTTPValidationError", "ValidationError") or "properties" not in model:
            continue
        required = set(model.get("required", []))
        parts.append(f"<h2><code>{html.escape(name)}</code></h2><p>{html.escape(model.get('description', ''))}</p>")
        parts.append(
            _rows([(n, _type(f), n in required, f.get("description", "")) for n, f in model["properties"].items()])
        )
    title = html.escape(schema["info"]["title"])
    head = f"<meta charset='utf-8'><title>{title} API</title><style>{STYLE}</style>"
    return f"<!doctype html><html><head>{head}</head><body>{''.join(parts)}</body></html>"
