"""What happened: events, the routes that carried goods and people, recorded votes."""
from __future__ import annotations

from .columns import Col, dated_columns, NOTES, SOURCE, Table
from .vocab import *  # noqa: F403 (the vocabularies these tables use)

TABLES = (
    Table("events", key="event_id", prefix="evt_", dated=True, description="The timeline.",
          columns=(
              Col("event_id", "id", required=True), *dated_columns(),
              Col("title", required=True, max_len=100), Col("description", required=True),
              Col("event_type", "vocab", required=True, vocab=EVENT_TYPES),
              Col("theme", "vocab", required=True, vocab=THEMES),
              Col("actor1_id", "ref", target="entities"), Col("actor2_id", "ref", target="entities"),
              Col("place_id", "ref", target="places"),
              Col("status", "vocab", required=True, vocab=STATUSES), SOURCE, NOTES)),
    Table("routes", key="route_id", prefix="rte_", dated=True,
          description="Links between places that carry munitions, troops, freight or people.",
          columns=(
              Col("route_id", "id", required=True),
              Col("from_place_id", "ref", required=True, target="places"),
              Col("to_place_id", "ref", required=True, target="places"),
              Col("mode", "vocab", required=True, vocab=ROUTE_MODES),
              Col("carries", "vocab", required=True, vocab=ROUTE_CARRIES),
              *dated_columns(),  # when the source reports the route in use
              Col("status", "vocab", required=True, vocab=STATUSES), SOURCE, NOTES)),
    Table("votes", key=None, unique_together=("event_id", "voter_label"),
          description="How members voted in a recorded vote (one row per member, or per group "
                      "of members where the sources do not name them one by one).",
          columns=(
              Col("event_id", "ref", required=True, target="events"),
              Col("voter_id", "ref", target="entities"),  # empty for a group
              Col("voter_label", required=True),
              Col("vote", "vocab", required=True, vocab=VOTES),
              Col("members", "int", required=True, min=1, max=200),
              SOURCE, NOTES)),
)
