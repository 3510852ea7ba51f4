"""Each check of the pure analysis, on small invented requests (no database)."""

import datetime as dt

from casework.extensions import analysis as an
from casework.extensions.cells import compact_sources
from casework.extensions.comments import draft


def cells(sheet, row, **columns):
    return {name: f"{sheet}!{col}{row}" for name, col in columns.items()}


def budget(year, row, total, national, secured, sought, currency="USD"):
    return an.BudgetYear(
        year,
        total,
        national,
        secured,
        sought,
        currency,
        cells(
            sheet="Budget",
            row=row,
            year="A",
            total="B",
            national="C",
            secured="D",
            sought="E",
            currency="F",
        ),
    )


def plan(year, row, clear, milestones="m"):
    return an.PlanYear(
        year,
        0,
        0,
        clear,
        4,
        milestones,
        cells(
            "WorkPlan",
            row,
            year="A",
            cancel_m2="B",
            reduce_m2="C",
            clear_m2="D",
            milestones="F",
        ),
    )


def request(**overrides):
    values = dict(
        state="SEN",
        current_deadline=dt.date(2026, 3, 1),
        requested_deadline=dt.date(2028, 3, 1),
        currency="USD",
        stated_total_cost=300.0,
        has_resource_mobilisation_plan=True,
        has_risk_education=True,
        has_gender_diversity=True,
        has_survey_of_remaining_areas=True,
        regions=(
            an.Region(
                "North",
                100,
                100,
                cells("Contamination", 2, confirmed_m2="B", suspected_m2="C"),
            ),
        ),
        plan=(plan(2026, 2, 50), plan(2027, 3, 100), plan(2028, 4, 50)),
        budget=(
            budget(2026, 2, 100, 30, 50, 20),
            budget(2027, 3, 100, 30, 50, 20),
            budget(2028, 4, 100, 30, 50, 20),
        ),
        past=(an.PastYear(2024, 100, 150.0), an.PastYear(2025, 100, 150.0)),
        cells={"total_cost": "Request!B8", "resource_mobilisation_plan": "Request!B10"},
    )
    values.update(overrides)
    return an.RequestData(**values)


def codes(result):
    return {f.code for f in result.findings}


def test_a_consistent_request_has_no_finding_and_a_full_checklist():
    result = an.analyse(request())
    assert result.findings == ()
    assert all(item.ok for item in result.checklist)


def test_funding_gap_per_year_and_total_and_national_share():
    result = an.analyse(request())
    assert [y.gap for y in result.years] == [20, 20, 20]
    assert result.total_gap == 60
    assert result.national_share == 0.3


def test_yearly_budgets_that_do_not_sum_to_the_stated_total_are_flagged_with_the_cell():
    result = an.analyse(request(stated_total_cost=350.0))
    finding = next(f for f in result.findings if f.code == "budget_total_mismatch")
    assert finding.sources[0] == "Request!B8"
    assert "Budget!B2" in finding.sources
    assert finding.params == {"stated": 350.0, "summed": 300.0}


def test_no_national_contribution_is_flagged_with_the_national_cells():
    lines = (
        budget(2026, 7, 100, 0, 50, 50),
        budget(2027, 8, 100, None, 50, 50),
        budget(2028, 9, 100, 0, 50, 50),
    )
    result = an.analyse(request(budget=lines))
    finding = next(f for f in result.findings if f.code == "no_national_contribution")
    assert finding.sources == ("Budget!C7", "Budget!C8", "Budget!C9")
    # A missing national value also leaves the split incomplete, cited by its cell.
    split = next(
        i for i in result.checklist if i.code == "national_international_split"
    )
    assert not split.ok and split.sources == ("Budget!C8",)


def test_a_year_whose_parts_do_not_add_up_cites_its_row():
    lines = (
        budget(2026, 2, 100, 30, 50, 20),
        budget(2027, 3, 100, 30, 50, 40),
        budget(2028, 4, 100, 30, 50, 20),
    )
    finding = next(
        f
        for f in an.analyse(request(budget=lines)).findings
        if f.code == "budget_year_parts_mismatch"
    )
    assert finding.sources[0] == "Budget!B3" and finding.params["year"] == 2027


def test_years_outside_the_requested_period():
    result = an.analyse(
        request(plan=(plan(2026, 2, 50), plan(2027, 3, 100), plan(2030, 4, 50)))
    )
    finding = next(f for f in result.findings if f.code == "year_outside_period")
    assert finding.sources == ("WorkPlan!A4",)


def test_areas_that_change_between_tables():
    result = an.analyse(
        request(
            stated_area_m2=500,
            plan=(plan(2026, 2, 50), plan(2027, 3, 100), plan(2028, 4, 10)),
        )
    )
    assert {"area_summary_mismatch", "plan_area_mismatch"} <= codes(result)
    summary = next(f for f in result.findings if f.code == "area_summary_mismatch")
    assert summary.sources[:2] == ("request (remaining_area_m2)", "Contamination!B2")


def test_currency_mix_cites_the_currency_cell():
    lines = (
        budget(2026, 2, 100, 30, 50, 20),
        budget(2027, 3, 100, 30, 50, 20, "EUR"),
        budget(2028, 4, 100, 30, 50, 20),
    )
    finding = next(
        f
        for f in an.analyse(request(budget=lines)).findings
        if f.code == "currency_mix"
    )
    assert finding.sources == ("Budget!F3",)


