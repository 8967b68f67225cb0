"""Comment terms in English, Indonesian and Vietnamese, counted by hand."""

import unicodedata

import pandas as pd
import pytest

from analysis.comments import frequent_terms, stopwords, terms


def test_terms_three_languages_and_stop_words():
    comments = pd.Series(
        [
            "The zipper is broken!!",  # en: "the", "is" are stop words
            "Ukurannya kekecilan, tidak sesuai",  # id: negation "tidak" is kept
            unicodedata.normalize("NFD", "Hàng bị lỗi, không dùng được"),  # vi, decomposed accents
            None,
            "size 42 too small",  # numbers are dropped
        ]
    )
    got = terms(comments)
    by_row = got.groupby("row")["term"].apply(list).to_dict()
    assert by_row[0] == ["zipper", "broken", "zipper broken"]
    assert by_row[1] == ["ukurannya", "kekecilan", "tidak", "sesuai", "ukurannya kekecilan", "kekecilan tidak", "tidak sesuai"]
    assert by_row[2] == ["lỗi", "không", "dùng", "lỗi không", "không dùng"]  # NFC-normalised, "hàng", "bị", "được" are stop words
    assert by_row[4] == ["size", "too", "small", "size too", "too small"]
    assert 3 not in by_row


def test_stopword_files_are_data():
    words = stopwords(("vi",))
    assert "của" in words and "không" not in words
    assert "#" not in "".join(words)


def test_frequent_terms_share_and_lift():
    cases = pd.DataFrame(
        {
            "reason": ["Other"] * 4 + ["Wrong size or fit"] * 2,
            "comment": ["gift for my sister", "gift, not needed", "sister did not like it", "", "too small, not good", "too small for me"],
            "courier_return": pd.array([False] * 5 + [True], dtype="boolean"),
        }
    )
    got = frequent_terms(cases, min_count=1).set_index(["reason", "term"])
    # Other has 4 comments with text ("" counts as a comment with no terms); "gift" in 2 -> share 0.5; never elsewhere -> lift inf
    assert got.loc[("Other", "gift"), ["count", "share"]].tolist() == [2, 0.5]
    assert got.loc[("Other", "gift"), "lift"] == float("inf")
    # "not": 2 of 4 in Other (0.5) against 1 of 1 elsewhere (1.0): lift 0.5; the other way round 2.0
    assert got.loc[("Other", "not"), ["count", "lift"]].tolist() == [2, 0.5]
    assert got.loc[("Wrong size or fit", "not"), "lift"] == pytest.approx(2.0)
    # the courier return's comment is left out: "too small" once
    assert got.loc[("Wrong size or fit", "too small"), ["count", "share"]].tolist() == [1, 1.0]
    assert frequent_terms(cases.iloc[0:0]).empty


def test_sampled_counts_are_scaled():
    cases = pd.DataFrame({"reason": ["Quality"] * 8, "comment": ["cheap material"] * 8})
    full = frequent_terms(cases, min_count=1).set_index("term")
    sampled = frequent_terms(cases, min_count=1, max_comments=4).set_index("term")
    assert full.loc["cheap material", "count"] == 8
    assert sampled.loc["cheap material", "count"] == 8  # 4 in the sample, scaled by 8 / 4
    assert sampled.loc["cheap material", "share"] == 1.0


def test_a_comment_repeated_across_cases_counts_for_each_case():
    cases = pd.DataFrame(
        {
            "reason": ["Defective"] * 4 + ["Other"] * 2,
            "comment": ["Box crushed!", "screen dead", "box crushed", "Box crushed!", "box crushed", "gift"],
        }
    )
    got = frequent_terms(cases, top=3, min_count=1)
    defective = got[got["reason"] == "Defective"]
    # 3 of Defective's 4 comments say "box crushed" (two spellings), 1 of Other's 2: share 0.75, lift 0.75 / (1 / 2)
    assert defective[["term", "words", "count", "share", "lift"]].values.tolist() == [
        ["box crushed", 2, 3, 0.75, 1.5],
        ["box", 1, 3, 0.75, 1.5],
        ["crushed", 1, 3, 0.75, 1.5],
    ]
    other = got[got["reason"] == "Other"].set_index("term")
    assert other.loc["box crushed", "count"] == 1 and other.loc["box crushed", "share"] == 0.5
