"""Bearer-token authentication for the API; a token's scopes narrow what its owner may do."""

from django.http import HttpRequest
from ninja.security import HttpBearer

from infohub.accounts.models import User
from infohub.accounts.services import api_token_verify
from infohub.api.areas import token_check_scope


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        api_token = api_token_verify(raw_token=token)
        if api_token is None:
            return None
        token_check_scope(token=api_token, request=request)
        request.user = api_token.user
        return api_token.user
