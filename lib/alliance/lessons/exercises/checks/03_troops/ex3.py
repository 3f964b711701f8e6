"""03_troops ex3: an otter-grader public test (run with `grader.check("ex3")`)."""
from otter.test_files import test_case

from alliance.lessons.exercises import column_values, same  # noqa: F401
from alliance.lessons.exercises import troops

OK_FORMAT = False
name = "ex3"


@test_case(points=1, hidden=False, success_message="Right.",
           failure_message='Not yet. ex3 should be the source ids (a set or list) of the latest MSMT troops-sent figure: its own `source_id` and those of its rows in `citations`.')
def test_ex3(ex3, est, citations):
    assert same(ex3, troops.expected_ex3(est, citations))
