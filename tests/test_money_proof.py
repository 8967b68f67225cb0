"""Money and proof, against totals added up by hand."""

import pandas as pd
import pytest

from analysis.money import CurrencyRule, lost_to_auto_approval, money_summary, refunded_without_proof, refunds_by
from analysis.proof import proof_share, refunds_without_proof


def _cases():
    return pd.DataFrame(
        {
            "case_id": list("abcdefg"),
            "request_date": pd.to_datetime(
                [
                    "2026-11-15 23:00",
                    "2026-11-16 01:00",
                    "2026-11-16 00:00",
                    "2026-11-17 00:00",
                    "2026-11-18 00:00",
                    "2026-11-19 00:00",
                    "2026-11-20 00:00",
                ]
            ),
            "reason": pd.Categorical(["Defective", "Defective", "Quality", "Quality", "Other", "Defective", "Late or not delivered"]),
            "request_type": ["Refund Only", "Return + Refund", "Refund Only", "Exchange", "Refund Only", "Refund Only", "Refund Only"],
            "status": ["refunded", "auto-approved", "rejected", "exchanged", "refunded", "requested", "refunded"],
            "refund_amount": [100.0, 40.0, 60.0, None, 10.0, 0.0, 25.0],
            "proof_provided": pd.array([False, False, False, True, None, True, False], dtype="boolean"),
            "courier_return": pd.array([False] * 6 + [True], dtype="boolean"),
        }
    )


def test_refunds_by_reason_and_week():
    by_reason = refunds_by(_cases()).set_index("reason")
    # the rejected case's 60 was asked for, never paid; the requested case's 0 likewise
    assert by_reason["refund"].to_dict() == {"Defective": 140.0, "Late or not delivered": 25.0, "Other": 10.0, "Quality": 0.0}
    assert by_reason.loc["Defective", "share"] == pytest.approx(140 / 175)
    assert by_reason.loc["Defective", "refunded_cases"] == 2
    by_week = refunds_by(_cases(), "week")
    assert by_week["week"].dt.strftime("%d").tolist() == ["09", "16"]  # Sunday 23:00 belongs to the week before
    assert by_week["refund"].tolist() == [100.0, 75.0]


def test_losses():
    cases = _cases()
    before = cases.copy()
    rule = CurrencyRule()  # no case names a currency: every amount is the shop's own
    assert lost_to_auto_approval(cases, rule).main == 40.0
    # a (100) and b (40) paid without proof; c was rejected, e's proof unknown, g is a courier return
    without = refunded_without_proof(cases, rule)
    assert without.main == 140.0
    assert (without.coverage.known, without.coverage.total) == (2, 3)  # refunded requests a, b, e: e's proof unknown
    summary = money_summary(cases, rule)
    assert {name: figure.main for name, figure in summary.items()} == {"refunds": 175.0, "auto_approved": 40.0, "without_proof": 140.0}
    # d (exchanged) has no amount: unknown; c (rejected) and f (requested) paid a known 0
    assert (summary["refunds"].coverage.known, summary["refunds"].coverage.total) == (6, 7)
    assert refunds_without_proof(cases).case_id.tolist() == ["a", "b"]
    pd.testing.assert_frame_equal(cases, before)


def test_proof_share_by_type():
    got = proof_share(_cases()).set_index("request_type")
    # Refund Only (buyer requests a, c, e, f): known a, c, f; with proof f -> 1 of 3; e unknown
    assert got.loc["Refund Only", ["cases", "with_proof", "unknown"]].tolist() == [3, 1, 1]
    assert got.loc["Refund Only", "share"] == pytest.approx(1 / 3)
    assert got.loc["Exchange", "share"] == 1.0


def test_a_reason_with_no_known_refund_is_left_out_not_zero():
    """Reasons from a returns log with no amount column are unknown in money, never a 0 bar beside the paid ones."""
    from ui.charts import empty_sentence, refunds_ranked

    cases = _cases()
    log = pd.DataFrame(
        {
            "case_id": ["x", "y"],
            "request_date": pd.to_datetime(["2026-11-18", "2026-11-19"]),
            "reason": ["Wrong size or fit", "Defective"],
            "request_type": ["Return + Refund"] * 2,
            "status": [None, None],
            "refund_amount": [None, None],
        }
    )
    mixed = pd.concat([cases, log], ignore_index=True)
    by_reason = refunds_by(mixed).set_index("reason")["refund"].to_dict()
    # Defective keeps its 140 (its unknown case adds nothing); "Wrong size or fit" has no known amount: absent
    assert by_reason == {"Defective": 140.0, "Late or not delivered": 25.0, "Other": 10.0, "Quality": 0.0}
    assert refunds_by(mixed, "request_type").set_index("request_type")["refund"].to_dict() == {
        "Refund Only": 135.0,
        "Return + Refund": 40.0,
    }  # Return + Refund: case b's 40, the log's two add nothing;
    # Exchange is absent: its one case (d, exchanged) has no amount
    only_log = refunds_by(log)
    assert only_log.empty
    assert (
        empty_sentence(refunds_ranked(only_log, "reason", "Refund value by reason", "IDR", "Reason"))
        == "No case with a refund amount in this view has a reason."
    )


def test_money_figures_with_no_amount_in_any_file_are_not_in_the_files():
    """A returns export with statuses but no amount column: what auto-approval and missing proof cost is unknown, never 0."""
    from data.schema import conform

    log = conform(
        pd.DataFrame(
            {
                "case_id": ["x", "y", "z"],
                "request_date": pd.to_datetime(["2026-11-18", "2026-11-19", "2026-11-20"]),
                "sku": "A",
                "reason": ["Quality"] * 3,
                "request_type": ["Return + Refund"] * 3,
                "status": ["approved", "auto-approved", None],
                "refund_amount": [None, None, None],
            }
        )
    )
    rule = CurrencyRule()
    for figure in (lost_to_auto_approval(log, rule), refunded_without_proof(log, rule)):
        assert figure.main is None
        assert (figure.coverage.need, figure.coverage.known, figure.coverage.total, figure.coverage.none) == ("refund amount", 0, 3, True)
    assert lost_to_auto_approval(log, rule).cases == 1  # the count of auto-approved cases is still known
    # One rejected case is a known 0 paid: the figures are known again (0 lost, nothing paid without proof)
    known = pd.concat([log, log.iloc[:1].assign(case_id="w", status="rejected", refund_amount=5.0)], ignore_index=True)
    assert refunded_without_proof(known, rule).main == 0.0
