"""One error family: structured fields, messages composed in one place."""
from __future__ import annotations

import datetime as dt

from alliance.errors import AllianceError, ParameterError, ParamSetError


def test_the_message_names_every_known_part_in_one_order():
    err = ParamSetError("is not allowed", file="notebooks/params.yml", line=4, column=7,
                        notebook="01_timeline", set_name="bad", parameter="themes",
                        value="gossip", allowed="a list of diplomacy, treaty")
    assert str(err) == ("notebooks/params.yml:4:7: 01_timeline, set 'bad': parameter 'themes': "
                        "'gossip' is not allowed; expected a list of diplomacy, treaty")


def test_context_is_added_on_the_way_up_without_editing_strings():
    err = ParameterError("is before start 2024-01-01", parameter="end", value=dt.date(2023, 1, 1))
    assert str(err) == "parameter 'end': 2023-01-01 is before start 2024-01-01"
    err.within(notebook="01_timeline", parameter="ignored")  # known fields are kept
    assert str(err) == "01_timeline: parameter 'end': 2023-01-01 is before start 2024-01-01"
    assert err.args == (str(err),)


def test_long_values_are_capped():
    err = AllianceError("is too long", value="x" * 1000)
    assert len(str(err)) < 260
