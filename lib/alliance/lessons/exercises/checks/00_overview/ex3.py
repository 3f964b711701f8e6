"""00_overview ex3: an otter-grader public test (run with `grader.check("ex3")`)."""
from otter.test_files import test_case

from alliance.lessons.exercises import column_values, same  # noqa: F401
from alliance.lessons.exercises import overview

OK_FORMAT = False
name = "ex3"


@test_case(points=1, hidden=False, success_message="Right.",
           failure_message='Not yet. ex3 should be a Series counting each value of `syndicated_from` over every source (sources that are not copies are left out).')
def test_ex3(ex3, sources):
    assert same(ex3, overview.expected_ex3(sources))
