from collections.abc import Iterator

import pytest

from infohub.testing.fake_provider import FakeProvider, fake_provider


@pytest.fixture
def provider() -> Iterator[FakeProvider]:
    with fake_provider() as server:
        yield server
