"""05_claims_check ex2: an otter-grader public test (run with `grader.check("ex2")`)."""
from otter.test_files import test_case

from alliance.lessons.exercises import column_values, same  # noqa: F401
from alliance.lessons.exercises import claims

OK_FORMAT = False
name = "ex2"


@test_case(points=1, hidden=False, success_message="Right.",
           failure_message='Not yet. ex2 should count how often each source id appears in `evidence_source_ids`: `explode` the lists, then `value_counts()` (no `head`).')
def test_ex2(ex2, selected):
    assert same(ex2, claims.expected_ex2(selected))
