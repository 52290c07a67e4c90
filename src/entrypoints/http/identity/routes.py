"""Identity endpoints: sign-up, tokens, and user administration."""

from __future__ import annotations

from inspect import cleandoc
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Request
from fastapi.exceptions import RequestValidationError
from starlette.responses import Response

from application.identity.authenticate import Authenticate, AuthenticateCommand
from application.identity.change_user import ChangeUser, ChangeUserCommand
from application.identity.errors import InvalidCredentialsError, InvalidTokenError
from application.identity.get_me import GetMe
from application.identity.list_users import ListUsers
from application.identity.logout import Logout, LogoutCommand
from application.identity.ports import UserView
from application.identity.refresh_tokens import RefreshTokens, RefreshTokensCommand
from application.identity.register_user import RegisterUser, RegisterUserCommand
from application.identity.tokens import TokenPair
from application.shared.caller import NotAuthenticatedError
from application.shared.errors import PermissionDeniedError, PreconditionFailedError
from application.shared.rate_limit import RateLimitDecision, RateLimitedError
from domain.identity.user import (
    EmailTakenError,
    InvalidEmailError,
    InvalidUserError,
    UserNotFoundError,
    WeakPasswordError,
)
from domain.shared.errors import ConcurrentModificationError, DomainValidationError
from domain.shared.ids import UserId
from entrypoints.http.context_api import ContextApi
from entrypoints.http.dependencies import CurrentSettings, IfMatch, RateLimits
from entrypoints.http.edge_errors import InvalidCursorError
from entrypoints.http.etags import expected_version
from entrypoints.http.identity.oauth2 import (
    PASSWORD,
    REFRESH_TOKEN,
    TokenForm,
    UnsupportedGrantTypeError,
)
from entrypoints.http.identity.schemas import (
    IDENTITY_VIEWS,
    LogoutIn,
    RefreshIn,
    RegisterIn,
    TokenOut,
    UserListQuery,
    UserPatch,
)
from entrypoints.http.identity.use_cases import (
    AuthenticateDep,
    ChangeUserDep,
    GetMeDep,
    ListUsersDep,
    LogoutDep,
    RefreshTokensDep,
    RegisterUserDep,
)
from entrypoints.http.json import JsonWriter, Listing
from entrypoints.http.listing import list_response
from entrypoints.http.openapi import responses_for
from entrypoints.http.rate_limits import (
    count_failed_sign_in,
    limit_registration,
    limit_sign_in,
    rate_limit_headers,
)
from entrypoints.http.schemas import refuse_unstorable_form_fields
from entrypoints.http.transactions import TransactionalRoute

router = APIRouter(prefix="/api/v1", tags=["identity"], route_class=TransactionalRoute)

_NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}
_USER: JsonWriter[UserView] = JsonWriter(UserView)
_USERS: JsonWriter[Listing[UserView]] = JsonWriter(Listing[UserView])
_TOKENS: JsonWriter[TokenOut] = JsonWriter(TokenOut)


def _token_response(pair: TokenPair, decision: RateLimitDecision | None = None) -> Response:
    headers = _NO_STORE | (rate_limit_headers(decision) if decision else {})
    return _TOKENS.response(TokenOut.of(pair), headers=headers)


@router.post(
    "/auth/register",
    status_code=201,
    response_model=UserView,
    summary="Create a customer account",
    description=cleandoc(RegisterUser.__doc__ or ""),
    responses=responses_for(
        EmailTakenError, WeakPasswordError, InvalidEmailError, InvalidUserError, RateLimitedError
    ),
)
async def register(
    body: RegisterIn,
    request: Request,
    limiter: RateLimits,
    settings: CurrentSettings,
    register_user: RegisterUserDep,
) -> Response:
    decision = await limit_registration(request, limiter, settings)
    command = RegisterUserCommand(
        email=body.email, password=body.password, full_name=body.full_name
    )
    view = await register_user(command)
    headers = rate_limit_headers(decision)
    return _USER.response(view, status=201, version=view.version, headers=headers)


