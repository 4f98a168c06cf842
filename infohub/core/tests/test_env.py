"""Environment helpers fail loudly, naming the variable."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from infohub.env import env_bool, env_choice, env_int, env_list, env_str
from infohub.languages import fallback_chain, parse_fallbacks


def test_typed_values_are_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("X_BOOL", "yes")
    monkeypatch.setenv("X_INT", "42")
    monkeypatch.setenv("X_LIST", "a, b,,c")
    assert env_bool("X_BOOL", False) is True
    assert env_int("X_INT", 0) == 42
    assert env_list("X_LIST") == ["a", "b", "c"]
    assert env_str("X_MISSING", "default") == "default"


@pytest.mark.parametrize(
    ("call", "value"),
    [
        (lambda: env_bool("X", False), "perhaps"),
        (lambda: env_int("X", 1), "ten"),
        (lambda: env_int("X", 1, minimum=5), "2"),
        (lambda: env_choice("X", ["a", "b"], "a"), "c"),
        (lambda: env_str("X", required=True), ""),
    ],
)
def test_bad_values_name_the_variable(monkeypatch: pytest.MonkeyPatch, call, value: str) -> None:
    monkeypatch.setenv("X", value)
    with pytest.raises(ImproperlyConfigured, match="X"):
        call()


def test_fallback_chains_end_with_the_default_language() -> None:
    chains = parse_fallbacks("ht:fr,es;fr:es", ["es", "en", "fr", "ht"])
    assert fallback_chain("ht", chains, "en") == ["ht", "fr", "es", "en"]
    assert fallback_chain("en", chains, "en") == ["en"]


def test_fallback_chains_refuse_unknown_languages() -> None:
    with pytest.raises(ImproperlyConfigured, match="xx"):
        parse_fallbacks("ht:xx", ["es", "en", "fr", "ht"])
