"""HTML pages: the shared Jinja2 environment (autoescaping on) and content negotiation.

Every HTML page has a JSON twin; a client gets HTML only when it asks for it first.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import Request
from fastapi.templating import Jinja2Templates

templates = Jinja2Templates(directory=Path(__file__).resolve().parent / "templates")


def wants_html(request: Request) -> bool:
    """True when the client's Accept header puts text/html before any JSON type.

    Browsers send ``text/html,...``; API clients send ``application/json``, ``*/*`` or nothing.
    """
    accept = request.headers.get("accept", "")
    html = accept.find("text/html")
    if html < 0:
        return False
    json_at = [i for i in (accept.find("application/json"), accept.find("+json")) if i >= 0]
    return not json_at or html < min(json_at)
