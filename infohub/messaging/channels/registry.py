"""The channel kinds infohub can speak, by name."""

from infohub.messaging.channels.base import ChannelKind

_KINDS: dict[str, ChannelKind] = {}


def register(kind: ChannelKind) -> None:
    """Make a kind available to channels; each name once."""
    if kind.kind in _KINDS:
        raise ValueError(f"A channel kind named {kind.kind!r} is already registered.")
    _KINDS[kind.kind] = kind


def kind_named(name: str) -> ChannelKind:
    """The registered kind of that name; ``KeyError`` if there is none."""
    return _KINDS[name]


def kind_names() -> list[str]:
    """The names of every registered kind, sorted."""
    return sorted(_KINDS)
