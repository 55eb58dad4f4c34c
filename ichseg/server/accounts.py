"""Account routes: session, sign-up, login, logout, forgotten and reset passwords.

* ``GET /api/session``: the signed-in user (or ``null``) and the CSRF token to send in the
  ``X-CSRF-Token`` header of every unsafe request.
* ``POST /api/signup``, ``/api/login``, ``/api/logout``, ``/api/forgot``, ``/api/reset``.
"""

from __future__ import annotations

import logging
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ichseg.records import User
from ichseg.server import auth
from ichseg.server.http import (
    CSRF_COOKIE,
    SESSION_COOKIE,
    ApiError,
    Context,
    api,
    json_body,
    state,
)
from ichseg.server.wording import wait_text

log = logging.getLogger("ichseg.server")


def _session_json(user: User | None, csrf: str | None) -> dict[str, Any]:
    return {"user": {"email": user.email} if user else None, "csrf": csrf}


def _start_session(request: Request, user: User) -> JSONResponse:
    st = state(request)
    token, csrf = auth.new_token(), auth.new_token()
    st.index.create_session(auth.token_hash(token), user.id, csrf, st.settings.session_ttl_s)
    response = JSONResponse(_session_json(user, csrf))
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=st.settings.session_ttl_s,
        httponly=True,
        samesite="strict",
        secure=st.settings.cookie_secure,
        path="/",
    )
    return response


@api(login=False)
async def get_session(request: Request, ctx: Context) -> Response:
    """The signed-in user and a CSRF token (a fresh anonymous one if needed)."""
    if ctx.user is not None:
        return JSONResponse(_session_json(ctx.user, ctx.csrf))
    csrf = ctx.csrf or auth.new_token()
    response = JSONResponse(_session_json(None, csrf))
    response.set_cookie(
        CSRF_COOKIE,
        csrf,
        httponly=False,
        samesite="strict",
        secure=state(request).settings.cookie_secure,
        path="/",
    )
    return response


@api(login=False)
async def signup(request: Request, ctx: Context) -> Response:
    """Create an account and sign it in."""
    body = await json_body(request)
    email = auth.normalise_email(body.get("email"))
    if email is None:
        raise ApiError(400, "enter a valid e-mail address")
    problem = auth.password_problem(body.get("password"))
    if problem:
        raise ApiError(400, problem)
    encoded = await run_in_threadpool(auth.hash_password, body["password"])
    user = state(request).index.create_user(email, encoded)
    if user is None:
        raise ApiError(409, "an account with this e-mail already exists")
    log.info("account created: %s", email)
    return _start_session(request, user)


@api(login=False)
async def login(request: Request, ctx: Context) -> Response:
    """Sign in with e-mail and password (rate-limited per account and IP)."""
    st = state(request)
    body = await json_body(request)
    email = auth.normalise_email(body.get("email")) or ""
    password = body.get("password")
    ip = request.client.host if request.client else "?"
    wait = st.limiter.retry_after(email, ip)
    if wait:
        raise ApiError(
            429,
            f"too many failed logins; try again in {wait_text(wait)}",
            {"Retry-After": str(wait)},
        )
    user = st.index.user_by_email(email) if email else None
    ok = isinstance(password, str) and await run_in_threadpool(
        auth.verify_password, user.password_hash if user else None, password
    )
    if not ok or user is None:
        st.limiter.failed(email, ip)
        raise ApiError(401, "wrong e-mail or password")
    st.limiter.succeeded(email, ip)
    return _start_session(request, user)


@api(login=False)
async def logout(request: Request, ctx: Context) -> Response:
    """End the session."""
    if ctx.session_hash:
        state(request).index.delete_session(ctx.session_hash)
    response = JSONResponse({"user": None})
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@api(login=False)
async def forgot(request: Request, ctx: Context) -> Response:
    """Write a one-time reset link to the server log (same answer for unknown e-mails)."""
    st = state(request)
    body = await json_body(request)
    email = auth.normalise_email(body.get("email"))
    if email is None:
        raise ApiError(400, "enter a valid e-mail address")
    user = st.index.user_by_email(email)
    if user is not None:
        token = auth.new_token()
        st.index.create_reset(auth.token_hash(token), user.id, st.settings.reset_ttl_s)
        minutes = st.settings.reset_ttl_s // 60
        log.warning(
            "password reset link for %s (valid %d min, once): %s/#/reset?token=%s",
            user.email,
            minutes,
            st.settings.base_url,
            token,
        )
    return JSONResponse(
        {"ok": True, "message": "If the account exists, the server log has a reset link."}
    )


@api(login=False)
async def reset(request: Request, ctx: Context) -> Response:
    """Set a new password with a reset token; ends every other session of the account."""
    st = state(request)
    body = await json_body(request)
    token = body.get("token")
    problem = auth.password_problem(body.get("password"))
    if problem:
        raise ApiError(400, problem)
    if not isinstance(token, str) or not token:
        raise ApiError(400, "the reset link is incomplete")
    user_id = st.index.consume_reset(auth.token_hash(token))
    if user_id is None:
        raise ApiError(400, "the reset link is invalid, used or expired; ask for a new one")
    encoded = await run_in_threadpool(auth.hash_password, body["password"])
    st.index.set_password(user_id, encoded)
    st.index.delete_user_sessions(user_id)
    return JSONResponse({"ok": True, "message": "Password changed; sign in with it."})


ROUTES = [
    Route("/api/session", get_session, methods=["GET"]),
    Route("/api/signup", signup, methods=["POST"]),
    Route("/api/login", login, methods=["POST"]),
    Route("/api/logout", logout, methods=["POST"]),
    Route("/api/forgot", forgot, methods=["POST"]),
    Route("/api/reset", reset, methods=["POST"]),
]
