"""Server-Sent Events: ``GET /api/events`` sends the user's scans whenever they change."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

from ichseg.server.http import Context, api, state


@api()
async def events(request: Request, ctx: Context) -> Response:
    """Server-Sent Events: the user's scans each time any of them changes."""
    assert ctx.user is not None
    st = state(request)
    user_id = ctx.user.id

    async def stream() -> AsyncIterator[str]:
        loop = asyncio.get_running_loop()
        end = loop.time() + st.settings.events_max_s
        last: str | None = None
        last_sent = loop.time()
        yield "retry: 1000\n\n"
        while loop.time() < end:
            if ctx.session_hash is None or st.index.session_user(ctx.session_hash) is None:
                yield "event: signed-out\ndata: {}\n\n"
                return  # logged out (or reset) elsewhere: stop sending this user's scans
            jobs = await run_in_threadpool(st.index.list_jobs, user_id)
            data = json.dumps({"scans": [j.public() for j in jobs]})
            if data != last:
                last, last_sent = data, loop.time()
                yield f"event: scans\ndata: {data}\n\n"
            elif loop.time() - last_sent > 15:
                last_sent = loop.time()
                yield ": keep-alive\n\n"
            if await request.is_disconnected():
                return
            await asyncio.sleep(st.settings.poll_interval_s)

    return StreamingResponse(
        stream(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )


ROUTES = [Route("/api/events", events, methods=["GET"])]
