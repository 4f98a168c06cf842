"""Single sign-on against a real OpenID provider run by the tests on a local port.

oidc-provider-mock signs real ID tokens and serves discovery, JWKS, token and userinfo
endpoints over HTTP; mozilla-django-oidc talks to it as it would to an organisation's
provider. Each test sets the claims its user signs in with (``PUT /users/<sub>``).
"""

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlencode, urlsplit

import oidc_provider_mock
import pytest
import requests
from django.conf import settings as django_settings
from django.core.exceptions import PermissionDenied
from django.test import Client

from infohub.accounts.models import IdentityProviderDevice, Membership, User
from infohub.accounts.oidc import (
    SingleSignOnBackend,
    audience_and_issuer_match,
    email_is_verified,
    mfa_claim,
)
from infohub.audit.models import AuditAction, AuditEvent
from infohub.testing.personas import World, current_code, enrol_authenticator, sign_in

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

BACKEND = "infohub.accounts.oidc.SingleSignOnBackend"
MFA = ["pwd", "mfa"]


@pytest.fixture(scope="module")
def issuer() -> Iterator[str]:
    with oidc_provider_mock.run_server_in_thread() as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture
def sso(settings: Any, issuer: str) -> str:
    settings.INFOHUB_OIDC_ENABLED = True
    settings.INFOHUB_OIDC_NAME = "Example ID"
    settings.INFOHUB_OIDC_ISSUER = issuer
    settings.INFOHUB_OIDC_MFA_AMR = ["mfa", "hwk", "otp"]
    settings.INFOHUB_OIDC_MFA_ACR = []
    settings.OIDC_RP_CLIENT_ID = "infohub"
    settings.OIDC_RP_CLIENT_SECRET = "test-client-secret"  # the mock takes any
    # The mock signs with one key and names none in its tokens' headers.
    settings.OIDC_VERIFY_KID = False
    settings.AUTHENTICATION_BACKENDS = [*django_settings.AUTHENTICATION_BACKENDS, BACKEND]
    return issuer


def provider_user(issuer: str, sub: str, **claims: Any) -> None:
    """Tell the provider who ``sub`` is and how they signed in."""
    response = requests.put(f"{issuer}/users/{sub}", json=claims, timeout=10)
    assert response.status_code == 204


def with_email(user: User, email: str) -> User:
    user.email = email
    user.save(update_fields=["email"])
    return user


def authorize(client: Client, sub: str, *, start: str = "/accounts/sso/start/") -> str:
    """Start at our page, sign in at the provider as ``sub``; the callback path to follow."""
    response = client.get(start)
    assert response.status_code == 302
    at_provider = requests.post(
        response["Location"], data={"sub": sub}, allow_redirects=False, timeout=10
    )
    assert at_provider.status_code == 302, at_provider.text[:300]
    callback = urlsplit(at_provider.headers["Location"])
    assert callback.path == "/accounts/sso/callback/"
    return f"{callback.path}?{callback.query}"


def sign_in_with_provider(client: Client, sub: str) -> "Response":
    return client.get(authorize(client, sub))


def refusal_shown(client: Client, response: "Response") -> str:
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    return client.get("/accounts/login/").content.decode()


def audited(user: User, action: AuditAction) -> int:
    return AuditEvent.objects.filter(action=action, object_id=user.public_id).count()


def client() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en")


pytestmark = pytest.mark.django_db


# --- Who comes in ---------------------------------------------------------------------


def test_a_matched_user_whose_provider_asserts_mfa_reaches_the_staff_desk(
    world: World, sso: str
) -> None:
    counsellor = with_email(world.counsellor_a, "counsellor-a@example.org")
    provider_user(sso, "c-a", email="Counsellor-A@example.org", email_verified=True, amr=MFA)
    browser = client()
    response = sign_in_with_provider(browser, "c-a")
    assert response["Location"] == "/staff/"
    assert browser.get("/staff/").status_code == 200
    assert audited(counsellor, AuditAction.SSO_LOGIN) == 1
    assert audited(counsellor, AuditAction.SECOND_FACTOR_IDENTITY_PROVIDER) == 1
    assert audited(counsellor, AuditAction.LOGIN) == 0


