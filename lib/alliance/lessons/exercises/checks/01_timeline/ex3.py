"""01_timeline ex3: an otter-grader public test (run with `grader.check("ex3")`)."""
from otter.test_files import test_case

from alliance.lessons.exercises import column_values, same  # noqa: F401
from alliance.lessons.exercises import timeline

OK_FORMAT = False
name = "ex3"


@test_case(points=1, hidden=False, success_message="Right.",
           failure_message='Not yet. ex3 should be a table with a `source_id` column: the citations of disputed events with relation `contradicts`, joined to the events with `merge`.')
def test_ex3(ex3, events, citations):
    assert column_values(ex3, 'source_id') == timeline.expected_ex3(events, citations)
