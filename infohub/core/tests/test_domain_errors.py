"""Every domain error has a code, a 4xx status and a translated message, and comes out of
the API in the one error shape and out of pages as an error page, never a 500."""

import re

import pytest
from django.test import Client
from django.utils import translation

from infohub.audit.services import AuditOutsideTransactionError
from infohub.core.errors import DomainError
from infohub.core.tests.domain_errors import domain_error_classes, raised
from infohub.pathways.rules.language import RuleError
from infohub.protection.errors import DataProtectionError

pytestmark = pytest.mark.urls("infohub.core.tests.urls")

NAMES = sorted(domain_error_classes())
TRANSLATED = ("es", "fr", "ht")


def test_every_app_has_its_domain_errors_under_the_one_base() -> None:
    modules = {cls.__module__ for cls in domain_error_classes().values()}
    for app in ("accounts", "articles", "callbacks", "counselling", "directory", "news"):
        assert f"infohub.{app}.errors" in modules
    for app in ("pathways", "privacy", "referrals", "screening", "search"):
        assert f"infohub.{app}.errors" in modules


def test_class_names_and_codes_are_unique() -> None:
    classes = domain_error_classes().values()
    assert len({cls.__qualname__ for cls in classes}) == len(NAMES)
    assert len({cls.code for cls in classes}) == len(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_it_has_its_own_code_and_a_client_error_status(name: str) -> None:
    cls = domain_error_classes()[name]
    assert re.fullmatch(r"[a-z_]+", cls.code)
    assert "code" in vars(cls), "each class names its own code"
    assert 400 <= cls.status <= 499


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("lang", TRANSLATED)
def test_its_default_message_is_translated(name: str, lang: str) -> None:
    error = raised(name)
    with translation.override("en"):
        english = str(error)
    with translation.override(lang):
        assert str(error) not in ("", english)


@pytest.mark.parametrize("name", NAMES)
def test_the_api_answers_it_in_the_one_shape_with_its_status_and_code(name: str) -> None:
    cls = domain_error_classes()[name]
    response = Client().get(f"/api/test-errors/{name}", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == cls.status
    assert response.json() == {
        "error": {"code": cls.code, "message": _in("fr", cls), "details": None}
    }


@pytest.mark.parametrize("name", NAMES)
def test_a_page_answers_it_with_its_status_and_message_not_a_500(name: str) -> None:
    cls = domain_error_classes()[name]
    response = Client().get(f"/en/test-errors/{name}/")
    assert response.status_code == cls.status
    assert response["Content-Type"].startswith("text/html")
    assert _in("en", cls) in response.content.decode()


def test_a_staff_page_answers_it_with_the_staff_header() -> None:
    response = Client().get(
        "/staff/test-errors/ReferralTransitionError/", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "The referral cannot take this step now." in page
    assert 'action="/i18n/setlang/"' in page


def test_a_view_that_catches_the_error_still_answers_itself() -> None:
    response = Client().get("/en/test-reshow/")
    assert response.status_code == 200
    assert response.content.decode() == "form again: This referral was refused."


def test_a_message_given_when_raised_is_the_one_shown() -> None:
    with translation.override("es"):
        assert str(DomainError("Sin cambios.")) == "Sin cambios."
        assert str(DomainError()) != "This request cannot be carried out."


def _in(lang: str, cls: type[DomainError]) -> str:
    with translation.override(lang):
        return str(cls.default_message)


def test_programming_guards_and_internal_helpers_are_not_domain_errors() -> None:
    for guard in (AuditOutsideTransactionError, DataProtectionError, RuleError):
        assert not issubclass(guard, DomainError)
