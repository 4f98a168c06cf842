"""Nationality pickers list the region's common nationalities first, then every country."""

import re

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from infohub.accounts.models import Hub
from infohub.counselling.forms import ConsultationForm
from infohub.countries import COMMON_NATIONALITIES, nationality_groups
from infohub.pathways.models import Question
from infohub.pathways.presenting import question_view
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db


def test_the_common_nationalities_come_first_then_every_country_in_the_reader_language() -> None:
    (common_label, common), (all_label, everything) = nationality_groups("es")
    assert {code for code, _name in common} == set(COMMON_NATIONALITIES)
    assert ("HT", "Haití") in common
    assert len(everything) > 200
    assert common_label != all_label


def test_the_consultation_form_groups_nationalities(world: World) -> None:
    with translation.override("en"):
        form = ConsultationForm(hubs=Hub.objects.filter(pk=world.hub_a.pk), lang="en")
        html = str(form["nationality"])
    groups = re.findall(r'<optgroup label="([^"]+)">', html)
    assert groups == ["Common in the region", "All countries"]
    first_group = html.split("<optgroup", 2)[1]
    assert '<option value="VE">Venezuela</option>' in first_group
    assert 'value="FR"' not in first_group


def test_a_country_question_of_the_finder_lists_common_nationalities_first() -> None:
    question = Question(key="nationality", type="country", translations={})
    with translation.override("fr"):
        view = question_view(question, "fr", [("FR", "France"), ("HT", "Haïti")])
        html = render_to_string(
            "pathways/question.html",
            {"question": view, "state": None, "country_name": "", "step": 1},
        )
    assert view.option_groups[0][1] == (("HT", "Haïti"),)
    select = html.split('<select id="value"', 1)[1].split("</select>", 1)[0]
    assert select.index('value="HT"') < select.index('value="FR"')
