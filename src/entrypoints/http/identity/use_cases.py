"""The identity routes\' use cases, each a typed dependency (`entrypoints/http/use_cases.py`)."""

from __future__ import annotations

from typing import Annotated

from application.identity.authenticate import Authenticate
from application.identity.change_user import ChangeUserCommand
from application.identity.logout import Logout
from application.identity.ports import UserCriteria, UserView
from application.identity.refresh_tokens import RefreshTokens
from application.identity.register_user import RegisterUser
from application.shared.pagination import Page, PageRequest
from entrypoints.http.use_cases import ForCaller, reads, writes

RegisterUserDep = Annotated[
    RegisterUser, writes(lambda c: c.identity().register_user, for_caller=False)
]
AuthenticateDep = Annotated[
    Authenticate, writes(lambda c: c.identity().authenticate, for_caller=False)
]
RefreshTokensDep = Annotated[
    RefreshTokens, writes(lambda c: c.identity().refresh_tokens, for_caller=False)
]
LogoutDep = Annotated[Logout, writes(lambda c: c.identity().logout, for_caller=False)]
GetMeDep = Annotated[ForCaller[[], UserView], reads(lambda c: c.identity().get_me)]
ListUsersDep = Annotated[
    ForCaller[[UserCriteria, PageRequest], Page[UserView]], reads(lambda c: c.identity().list_users)
]
ChangeUserDep = Annotated[
    ForCaller[[ChangeUserCommand], UserView], writes(lambda c: c.identity().change_user)
]
