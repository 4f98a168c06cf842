"""Pruning the search change log keeps search correct."""

import io

import pytest
import time_machine
from django.core.management import call_command

from infohub.search.index import reset_search_index
from infohub.search.models import SearchChange
from infohub.search.selectors import search
from infohub.testing.content import publish
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db


def test_old_changes_are_pruned_and_search_still_finds_everything(world: World) -> None:
    with time_machine.travel("2026-01-01 10:00 +0000"):
        publish(world, "asylum", {"en": ("Asking for asylum", "", "How to ask for asylum.")})
    with time_machine.travel("2026-03-01 10:00 +0000"):
        out = io.StringIO()
        call_command("prune_search_changes", "--days", "7", stdout=out)
        call_command("prune_search_changes", "--days", "7", stdout=io.StringIO())
    assert "Deleted" in out.getvalue()
    assert SearchChange.objects.count() == 1  # the newest row is always kept
    reset_search_index()  # a process started after the pruning
    assert [r.title for r in search(query="asylum", lang="en").results] == ["Asking for asylum"]
