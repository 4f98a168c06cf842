"""Every domain error class of the project, found by importing every module of every app."""

import importlib
import pkgutil
from functools import cache

from django.apps import apps

from infohub.core.errors import DomainError


def _import_every_module() -> None:
    for config in apps.get_app_configs():
        if not config.name.startswith("infohub."):
            continue
        package = importlib.import_module(config.name)
        for module in pkgutil.walk_packages(package.__path__, f"{config.name}."):
            if ".tests" in module.name or ".migrations" in module.name:
                continue
            importlib.import_module(module.name)


def _subclasses(cls: type[DomainError]) -> list[type[DomainError]]:
    found = []
    for sub in cls.__subclasses__():
        found += [sub, *_subclasses(sub)]
    return found


@cache
def domain_error_classes() -> dict[str, type[DomainError]]:
    """Every subclass of DomainError outside the tests, by class name."""
    _import_every_module()
    classes = [c for c in _subclasses(DomainError) if ".tests" not in c.__module__]
    return {c.__name__: c for c in classes}


def raised(name: str) -> DomainError:
    """An instance of the named class carrying its class default message.

    Built without the class's own ``__init__``: some take a path or a list of problems,
    and the default message is what is under test.
    """
    cls = domain_error_classes()[name]
    error = cls.__new__(cls)
    DomainError.__init__(error)
    return error
