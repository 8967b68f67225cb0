"""The named steps of matching a header row (`data.headers.choose`): fixed choices, scores per field, the assignment."""

import numpy as np
import pandas as pd
import pytest

from data.column_labels import LABELS
from data.headers import FIELD_INDEX, FIELDS, assign_fields, choose, fixed_choice, score_headers
from ui.i18n import translations


def test_fixed_choice_order_personal_data_then_user_then_preset_then_meaning():
    phone = [("_personal", 1.0)]
    assert fixed_choice("No. Telepon", {"No. Telepon": "sku"}, {}, phone, {}) == ("_personal", 1.0, "exact synonym")
    assert fixed_choice("Kode", {"kode": "sku"}, {"kode": "order_id"}, [], {}) == ("sku", 1.0, "user")
    assert fixed_choice("Kode", {"Kode": ""}, {}, [], {}) == ("", 1.0, "user")  # the user ignored the column
    assert fixed_choice("Kode", {}, {"kode": "order_id"}, [], {}) == ("order_id", 1.0, "preset")
    assert fixed_choice("Penerima", {}, {}, [], {"_personal": 0.72, "buyer_id": 0.5}) == ("_personal", 0.72, "by meaning")
    assert fixed_choice("Penerima", {}, {}, [], {"_personal": 0.5, "buyer_id": 0.6}) is None  # reads as a buyer id more
    assert fixed_choice("Alasan", {}, {}, [("reason_raw", 1.0)], {"reason_raw": 0.9}) is None


def test_score_headers_scores_only_the_headers_not_fixed():
    headers = ["Alasan Pengembalian", "Nama Pembeli", "Kode"]
    fixed, scores, how = score_headers(headers, {"Kode": "sku"}, {}, None)
    assert fixed == {1: ("_personal", 1.0, "exact synonym"), 2: ("sku", 1.0, "user")}
    assert scores.shape == (3, len(FIELDS))
    assert not scores[1:].any() and not how[1:].any()  # fixed headers are not scored
    best = int(np.argmax(scores[0]))
    assert FIELDS[best] == "reason_raw" and how[0, best] == "exact synonym" and scores[0, best] == 1.1


def test_score_headers_in_a_preset_reads_unlisted_headers_by_synonyms_only():
    # "Why returned" has no synonym; by meaning it is the raw reason (0.9), but not inside a recognised preset.
    _, alone, how = score_headers(["Why returned"], {}, {}, None)
    assert alone[0, FIELD_INDEX["reason_raw"]] == 0.9 and how[0, FIELD_INDEX["reason_raw"]] == "by meaning"
    _, in_preset, _ = score_headers(["Why returned"], {}, {"order id": "order_id"}, None)
    assert not in_preset.any()


def test_assign_fields_maximises_the_total_and_keeps_fixed_fields_out():
    scores = np.zeros((3, len(FIELDS)))
    sku, product = FIELD_INDEX["sku"], FIELD_INDEX["product_name"]
    scores[0, sku], scores[0, product] = 0.9, 0.85  # header 0 is a good SKU and almost as good a product name
    scores[1, sku] = 0.95  # header 1 is only a SKU
    scores[2, product] = 0.3  # below ACCEPT: left unmapped
    how = np.full(scores.shape, "by meaning", dtype=object)
    how[1, sku] = "exact synonym"
    # The best total (0.95 + 0.85) gives header 1 the SKU and header 0 the product name; 0.95 / 1.1 = 0.86.
    assert assign_fields(scores, how, {}) == {0: ("product_name", 0.85, "by meaning"), 1: ("sku", 0.86, "exact synonym")}
    # The user mapped header 2 to the SKU: the SKU field is taken, so header 1 gets nothing and header 0 the product name.
    assert assign_fields(scores, how, {2: ("sku", 1.0, "user")}) == {2: ("sku", 1.0, "user"), 0: ("product_name", 0.85, "by meaning")}


def test_choose_puts_the_steps_together():
    found = choose(["Tanggal Pengajuan", "SKU Penjual", "Nama Pembeli", "Alasan"], {"Alasan": "reason_raw"})
    assert found.matches[["column", "matched"]].values.tolist() == [
        ["request_date", "exact synonym"],
        ["sku", "exact synonym"],
        ["_personal", "exact synonym"],
        ["reason_raw", "user"],
    ]
    assert isinstance(found.scores, pd.DataFrame) and list(found.scores.columns) == list(FIELDS)


@pytest.mark.parametrize("language", ["en", "id", "vi"])
def test_every_header_the_product_writes_reads_back_as_its_column(language):
    say = translations(language).gettext  # how the rows downloads name their columns in each interface language
    written = {column: say(text) for column, text in LABELS.items() if column in FIELDS}
    found = choose(list(written.values())).matches
    assert dict(zip(found.raw, found.column, strict=True)) == {text: column for column, text in written.items()}
