"""00_overview ex1: an otter-grader public test (run with `grader.check("ex1")`)."""
from otter.test_files import test_case

from alliance.lessons.exercises import column_values, same  # noqa: F401
from alliance.lessons.exercises import overview

OK_FORMAT = False
name = "ex1"


@test_case(points=1, hidden=False, success_message="Right.",
           failure_message='Not yet. ex1 should be a Series: one count per theme, as `value_counts()` gives for the `theme` column of every event.')
def test_ex1(ex1, events):
    assert same(ex1, overview.expected_ex1(events))
