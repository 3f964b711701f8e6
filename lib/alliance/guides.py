"""The teacher's guide of each lesson, declared once: goals, a 45- and a 90-minute plan, which
exercises to set, common mistakes. The renderer builds one private page per lesson from these
(render/guide.py), linked from the private index only. Plain data: nothing heavy imported.

Every exercise a guide names must exist in its notebook (tests/render/test_teaching.py)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Guide:
    goals: tuple[str, ...]
    plan_45: tuple[tuple[int, str], ...]     # (minutes, what happens)
    plan_90: tuple[tuple[int, str], ...]
    set_45: tuple[int, ...]                  # exercise numbers to set in a 45-minute class
    set_90: tuple[int, ...]
    mistakes: tuple[str, ...]


INTRO, WORK, WRAP = "Introduce the lesson from the slides", "Students work on the exercises", "Share answers; compare with the model answers"

GUIDES: dict[str, Guide] = {
    "00_overview": Guide(
        goals=("Know what the dataset holds and how every row names its source",
               "Load a table with `data` and count with `value_counts`",
               "Follow a figure back to the outlet and the speaker behind it"),
        plan_45=((10, INTRO), (10, "Read sections 1–3 together: the record counts and the source mix"),
                 (20, WORK + " 1–3, checking each with its check cell"), (5, WRAP)),
        plan_90=((15, INTRO), (20, "Read the lesson together; students re-run it cell by cell"),
                 (35, WORK + " 1–4 in pairs"), (20, WRAP + "; discuss the source mix (exercise 4)")),
        set_45=(1, 2, 3), set_90=(1, 2, 3, 4),
        mistakes=("Counting rows of `sources` instead of `events` in exercise 1",
                  "Printing `syndicated_from` without counting it, or keeping only `head()` of the counts",
                  "Treating a newspaper's report of an official's figure as the newspaper's own finding")),
    "01_timeline": Guide(
        goals=("Filter rows by date and count them by group",
               "Tell confirmed, reported, claimed and disputed events apart",
               "Join two tables (`merge`) to read where sources disagree"),
        plan_45=((10, INTRO), (10, "Walk through the lanes chart and the monthly tempo"),
                 (20, WORK + " 1–3"), (5, WRAP)),
        plan_90=((15, INTRO), (20, "Walk through every section; re-run with another `start`/`end`"),
                 (40, WORK + " 1–5 (4 and 5 in pairs)"), (15, WRAP)),
        set_45=(1, 2, 3), set_90=(1, 2, 3, 4, 5),
        mistakes=("Using `date` (text) instead of `date_start` (a date) when filtering",
                  "Forgetting `observed=True` and getting empty themes in the counts",
                  "Using `events` where the exercise says `selected` (the parameters' selection)",
                  "Merging on the wrong columns (`event_id` against `source_id` instead of `record_id`)")),
    "02_treaty": Guide(
        goals=("Read a defence clause: precondition, trigger, obligation, conditions",
               "Compare clauses across treaties from a table",
               "Use `explode`, `isin` and `idxmax` on real rows"),
        plan_45=((10, INTRO), (10, "Read Article 4 closely (section 2) with the class"),
                 (20, WORK + " 1–3"), (5, WRAP)),
        plan_90=((15, INTRO), (25, "Sections 2–4 together: the comparison and the road to force"),
                 (35, WORK + " 1–5"), (15, WRAP + "; debate exercise 2's question")),
        set_45=(1, 2, 3), set_90=(1, 2, 3, 4, 5),
        mistakes=("Counting topics without `explode` (one count per list instead of per topic)",
                  "Taking the longest wait over every step, including the invocation after entry into force",
                  "Reading 'automatic' as 'unconditional': the conditions column still applies")),
    "03_troops": Guide(
        goals=("Read an estimate as a range with an estimator, a date and a scope",
               "Compare figures only when scope and date match",
               "Trace a number to every source recorded for it"),
        plan_45=((10, INTRO), (10, "The troops-sent and casualty charts: who counts what"),
                 (20, WORK + " 1–3"), (5, WRAP)),
        plan_90=((15, INTRO), (20, "Every chart and the maps; re-run with `estimators = ['ent_nis']`"),
                 (40, WORK + " 1–4"), (15, WRAP)),
        set_45=(1, 2, 3), set_90=(1, 2, 3, 4),
        mistakes=("Mixing cumulative totals with figures for one period (`scope`)",
                  "Using `best` alone when a row gives only `low` and `high` (`troops.value` handles it)",
                  "Forgetting the citations table: a figure can have more sources than its `source_id`")),
    "04_china_angle": Guide(
        goals=("Compare two measurements of the same trade",
               "Compute a ratio and a percentage difference",
               "Join statements to the entities who made them"),
        plan_45=((10, INTRO), (10, "The trade chart (log axis) and the Security Council vote"),
                 (20, WORK + " 1–3"), (5, WRAP)),
        plan_90=((15, INTRO), (20, "Every section; re-run with other `years`"),
                 (40, WORK + " 1–4"), (15, WRAP)),
        set_45=(1, 2, 3), set_90=(1, 2, 3, 4),
        mistakes=("Dividing 2021 by 2019 (a factor below 1) instead of 2019 by 2021",
                  "Reading a log axis as linear",
                  "Merging on `entity_id` alone, when the statement's column is `actor1_id`")),
    "05_claims_check": Guide(
        goals=("Read a fact-check: claim, verdict, explanation, evidence",
               "Aggregate ratings by topic and count cited evidence",
               "Know how a new reviewed article enters the dataset"),
        plan_45=((10, INTRO), (15, "Read three claims with their evidence together"),
                 (15, WORK + " 1–2"), (5, WRAP)),
        plan_90=((15, INTRO), (20, "Every claim table; re-run with `verdicts = ['misleading']`"),
                 (40, WORK + " 1–4"), (15, WRAP)),
        set_45=(1, 2), set_90=(1, 2, 3, 4),
        mistakes=("Averaging the verdict labels instead of `rating_value`",
                  "Keeping only `head(10)` in `ex2` (the check wants every count)",
                  "Taking much evidence for supporting evidence")),
    "06_exchange": Guide(
        goals=("Set what North Korea sends beside what Russia gives, each with its estimator",
               "Tell a confirmed figure from a reported or claimed one, and count both",
               "Follow an estimate back to every source recorded for it"),
        plan_45=((10, INTRO), (10, "The two flows on the timeline, and who estimates what"),
                 (20, WORK + " 1–3"), (5, WRAP)),
        plan_90=((15, INTRO), (20, "Every section; re-run with one direction or one estimator"),
                 (40, WORK + " 1–4"), (15, WRAP + "; discuss what a confirmed-only chart hides")),
        set_45=(1, 2, 3), set_90=(1, 2, 3, 4),
        mistakes=("Adding figures of different units (barrels, USD, persons) into one total",
                  "Counting rows with `count` where `nunique` of the estimator is asked",
                  "Keeping only an estimate's own source and forgetting citations.csv")),
}

RUNNING = ("Give the class the student folder (`reports/student/`: the HTML pages to read, the "
           "`.ipynb` notebooks to work in; no solutions), or run `make lab-student` on a "
           "classroom machine. Students need Python with this project installed (`pip install -e .` "
           "brings pandas, matplotlib, otter-grader for the checks) and JupyterLab. Show the "
           "slides (`reports/slides/`), hand out the PDF (`reports/handout/`), and keep the "
           "teacher versions and the teacher PDF (`reports-teacher/`) to yourself.")
