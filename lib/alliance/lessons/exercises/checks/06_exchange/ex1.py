"""06_exchange ex1: an otter-grader public test (run with `grader.check("ex1")`)."""
from otter.test_files import test_case

from alliance.lessons.exercises import column_values, same  # noqa: F401
from alliance.lessons.exercises import exchange

OK_FORMAT = False
name = "ex1"


@test_case(points=1, hidden=False, success_message="Right.",
           failure_message="Not yet. ex1 should be a Series of counts of the selected figures by direction and status (groupby on direction, then value_counts of status).")
def test_ex1(ex1, selected):
    assert same(ex1, exchange.expected_ex1(selected))
