"""kit.start: the check cell of every lesson."""
from __future__ import annotations

import pytest

from alliance import data, kit
from alliance.errors import ParameterError

@pytest.fixture(scope="module")
def t():
    return data.load_all()


def test_ids_in_parameters_must_exist_in_the_data():
    with pytest.raises(ParameterError, match="'ent_nobody' is not an id in entities.csv"):
        kit.start("01_timeline", actors=["ent_nobody"])
    p = kit.start("01_timeline", actors=["ent_shoigu"])  # exists: fine
    assert p.actors == ["ent_shoigu"] and p.notebook == "01_timeline"


def test_start_clears_the_source_log():
    kit.citations.log.add(["src_x"])
    kit.start("02_treaty")
    assert kit.citations.log.ids == []
