"""06_exchange ex3: an otter-grader public test (run with `grader.check("ex3")`)."""
from otter.test_files import test_case

from alliance.lessons.exercises import column_values, same  # noqa: F401
from alliance.lessons.exercises import exchange

OK_FORMAT = False
name = "ex3"


@test_case(points=1, hidden=False, success_message="Right.",
           failure_message="Not yet. ex3 should be a set of source ids: the source_id of every payments_to_dprk estimate in the whole table, and every source that citations.csv records for them.")
def test_ex3(ex3, est, cit):
    assert same(ex3, exchange.expected_ex3(est, cit))