def test_required_rate_against_past_rate():
    realistic = an.analyse(request()).release
    assert realistic.required_rate_m2 == 100 and realistic.past_rate_m2 == 100
    assert realistic.verdict == an.Verdict.REALISTIC
    slow = an.analyse(
        request(past=(an.PastYear(2025, 20, cells={"released_m2": "PastRelease!B2"}),))
    )
    assert slow.release.verdict == an.Verdict.UNREALISTIC
    finding = next(f for f in slow.findings if f.code == "release_rate_unrealistic")
    assert finding.sources == ("PastRelease!B2",)


def test_entered_past_rate_is_used_without_history():
    release = an.analyse(request(past=(), entered_past_rate_m2=60)).release
    assert (
        release.past_rate_source == "entered"
        and release.verdict == an.Verdict.AMBITIOUS
    )


def test_cost_per_m2_against_own_history_and_other_requests():
    # 300 over 200 m² = 1.5 a m²; history 2000/200 = 10 a m²; others median 1.0.
    result = an.analyse(
        request(past=(an.PastYear(2024, 100, 1000.0), an.PastYear(2025, 100, 1000.0))),
        others=[
            an.OtherRequest("a", 1.0),
            an.OtherRequest("b", 0.5),
            an.OtherRequest("c", 3.0),
        ],
    )
    assert result.cost.request_cost_per_m2 == 1.5
    assert result.cost.own_history_cost_per_m2 == 10
    assert result.cost.others_median_cost_per_m2 == 1.0
    assert "cost_vs_history_low" in codes(result)
    assert "cost_vs_others_high" not in codes(result)


def test_completeness_checklist_names_what_is_missing():
    result = an.analyse(
        request(
            has_resource_mobilisation_plan=False,
            has_risk_education=False,
            plan=(
                plan(2026, 2, 50, milestones=""),
                plan(2027, 3, 100),
                plan(2028, 4, 50),
            ),
            budget=(budget(2026, 2, 100, 30, 50, 20),),
            stated_total_cost=None,
        )
    )
    missing = {item.code: item.sources for item in result.missing}
    assert missing["annual_milestones"] == ("WorkPlan!F2",)
    assert missing["budget_per_year"] == ("WorkPlan!A3", "WorkPlan!A4")
    assert missing["resource_mobilisation_plan"] == ("Request!B10",)
    assert "risk_education" in missing and "gender_diversity" not in missing


def test_comments_in_every_language_encourage_the_individualised_approach_when_gap_is_large():
    data = request(
        budget=(
            budget(2026, 2, 100, 0, 10, 90),
            budget(2027, 3, 100, 0, 10, 90),
            budget(2028, 4, 100, 0, 10, 90),
        )
    )
    result = an.analyse(data)
    assert result.gap_is_large
    english = "\n".join(draft(result, data, language="en"))
    french = "\n".join(draft(result, data, language="fr"))
    spanish = "\n".join(draft(result, data, language="es"))
    assert "individualised approach" in english and "Budget!C2" in english
    assert english.startswith("Senegal requests") and "USD 270" in english
    assert (
        "approche individualisée" in french
        and "aucune contribution nationale" in french
    )
    # domain.locale keeps an amount and its currency together with a no-break space
    assert french.startswith("Le Sénégal demande") and "270\u00a0USD" in french
    assert "1er mars 2026 au 1er mars 2028" in french
    assert spanish.startswith("El Senegal solicita una prórroga")
    assert "del 1 de marzo de 2026 al 1 de marzo de 2028" in spanish
    assert (
        "el Comité alienta al Senegal a recurrir al enfoque individualizado" in spanish
    )
    assert "ninguna contribución nacional (Budget!C2:C4)" in spanish
    assert "270\u00a0USD (90\u00a0%)" in spanish


def test_comments_follow_the_grammar_of_the_state_name():
    data = request(state="KHM")
    result = an.analyse(data)
    french = draft(result, data, language="fr")[0]
    spanish = draft(result, data, language="es")[-1]
    assert french.startswith("Le Cambodge demande") and "Il fait état" in french
    assert spanish.startswith("El Comité agradece a Camboya su solicitud")


def test_analysis_module_never_imports_django():
    import casework.extensions.analysis as module
    import casework.extensions.cells
    import casework.extensions.charts
    import casework.extensions.comments  # noqa: F401

    for path in (
        module.__file__,
        casework.extensions.comments.__file__,
        casework.extensions.charts.__file__,
    ):
        with open(path, encoding="utf-8") as source:
            assert "django" not in source.read()


def test_sources_are_shown_as_ranges():
    assert compact_sources(["Budget!C2", "Budget!C3", "Budget!C4", "p. 3"]) == [
        "Budget!C2:C4",
        "p. 3",
    ]
    square = [f"WorkPlan!{c}{r}" for r in (2, 3) for c in "BCD"]
    assert compact_sources(["Request!B8", *square]) == [
        "Request!B8",
        "WorkPlan!B2:D3",
    ]
    assert compact_sources(["Budget!C2", "Budget!C4", "Budget!D2"]) == [
        "Budget!C2, Budget!C4, Budget!D2"
    ]


def test_a_year_outside_the_period_in_both_tables_is_one_finding():
    result = an.analyse(
        request(
            plan=(plan(2026, 2, 50), plan(2027, 3, 100), plan(2030, 4, 50)),
            budget=(
                budget(2026, 2, 100, 30, 50, 20),
                budget(2027, 3, 100, 30, 50, 20),
                budget(2030, 4, 100, 30, 50, 20),
            ),
        )
    )
    outside = [f for f in result.findings if f.code == "year_outside_period"]
    assert [f.sources for f in outside] == [("WorkPlan!A4", "Budget!A4")]
