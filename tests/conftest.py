"""Shared fixtures: a fresh data cache per test, a writable copy of the valid fixture."""
from __future__ import annotations

import pytest

from alliance import data
from tests.support import VALID, Dataset


@pytest.fixture(autouse=True)
def _fresh_cache():
    data.clear_cache()
    yield
    data.clear_cache()


@pytest.fixture
def dataset(tmp_path):
    """A writable copy of the valid fixture, with helpers to edit one table."""
    return Dataset.copy_of(VALID, tmp_path / "data")
