"""The demo sheets read back to exactly what the seeded generator wrote."""

from __future__ import annotations

import pandas as pd
import pytest

from data.demo import SAMPLES, generate
from data.reader import read_sheet


@pytest.fixture(scope="module")
def generated() -> pd.DataFrame:
    return generate()


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_demo_sheet_reads_back_to_the_generator(generated, suffix):
    result = read_sheet(SAMPLES / f"demo_returns.{suffix}")
    cases = result.cases
    assert len(cases) == len(generated) == 6240
    for column in ("reason", "request_type", "status"):
        assert cases[column].value_counts().to_dict() == generated[column].value_counts().to_dict(), column
    assert cases.case_id.tolist() == generated.case_id.tolist()
    assert cases.reason_raw.tolist() == generated.reason_raw.tolist()
    assert (cases.request_date == generated.request_date.dt.floor("min")).all()
    assert cases.refund_amount.tolist() == generated.refund_amount.tolist()
    assert cases.proof_provided.tolist() == generated.proof_provided.tolist()
    assert result.problems.empty
    assert result.summary().loc[0, ["rows read", "to import", "rejected"]].tolist() == [6240, 6240, 0]


def test_demo_mapping_is_exact_and_signature_stable():
    first, second = read_sheet(SAMPLES / "demo_returns.csv"), read_sheet(SAMPLES / "demo_returns.xlsx")
    columns = first.sheets[0].columns
    assert set(columns.matched) == {"exact synonym"} and (columns.confidence >= 0.95).all()
    assert first.sheets[0].signature == second.sheets[0].signature
    assert first.mapping[""]["Reason"] == "reason_raw"
