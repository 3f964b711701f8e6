"""01_timeline ex1: an otter-grader public test (run with `grader.check("ex1")`)."""
from otter.test_files import test_case

from alliance.lessons.exercises import column_values, same  # noqa: F401
from alliance.lessons.exercises import timeline

OK_FORMAT = False
name = "ex1"


@test_case(points=1, hidden=False, success_message="Right.",
           failure_message='Not yet. ex1 should count, per theme, the events of `events` whose `date_start` is between 1 and 30 June 2024 (both days included).')
def test_ex1(ex1, events):
    assert same(ex1, timeline.expected_ex1(events))
