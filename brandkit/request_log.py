"""One log line per HTTP request the receiver answers: method, path, status, duration.

The path is logged without its query string (the page's access token may travel there)
and with any hidden character revealed (a request cannot forge log lines), and never a
body: tokens and the values they carry stay out of the log. Logged at INFO on
`brandkit.requests` (`zpv-brand serve -v` shows it).
"""

from __future__ import annotations

import logging
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from zpd.text import reveal

log = logging.getLogger("brandkit.requests")


class RequestLog:
    """ASGI middleware around the receiver's app."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not log.isEnabledFor(logging.INFO):
            await self.app(scope, receive, send)  # nobody reads the line: nothing to time
            return
        started = time.perf_counter()
        status: list[int] = []

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                status.append(int(message["status"]))
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            log.info("%s %s %s %.1f ms", reveal(str(scope.get("method", ""))),
                     reveal(str(scope.get("path", ""))), status[0] if status else "-",
                     (time.perf_counter() - started) * 1000)
