"""03_troops ex2: an otter-grader public test (run with `grader.check("ex2")`)."""
from otter.test_files import test_case

from alliance.lessons.exercises import column_values, same  # noqa: F401
from alliance.lessons.exercises import troops

OK_FORMAT = False
name = "ex2"


@test_case(points=1, hidden=False, success_message="Right.",
           failure_message='Not yet. ex2 should be a Series with `min` and `max`: the values (`troops.value`) of cumulative artillery-shell figures whose `date_start` falls in 2024.')
def test_ex2(ex2, est):
    assert same(ex2, troops.expected_ex2(est))
