"""06_exchange ex2: an otter-grader public test (run with `grader.check("ex2")`)."""
from otter.test_files import test_case

from alliance.lessons.exercises import column_values, same  # noqa: F401
from alliance.lessons.exercises import exchange

OK_FORMAT = False
name = "ex2"


@test_case(points=1, hidden=False, success_message="Right.",
           failure_message="Not yet. ex2 should be a Series per direction: how many different estimators gave figures in it (nunique, not count).")
def test_ex2(ex2, selected):
    assert same(ex2, exchange.expected_ex2(selected))
