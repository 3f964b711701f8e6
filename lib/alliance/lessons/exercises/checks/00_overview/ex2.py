"""00_overview ex2: an otter-grader public test (run with `grader.check("ex2")`)."""
from otter.test_files import test_case

from alliance.lessons.exercises import column_values, same  # noqa: F401
from alliance.lessons.exercises import overview

OK_FORMAT = False
name = "ex2"


@test_case(points=1, hidden=False, success_message="Right.",
           failure_message='Not yet. ex2 should be the URL (a string) of the source of the first row of `data.estimates()`: look its `source_id` up in `sources`.')
def test_ex2(ex2, estimates, sources):
    assert same(ex2, overview.expected_ex2(estimates, sources))
