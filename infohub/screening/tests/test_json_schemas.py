"""A criterion's names and required action are parsed strictly before the admin saves them."""

from typing import Any

import pytest

from infohub.screening.errors import ScreeningError
from infohub.screening.models import Criterion
from infohub.screening.schemas import CRITERION_ACTION, CRITERION_NAMES, criterion_texts

pytestmark = pytest.mark.django_db


def test_the_seeded_names_and_actions_round_trip() -> None:
    for criterion in Criterion.objects.all():
        assert CRITERION_NAMES.validate_python(criterion.names) == criterion.names
        assert CRITERION_ACTION.validate_python(criterion.action) == criterion.action


def test_valid_texts_are_returned_as_given() -> None:
    names, action = criterion_texts(names={"en": "Pregnancy"}, action={})
    assert (names, action) == ({"en": "Pregnancy"}, {})


@pytest.mark.parametrize(
    ("names", "action", "message"),
    [
        ("Pregnancy", {}, "names: Input should be a valid dictionary"),
        ({"en": ["Pregnancy"]}, {}, r"names\.en: Input should be a valid string"),
        ({}, {}, "names: Value error, expected a name in at least one language"),
        ({"en": "Pregnancy"}, {"en": ""}, r"action\.en: Value error, the text must not be empty"),
        ({"en": "Pregnancy"}, [], "action: Input should be a valid dictionary"),
        (
            {"xx": "Pregnancy"},
            {},
            r"names\.xx\.\[key\]: Value error, 'xx' is not an enabled content language",
        ),
    ],
)
def test_it_refuses_malformed_texts(names: Any, action: Any, message: str) -> None:
    with pytest.raises(ScreeningError, match=message):
        criterion_texts(names=names, action=action)
