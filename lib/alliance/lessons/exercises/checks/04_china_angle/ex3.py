"""04_china_angle ex3: an otter-grader public test (run with `grader.check("ex3")`)."""
from otter.test_files import test_case

from alliance.lessons.exercises import column_values, same  # noqa: F401
from alliance.lessons.exercises import china

OK_FORMAT = False
name = "ex3"


@test_case(points=1, hidden=False, success_message="Right.",
           failure_message='Not yet. ex3 should be `said` joined with `entities` (`merge` on `actor1_id` = `entity_id`), keeping the `name` column.')
def test_ex3(ex3, said, entities):
    assert column_values(ex3, 'name') == china.expected_ex3(said, entities)
