"""Helpers for the callback tests: signed-in clients, portal posts, requests in a hub."""

from typing import TYPE_CHECKING, Any

from django.test import Client

from infohub.accounts.models import Hub, User
from infohub.callbacks.models import CallbackRequest
from infohub.callbacks.services import callback_refer, callback_request
from infohub.testing.personas import enrol_authenticator, sign_in

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

IP = "198.51.100.23"
NAME = "Zyxwvutsrq Sentinelle"
PHONE = "+509 3799 4321"


def signed_in(user: User) -> Client:
    """A client signed in through the real forms, second factor included."""
    enrol_authenticator(user)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")  # staff pages follow the browser's language
    sign_in(client, user)
    return client


def portal_form(hub: Hub, /, **overrides: str) -> dict[str, str]:
    return {
        "hub": str(hub.public_id),
        "name_or_alias": NAME,
        "phone": PHONE,
        "language": "ht",
        "topic": "",
        **overrides,
    }


def portal_post(
    hub: Hub, /, *, lang: str = "en", ip: str = IP, client: Client | None = None, **overrides: str
) -> "Response":
    return (client or Client()).post(
        f"/{lang}/callback/", portal_form(hub, **overrides), REMOTE_ADDR=ip
    )


def requested(hub: Hub, *, phone: str = PHONE, ip: str = IP, **kwargs: Any) -> CallbackRequest:
    """A portal request made through the service."""
    values: dict[str, Any] = {
        "name_or_alias": NAME,
        "language": "es",
        "topic": None,
        **kwargs,
    }
    return callback_request(hub=hub, phone=phone, client_ip=ip, **values)


def referred(advisor: User, hub: Hub, *, phone: str = "+506 8888 1234") -> CallbackRequest:
    return callback_refer(
        advisor=advisor,
        hub=hub,
        name_or_alias="Vecina",
        phone=phone,
        language="es",
        topic=None,
        person_agreed=True,
    )