@router.post(
    "/auth/token",
    response_model=TokenOut,
    summary="Sign in, or refresh (OAuth2 password and refresh_token grants)",
    description=cleandoc(Authenticate.__doc__ or ""),
    responses=responses_for(
        InvalidCredentialsError, InvalidTokenError, UnsupportedGrantTypeError, RateLimitedError
    ),
)
async def issue_token(
    form: Annotated[TokenForm, Depends()],
    request: Request,
    limiter: RateLimits,
    settings: CurrentSettings,
    authenticate: AuthenticateDep,
    refresh_tokens: RefreshTokensDep,
) -> Response:
    if form.grant_type == REFRESH_TOKEN:
        token = _required(refresh_token=form.refresh_token)["refresh_token"]
        return _token_response(await refresh_tokens(RefreshTokensCommand(refresh_token=token)))
    if form.grant_type != PASSWORD:
        raise UnsupportedGrantTypeError(f"grant_type must be {PASSWORD!r} or {REFRESH_TOKEN!r}")
    fields = _required(username=form.username, password=form.password)
    refuse_unstorable_form_fields(**fields)
    decision = await limit_sign_in(request, fields["username"], limiter, settings)
    command = AuthenticateCommand(email=fields["username"], password=fields["password"])
    try:
        pair = await authenticate(command)
    except InvalidCredentialsError:
        await count_failed_sign_in(fields["username"], limiter, settings)
        raise
    return _token_response(pair, decision)


def _required(**fields: str | None) -> dict[str, str]:
    """The form fields the grant needs, each present, or 422 naming those missing."""
    missing = [name for name, value in fields.items() if value is None]
    if missing:
        raise RequestValidationError(
            [
                {"type": "missing", "loc": ("body", name), "msg": "Field required"}
                for name in missing
            ]
        )
    return {name: str(value) for name, value in fields.items()}


@router.post(
    "/auth/refresh",
    response_model=TokenOut,
    summary="Exchange a refresh token for a new pair",
    description=cleandoc(RefreshTokens.__doc__ or ""),
    responses=responses_for(InvalidTokenError),
)
async def refresh(body: RefreshIn, refresh_tokens: RefreshTokensDep) -> Response:
    command = RefreshTokensCommand(refresh_token=body.refresh_token)
    return _token_response(await refresh_tokens(command))


@router.post(
    "/auth/logout",
    status_code=204,
    summary="End a session",
    description=cleandoc(Logout.__doc__ or ""),
)
async def logout(body: LogoutIn, end_session: LogoutDep) -> Response:
    await end_session(LogoutCommand(refresh_token=body.refresh_token))
    return Response(status_code=204, headers=_NO_STORE)


@router.get(
    "/users/me",
    response_model=UserView,
    summary="The signed-in user",
    description=cleandoc(GetMe.__doc__ or ""),
    responses=responses_for(NotAuthenticatedError),
)
async def me(get_me: GetMeDep) -> Response:
    view = await get_me()
    return _USER.response(view, version=view.version)


@router.get(
    "/users",
    response_model=Listing[UserView],
    summary="List users",
    description=cleandoc(ListUsers.__doc__ or ""),
    responses=responses_for(
        NotAuthenticatedError, PermissionDeniedError, InvalidCursorError, DomainValidationError
    ),
    openapi_extra=UserListQuery.openapi(),
)
async def list_users(request: Request, list_: ListUsersDep) -> Response:
    query = UserListQuery.from_request(request)
    criteria = query.to_criteria()
    return await list_response(request, query, lambda page: list_(criteria, page), _USERS)


@router.patch(
    "/users/{user_id}",
    response_model=UserView,
    summary="Change a user's role, active flag or name",
    description=cleandoc(ChangeUser.__doc__ or ""),
    responses=responses_for(
        NotAuthenticatedError,
        PermissionDeniedError,
        UserNotFoundError,
        ConcurrentModificationError,
        PreconditionFailedError,
        InvalidUserError,
    ),
)
async def change_user(
    user_id: UUID,
    body: UserPatch,
    change: ChangeUserDep,
    if_match: IfMatch = None,
) -> Response:
    command = ChangeUserCommand(
        user_id=UserId(user_id),
        changes=body.to_changes(),
        expected_version=expected_version(if_match),
    )
    view = await change(command)
    return _USER.response(view, version=view.version)


API = ContextApi(
    router=router, description="Accounts, sign-in (OAuth2) and roles.", views=IDENTITY_VIEWS
)
