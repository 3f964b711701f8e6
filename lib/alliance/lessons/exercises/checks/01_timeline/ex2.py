"""01_timeline ex2: an otter-grader public test (run with `grader.check("ex2")`)."""
from otter.test_files import test_case

from alliance.lessons.exercises import column_values, same  # noqa: F401
from alliance.lessons.exercises import timeline

OK_FORMAT = False
name = "ex2"


@test_case(points=1, hidden=False, success_message="Right.",
           failure_message='Not yet. ex2 should be a Series: per theme of `selected`, the share (between 0 and 1) of events whose status is not `confirmed`.')
def test_ex2(ex2, selected):
    assert same(ex2, timeline.expected_ex2(selected))
