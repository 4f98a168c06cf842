"""Bearer-token authentication for the API."""

from django.http import HttpRequest
from ninja.security import HttpBearer

from infohub.accounts.models import User
from infohub.accounts.services import api_token_authenticate


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = api_token_authenticate(raw_token=token)
        if user is not None:
            request.user = user
        return user
