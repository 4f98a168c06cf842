"""Every model holding personal data is declared in the privacy registry by its app.

Walking the installed models means a new app (or a new model) with an encrypted field or
a link to a person fails here until its app registers what it holds.
"""

from django.apps import apps
from django.db.models import Model

from infohub.counselling.models import Person
from infohub.messaging.models import Channel
from infohub.privacy.registry import retention_rules, sections
from infohub.protection.fields import EncryptedTextField
from infohub.protection.models import KeyCanary

# Hold encrypted values that are about no one: the known text that proves a key works,
# and a messaging channel's credentials with its provider.
ABOUT_NO_ONE = {KeyCanary, Channel}


def _points_to_person(model: type[Model]) -> bool:
    fields = model._meta.get_fields()
    return model is Person or any(f.concrete and f.related_model is Person for f in fields)


def _encrypted(model: type[Model]) -> bool:
    return any(isinstance(f, EncryptedTextField) for f in model._meta.get_fields())


def _personal_models() -> set[type[Model]]:
    found = {m for m in apps.get_models() if _points_to_person(m) or _encrypted(m)}
    return found - ABOUT_NO_ONE


def _in_sections() -> set[type[Model]]:
    return {model for section in sections() for model in section.models}


def test_every_model_tied_to_a_person_is_in_a_registered_section() -> None:
    tied = {m for m in _personal_models() if _points_to_person(m)}
    assert tied - _in_sections() == set(), "register a SubjectDataSection in the app's ready()"


def test_personal_data_tied_to_no_person_record_ages_out_by_a_registered_rule() -> None:
    # Callback requests name someone who has no person record: no export or erasure can
    # find them, so their retention rule is what declares them.
    in_rules = {model for rule in retention_rules() for model in rule.models}
    untied = {m for m in _personal_models() if not _points_to_person(m)}
    assert untied - _in_sections() - in_rules == set(), "register a RetentionRule"


def test_the_walk_finds_every_app_known_to_hold_personal_data() -> None:
    holding = {m._meta.app_label for m in _personal_models()}
    assert {"counselling", "referrals", "screening", "callbacks", "messaging"} <= holding