def test_without_an_mfa_claim_the_second_factor_is_still_asked_for(world: World, sso: str) -> None:
    counsellor = with_email(world.counsellor_a, "counsellor-a@example.org")
    device = enrol_authenticator(counsellor)
    provider_user(sso, "c-a", email="counsellor-a@example.org", email_verified=True, amr=["pwd"])
    browser = client()
    assert sign_in_with_provider(browser, "c-a")["Location"] == "/staff/"
    response = browser.get("/staff/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/verify/"
    assert audited(counsellor, AuditAction.SSO_LOGIN) == 1
    assert audited(counsellor, AuditAction.SECOND_FACTOR_IDENTITY_PROVIDER) == 0
    # The code then opens the desk, as after a password.
    browser.post("/accounts/2fa/verify/", {"code": current_code(device)})
    assert browser.get("/staff/").status_code == 200


def test_an_mfa_value_that_is_not_configured_does_not_count(
    world: World, sso: str, settings: Any
) -> None:
    settings.INFOHUB_OIDC_MFA_AMR = ["hwk"]
    with_email(world.counsellor_a, "counsellor-a@example.org")
    provider_user(sso, "c-a", email="counsellor-a@example.org", email_verified=True, amr=MFA)
    browser = client()
    sign_in_with_provider(browser, "c-a")
    assert browser.get("/staff/")["Location"] == "/accounts/2fa/verify/"


def test_a_configured_acr_counts_as_the_second_factor(
    world: World, sso: str, settings: Any
) -> None:
    settings.INFOHUB_OIDC_MFA_ACR = ["urn:example:loa:high"]
    with_email(world.manager_a, "manager-a@example.org")
    provider_user(
        sso, "m-a", email="manager-a@example.org", email_verified=True, acr="urn:example:loa:high"
    )
    browser = client()
    sign_in_with_provider(browser, "m-a")
    assert browser.get("/staff/").status_code == 200


def test_a_later_sign_in_without_mfa_drops_the_verification_of_an_earlier_one(
    world: World, sso: str
) -> None:
    with_email(world.counsellor_a, "counsellor-a@example.org")
    provider_user(sso, "c-a", email="counsellor-a@example.org", email_verified=True, amr=MFA)
    browser = client()
    sign_in_with_provider(browser, "c-a")
    assert browser.get("/staff/").status_code == 200
    provider_user(sso, "c-a", email="counsellor-a@example.org", email_verified=True)
    sign_in_with_provider(browser, "c-a")
    assert browser.get("/staff/")["Location"] == "/accounts/2fa/verify/"


def test_the_provider_device_accepts_no_code(world: World, sso: str) -> None:
    counsellor = with_email(world.counsellor_a, "counsellor-a@example.org")
    provider_user(sso, "c-a", email="counsellor-a@example.org", email_verified=True, amr=MFA)
    sign_in_with_provider(client(), "c-a")
    device = IdentityProviderDevice.objects.get(user=counsellor)
    assert not device.verify_token("123456")
    assert not device.verify_token("")


def test_an_unknown_email_is_refused_and_no_account_is_created(world: World, sso: str) -> None:
    provider_user(sso, "stranger", email="stranger@example.org", email_verified=True, amr=MFA)
    accounts = User.objects.count()
    browser = client()
    page = refusal_shown(browser, sign_in_with_provider(browser, "stranger"))
    assert "No active staff account here has the e-mail address of your Example ID" in page
    assert User.objects.count() == accounts
    assert "_auth_user_id" not in browser.session
    assert not AuditEvent.objects.filter(action=AuditAction.SSO_LOGIN).exists()


@pytest.mark.parametrize("verified", [False, "false", None])
def test_an_unverified_email_is_refused(world: World, sso: str, verified: object) -> None:
    with_email(world.counsellor_a, "counsellor-a@example.org")
    claims: dict[str, Any] = {"email": "counsellor-a@example.org", "amr": MFA}
    if verified is not None:
        claims["email_verified"] = verified
    provider_user(sso, "c-a", **claims)
    browser = client()
    page = refusal_shown(browser, sign_in_with_provider(browser, "c-a"))
    assert "Example ID did not confirm your e-mail address" in page
    assert browser.get("/staff/")["Location"].startswith("/accounts/login/")


def test_two_accounts_with_the_same_email_are_both_refused(world: World, sso: str) -> None:
    with_email(world.counsellor_a, "shared@example.org")
    with_email(world.counsellor_b, "SHARED@example.org")
    provider_user(sso, "s", email="shared@example.org", email_verified=True, amr=MFA)
    browser = client()
    page = refusal_shown(browser, sign_in_with_provider(browser, "s"))
    assert "More than one staff account here has the e-mail address" in page
    assert "_auth_user_id" not in browser.session


def test_a_deactivated_account_is_refused(world: World, sso: str) -> None:
    counsellor = with_email(world.counsellor_a, "counsellor-a@example.org")
    counsellor.is_active = False
    counsellor.save(update_fields=["is_active"])
    provider_user(sso, "c-a", email="counsellor-a@example.org", email_verified=True, amr=MFA)
    browser = client()
    page = refusal_shown(browser, sign_in_with_provider(browser, "c-a"))
    assert "No active staff account here" in page


def test_a_session_ends_when_its_account_is_deactivated(world: World, sso: str) -> None:
    counsellor = with_email(world.counsellor_a, "counsellor-a@example.org")
    provider_user(sso, "c-a", email="counsellor-a@example.org", email_verified=True, amr=MFA)
    browser = client()
    sign_in_with_provider(browser, "c-a")
    assert browser.get("/staff/").status_code == 200
    User.objects.filter(pk=counsellor.pk).update(is_active=False)
    assert browser.get("/staff/")["Location"].startswith("/accounts/login/")


def test_a_user_with_no_roles_gets_no_roles(db: None, sso: str) -> None:
    nobody = User.objects.create_user("no-roles", email="no-roles@example.org")
    provider_user(
        sso,
        "n",
        email="no-roles@example.org",
        email_verified=True,
        amr=MFA,
        groups=["admin"],
        roles=["admin", "counsellor"],
    )
    browser = client()
    assert sign_in_with_provider(browser, "n")["Location"] == "/staff/"
    nobody.refresh_from_db()
    assert not Membership.objects.filter(user=nobody).exists()
    assert not nobody.groups.exists()
    assert not nobody.is_staff
    assert not nobody.is_superuser
    assert not AuditEvent.objects.filter(action=AuditAction.ROLE_GRANT).exists()


def test_the_backend_refuses_to_create_an_account(db: None) -> None:
    assert django_settings.OIDC_CREATE_USER is False
    with pytest.raises(PermissionDenied):
        SingleSignOnBackend().create_user({"email": "new@example.org", "email_verified": True})
    assert not User.objects.filter(email="new@example.org").exists()


def test_a_user_keeps_exactly_the_roles_they_had(world: World, sso: str) -> None:
    analyst = with_email(world.analyst_a, "analyst-a@example.org")
    held = Membership.objects.filter(user=analyst).values_list("role", "hub", "organisation")
    before = list(held)
    provider_user(
        sso, "a", email="analyst-a@example.org", email_verified=True, amr=MFA, roles=["admin"]
    )
    browser = client()
    sign_in_with_provider(browser, "a")
    assert browser.get("/staff/").status_code == 200
    assert list(held.all()) == before


# --- The flow's own checks --------------------------------------------------------------


def test_a_replayed_callback_fails(world: World, sso: str) -> None:
    counsellor = with_email(world.counsellor_a, "counsellor-a@example.org")
    provider_user(sso, "c-a", email="counsellor-a@example.org", email_verified=True, amr=MFA)
    browser = client()
    callback = authorize(browser, "c-a")
    assert browser.get(callback)["Location"] == "/staff/"
    # The same browser again: its state was used up, so nothing happens.
    assert browser.get(callback)["Location"] == "/accounts/login/"
    # Another browser, which never started a sign-in.
    other = client()
    page = refusal_shown(other, other.get(callback))
    assert "Signing in with Example ID did not work" in page
    assert "_auth_user_id" not in other.session
    assert audited(counsellor, AuditAction.SSO_LOGIN) == 1


def test_a_callback_meant_for_another_browser_fails(world: World, sso: str) -> None:
    """Login CSRF: a victim's browser is handed the attacker's code and state."""
    with_email(world.counsellor_a, "counsellor-a@example.org")
    provider_user(sso, "c-a", email="counsellor-a@example.org", email_verified=True, amr=MFA)
    attacker, victim = client(), client()
    callback = authorize(attacker, "c-a")
    victim.get("/accounts/sso/start/")  # the victim has a state of its own
    refusal_shown(victim, victim.get(callback))
    assert "_auth_user_id" not in victim.session


def test_an_id_token_with_another_nonce_is_refused(
    world: World, sso: str, caplog: pytest.LogCaptureFixture
) -> None:
    """The provider is asked for a nonce this browser was not given: its ID token fails."""
    counsellor = with_email(world.counsellor_a, "counsellor-a@example.org")
    provider_user(sso, "c-a", email="counsellor-a@example.org", email_verified=True, amr=MFA)
    browser = client()
    start = urlsplit(browser.get("/accounts/sso/start/")["Location"])
    params = {key: values[0] for key, values in parse_qs(start.query).items()}
    params["nonce"] = "a-nonce-of-the-attackers-choice"
    at_provider = requests.post(
        f"{sso}{start.path}?{urlencode(params)}",
        data={"sub": "c-a"},
        allow_redirects=False,
        timeout=10,
    )
    callback = urlsplit(at_provider.headers["Location"])
    page = refusal_shown(browser, browser.get(f"{callback.path}?{callback.query}"))
    assert "Signing in with Example ID did not work" in page
    assert "_auth_user_id" not in browser.session
    assert audited(counsellor, AuditAction.SSO_LOGIN) == 0
    assert "single sign-on failed: SuspiciousOperation" in caplog.text


def test_a_denial_at_the_provider_signs_nobody_in(world: World, sso: str) -> None:
    browser = client()
    start = browser.get("/accounts/sso/start/")
    denied = requests.post(
        start["Location"], data={"action": "deny"}, allow_redirects=False, timeout=10
    )
    callback = urlsplit(denied.headers["Location"])
    assert "error=access_denied" in callback.query
    page = refusal_shown(browser, browser.get(f"{callback.path}?{callback.query}"))
    assert "did not work" in page


def test_the_callback_goes_back_to_the_page_asked_for(world: World, sso: str) -> None:
    with_email(world.counsellor_a, "counsellor-a@example.org")
    provider_user(sso, "c-a", email="counsellor-a@example.org", email_verified=True, amr=MFA)
    browser = client()
    hub_page = f"/staff/hubs/{world.hub_a.public_id}/"
    callback = authorize(browser, "c-a", start=f"/accounts/sso/start/?next={hub_page}")
    assert browser.get(callback)["Location"] == hub_page


def test_an_unreachable_provider_is_a_message_not_an_error(
    db: None, sso: str, settings: Any
) -> None:
    settings.INFOHUB_OIDC_ISSUER = "http://localhost:9"  # discard port: nothing listens
    browser = client()
    page = refusal_shown(browser, browser.get("/accounts/sso/start/"))
    assert "Signing in with Example ID did not work" in page


def test_refused_callbacks_count_towards_the_lockout_of_the_address(
    world: World, sso: str, settings: Any
) -> None:
    settings.AXES_FAILURE_LIMIT = 2
    provider_user(sso, "stranger", email="stranger@example.org", email_verified=True)
    for _ in range(2):
        sign_in_with_provider(Client(REMOTE_ADDR="10.9.9.9"), "stranger")
    with_email(world.counsellor_a, "counsellor-a@example.org")
    provider_user(sso, "c-a", email="counsellor-a@example.org", email_verified=True, amr=MFA)
    browser = Client(REMOTE_ADDR="10.9.9.9")
    assert sign_in_with_provider(browser, "c-a").status_code == 429
    assert "_auth_user_id" not in browser.session
    # Another address is not affected.
    assert sign_in_with_provider(client(), "c-a")["Location"] == "/staff/"


def test_password_sign_in_works_beside_single_sign_on(world: World, sso: str) -> None:
    enrol_authenticator(world.counsellor_a)
    browser = client()
    sign_in(browser, world.counsellor_a)
    assert browser.get("/staff/").status_code == 200


# --- Configuration --------------------------------------------------------------------


def test_the_sign_in_page_offers_the_provider_when_configured(db: None, sso: str) -> None:
    page = client().get("/accounts/login/?next=/staff/").content.decode()
    assert "Sign in with Example ID" in page
    assert 'href="/accounts/sso/start/?next=/staff/"' in page


def test_the_link_and_the_refusals_are_in_the_reader_s_language(db: None, sso: str) -> None:
    browser = Client(HTTP_ACCEPT_LANGUAGE="ht")
    assert "Konekte ak Example ID" in browser.get("/accounts/login/").content.decode()
    provider_user(sso, "stranger", email="stranger@example.org", email_verified=True)
    page = refusal_shown(browser, sign_in_with_provider(browser, "stranger"))
    assert "Pa gen okenn kont anplwaye aktif isit la" in page


def test_single_sign_on_is_off_unless_configured(db: None) -> None:
    assert not django_settings.INFOHUB_OIDC_ENABLED
    assert BACKEND not in django_settings.AUTHENTICATION_BACKENDS
    assert "Sign in with" not in client().get("/accounts/login/").content.decode()
    assert client().get("/accounts/sso/start/").status_code == 404
    assert client().get("/accounts/sso/callback/?code=x&state=y").status_code == 404


# --- Claim rules ------------------------------------------------------------------------


def test_only_a_true_email_verified_counts() -> None:
    assert email_is_verified({"email_verified": True})
    assert email_is_verified({"email_verified": "true"})
    for value in (False, "false", "yes", 1, None):
        assert not email_is_verified({"email_verified": value})
    assert not email_is_verified({})


def test_mfa_is_read_from_amr_or_acr_as_configured() -> None:
    rules: dict[str, Any] = {"amr_values": ["mfa", "hwk"], "acr_values": ["loa3"]}
    assert mfa_claim({"amr": ["pwd", "hwk"]}, **rules) == "amr=hwk"
    assert mfa_claim({"acr": "loa3"}, **rules) == "acr=loa3"
    assert mfa_claim({"amr": ["pwd"], "acr": "loa1"}, **rules) == ""
    assert mfa_claim({"amr": "mfa"}, **rules) == ""  # amr is a list, never a string
    assert mfa_claim({}, **rules) == ""


def test_an_id_token_for_another_client_or_issuer_does_not_match() -> None:
    token = {"aud": ["infohub", "other"], "iss": "https://id.example.org"}
    assert audience_and_issuer_match(token, client_id="infohub", issuer="https://id.example.org")
    assert not audience_and_issuer_match(token, client_id="infohub", issuer="")  # never unchecked
    assert not audience_and_issuer_match(token, client_id="x", issuer="https://id.example.org")
    assert not audience_and_issuer_match(token, client_id="infohub", issuer="https://evil")
    assert not audience_and_issuer_match(
        {"iss": "https://id.example.org"}, client_id="infohub", issuer=""
    )
