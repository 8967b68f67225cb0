"""Recurring causes: which SKU × reason pairs (or person × reason, channel × reason, ...) stand out beyond chance.

Method, for each pair (entity e, cause c), in three spans ending at `as_of`: the last `weeks` weeks
(the window), its most recent half, and the entity's own history (the last `history_weeks` weeks):
  1. expected = the entity's volume × the cause's share in the rest of the shop over the span
     (leave-one-out, so a big SKU does not hide its own problem in the shop mix). Entities with a cause
     far beyond chance over the history (binomial, Bonferroni at 0.05, with the reporting rule's count and
     lift) are left out of everyone else's shop mix, the most extreme first: one big SKU's problem must not
     raise the bar for that cause, nor lower it for its other causes, for every other SKU;
  2. a one-sided test of the observed count against that share, as a mid-p value (P(X > x) + P(X = x) / 2:
     the plain exact test is conservative at small counts). Entities' shares of a cause differ a little by
     nature, which a binomial test reads as evidence once volumes are large; so X is beta-binomial, the
     entity's share drawn from Beta(κ p, κ (1 − p)) around the shop share p (`scipy.stats.betabinom`).
     κ is estimated from the shop itself (empirical Bayes): with the Pearson residuals z of the history's
     pairs that expect at least 5 cases either way (left-out entities aside), trimmed at |z| < 3, solve
     mean(z² / (1 + (n − 1) ρ)) = E[z² | |z| < 3] = 0.97334 for ρ = 1 / (κ + 1). With fewer than 10 such
     pairs, or no spread beyond the binomial, κ = ∞: the plain binomial test;
  3. the three p-values are combined by Simes' rule (min over i of 3 × p_(i) / i; the spans are nested,
     so their tests are positively dependent), giving the pair's p-value;
  4. weighted Benjamini–Hochberg over every pair (Genovese, Roeder & Wasserman 2006), kept at q <= 0.05:
     a pair's weight is min(1, λ / `full_weight_expected`)², λ its expected count over the history, scaled
     to mean 1. A pair expected to hold a case or two can rarely show strong evidence, so it gets a smaller
     share of the false-discovery budget instead of diluting everyone's; the weights depend on volumes and
     the shop mix only, never on the pair's own count, so the control of false discoveries holds.
A pair is reported only with at least `min_count` cases in the span that made it stand out and a
shrunk lift >= `min_lift`: the rate (count + k × shop share) / (volume + k), with k = `prior_cases`
pseudo-cases at the shop's share, pulls small volumes toward the shop average, so "50% of 2 orders"
never alerts. The history span finds a weak problem that has been there for months; the recent half
finds one that began a few weeks ago. `benchmarks/recurring_quality.py` measures recall and false
discoveries on seeded shops against the naive one-window test (`binomial_naive`): on its 20 shops,
recall 0.92 on strong planted causes (naive 0.57), 23 weaker ones found (naive 13), false-discovery
rate 0.06.

Persistence: a week of the window "stood out" when it held at least 2 cases of the pair and its own
binomial p against the shop share was <= 0.05. Status, from the entity's own history before the
window (a conditional binomial test of the window's count against the before-window rate, p <= 0.01):
`new` — risen against its own past, which was ordinary (or there is no past);
`growing` — risen against a past that already stood out;
`fading` — fallen against its own past, or the window's second half fell against its first;
`recurring` — stood out before the window and still does, at a steady rate.

Courier returns are not buyer requests and are left out, and so, by SKU, are cases with no SKU (`sku_level`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.common import buyer_mask, codes, equals, sku_level, week_start
from analysis.phrases import Day, Phrase, Share, Word
from analysis.sources import case_as_of
from data.lazy import Lazy
from data.schema import NO_SKU

# SciPy, imported on first use (data.lazy)
brentq = Lazy("scipy.optimize", "brentq")
betabinom = Lazy("scipy.stats", "betabinom")
binom = Lazy("scipy.stats", "binom")
false_discovery_control = Lazy("scipy.stats", "false_discovery_control")

COLUMNS = ("count", "expected", "lift", "q_value", "weeks_flagged", "status", "evidence")
STATUSES = ("new", "growing", "recurring", "fading")  # pairs with cases in the recent window
EARLIER = "earlier"  # stood out over the history, no case in the recent window: never an alert
_LEAVE_OUT = 0.05  # Bonferroni level at which an entity is left out of the shop mix
_MAX_LEFT_OUT = 20  # entities left out of the shop mix at most (one per pass)
_TRIMMED_CHI2_MEAN = 0.97334  # E[z² | |z| < 3] for a standard normal z


@dataclass
class _Span:
    x: np.ndarray  # entity × cause counts
    n: np.ndarray  # entity volumes (column vector)
    p0: np.ndarray  # leave-one-out shop share of the cause


# What `_prepare` hands on: the kept cases, their entity and cause codes, the labels of both, each case's week counted
# back from its as-of date, and the as-of dates.
_Prepared = tuple[pd.DataFrame, np.ndarray, np.ndarray, tuple[np.ndarray, np.ndarray], np.ndarray, np.ndarray]


def _shares(x: np.ndarray, n: np.ndarray, left_out: np.ndarray | None = None) -> np.ndarray:
    """Each pair's shop share of the cause from the other entities, without the entities in `left_out` (bool per
    entity); where nothing would be left to compare with, from all the other entities."""
    with np.errstate(divide="ignore", invalid="ignore"):
        p0 = (x.sum(axis=0, keepdims=True) - x) / (n.sum() - n)
        if left_out is not None and left_out.any():
            kept = ~left_out[:, None]
            xk, nk = np.where(kept, x, 0), np.where(kept, n, 0)
            base = nk.sum() - nk
            p0 = np.where(base > 0, (xk.sum(axis=0, keepdims=True) - xk) / base, p0)
    shares: np.ndarray = np.clip(np.nan_to_num(p0, nan=1.0), 1e-9, 1.0)
    return shares


def _span(entity: np.ndarray, cause: np.ndarray, mask: np.ndarray, shape: tuple[int, int], left_out: np.ndarray | None = None) -> _Span:
    e, c = entity[mask], cause[mask]
    x = np.bincount(e * shape[1] + c, minlength=shape[0] * shape[1]).reshape(shape).astype(np.int64)
    n = x.sum(axis=1, keepdims=True)
    return _Span(x, n, _shares(x, n, left_out))


def _left_out(span: _Span, min_count: int, min_lift: float, prior_cases: float) -> np.ndarray:
    """Entities with a cause far beyond chance (binomial, Bonferroni at `_LEAVE_OUT`, with the reporting rule's count
    and lift), left out of the shop mix one at a time, the most extreme first, recomputing the shares each time:
    one big SKU's problem must not raise the bar for that cause, nor lower it for its other causes, for all others."""
    x, n = span.x, span.n
    out = np.zeros(len(x), dtype=bool)
    level = _LEAVE_OUT / max(x.size, 1)
    for _ in range(_MAX_LEFT_OUT):
        p0 = _shares(x, n, out)
        lift = (x + prior_cases * p0) / (n + prior_cases) / p0
        cand = (x >= min_count) & (lift >= min_lift) & ~out[:, None]
        if not cand.any():
            break
        p = np.ones(x.shape)
        p[cand] = _upper_p(x[cand], np.broadcast_to(n, x.shape)[cand], p0[cand])
        if p.min() > level:
            break
        out[np.unravel_index(p.argmin(), p.shape)[0]] = True
    return out


def _upper_p(x: np.ndarray, n: np.ndarray, p0: np.ndarray, kappa: float | np.ndarray = np.inf) -> np.ndarray:
    """One-sided mid-p, P(X > x) + P(X = x) / 2, X binomial, or beta-binomial with concentration `kappa` (the
    entity's own share varies around p0 by nature); pairs with fewer than 2 cases cannot stand out and get 1.

    The beta-binomial tail is heavier and slower to work out, so only where the binomial one is below 0.05; above
    it a pair is nowhere near standing out and the (smaller) binomial value stands in."""
    n = np.broadcast_to(n, x.shape)
    out = np.ones(x.shape)
    test = x >= 2
    out[test] = binom.sf(x[test] - 1, n[test], p0[test]) - 0.5 * binom.pmf(x[test], n[test], p0[test])
    kappa = np.broadcast_to(kappa, x.shape)
    test &= np.isfinite(kappa) & (out <= 0.05)
    if test.any():
        share, conc = np.clip(p0[test], 1e-9, 1 - 1e-9), kappa[test]
        a, b = conc * share, conc * (1 - share)
        out[test] = betabinom.sf(x[test] - 1, n[test], a, b) - 0.5 * betabinom.pmf(x[test], n[test], a, b)
    return np.clip(np.nan_to_num(out, nan=1.0), 0.0, 1.0)


def _concentration(span: _Span, left_out: np.ndarray, min_pairs: int = 10) -> float:
    """How much entities' shares of a cause differ by nature: the beta-binomial concentration κ (inf: not at all).

    From the pairs expecting at least 5 cases either way, outside the left-out entities (a problem pushes its own
    count up and its entity's other causes down): with Pearson residuals z, solve for ρ = 1 / (κ + 1)
    mean(z² / (1 + (n − 1) ρ)) = E[z² | |z| < 3] over the pairs whose scaled |z| is below 3 (the trim keeps the
    problems that remain from passing for natural spread).

    Twelve entities of 100 cases at a 50% share, with 40 or 60 cases (z² = 4): 4 / (1 + 99 ρ) = 0.97334, κ = 1 / ρ − 1.

    >>> x = np.array([[40, 60], [60, 40]] * 6)
    >>> round(_concentration(_Span(x, np.full((12, 1), 100), np.full((12, 2), 0.5)), np.zeros(12, dtype=bool)), 2)
    30.84
    """
    n = np.broadcast_to(span.n, span.x.shape).astype(float)
    mean = n * span.p0
    sel = (mean >= 5) & (n - mean >= 5) & ~left_out[:, None]
    if sel.sum() < min_pairs:
        return np.inf
    z2 = (span.x[sel] - mean[sel]) ** 2 / (mean[sel] * (1 - span.p0[sel]))
    size = n[sel] - 1

    def excess(rho: float) -> float:
        scaled = z2 / (1 + size * rho)
        return float(np.mean(scaled[scaled < 9.0]) - _TRIMMED_CHI2_MEAN)

    if excess(0.0) <= 0:
        return np.inf
    return 1 / brentq(excess, 0.0, 0.5) - 1 if excess(0.5) < 0 else 1.0


def binomial_naive(
    cases: pd.DataFrame,
    *,
    as_of: pd.Timestamp | str | None = None,
    weeks: int = 8,
    by: tuple[str, str] = ("sku", "reason"),
    q: float = 0.05,
) -> pd.DataFrame:
    """The naive baseline: one binomial test per pair over the last `weeks` weeks against the shop-wide mix, BH at q.

    Kept for the quality benchmark; the dashboard uses `recurring_causes`.

    >>> cases = pd.DataFrame({"sku": ["A"] * 12 + ["B"] * 200 + ["C"] * 200,
    ...     "reason": ["X"] * 10 + ["Y"] * 2 + (["X"] * 10 + ["Y"] * 190) * 2, "request_date": pd.Timestamp("2026-11-20")})
    >>> binomial_naive(cases)[["sku", "reason", "count"]].values.tolist()
    [['A', 'X', 10]]
    """
    frame, entity, cause, labels, wk, _ = _prepare(cases, as_of, weeks, by)
    shape = (len(labels[0]), len(labels[1]))
    span = _span(entity, cause, wk < weeks, shape)
    share = span.x.sum(axis=0, keepdims=True) / max(span.n.sum(), 1)
    p = _upper_p(span.x, span.n, np.broadcast_to(share, span.x.shape).copy())
    qv = false_discovery_control(p.ravel(), method="bh").reshape(shape)
    ei, ci = np.nonzero(qv <= q)
    return pd.DataFrame({by[0]: labels[0][ei], by[1]: labels[1][ci], "count": span.x[ei, ci], "q_value": qv[ei, ci]})


def _prepare(cases: pd.DataFrame, as_of: pd.Timestamp | str | None, weeks: int, by: tuple[str, str]) -> _Prepared:
    """The buyer requests with both `by` values and a date, coded, with each case's week counted back from the date
    its source is judged as of (`analysis.sources`): 0 is that date's week; cases after it, or undated, get int64 max."""
    judged_all = case_as_of(cases, as_of).to_numpy(dtype="datetime64[ns]")  # every case's source sets its date
    if "sku" in by:
        cases, judged_all = _named(cases, judged_all)
    keep_rows = buyer_mask(cases) & cases[by[0]].notna().to_numpy() & cases[by[1]].notna().to_numpy()
    keep_rows &= cases["request_date"].notna().to_numpy()
    frame, judged = cases.loc[keep_rows], judged_all[keep_rows]
    dates = frame["request_date"]
    entity, e_labels = codes(frame[by[0]])
    cause, c_labels = codes(frame[by[1]])
    if len(frame) == 0 or np.isnat(judged).all():
        wk = np.full(len(frame), -1)
    else:
        days = (week_start(pd.Series(judged)).to_numpy() - week_start(dates).to_numpy()).astype("timedelta64[D]").astype(np.int64)
        wk = np.where(~np.isnat(judged) & (dates.to_numpy() <= judged), days // 7, -1)
    keep = (wk >= 0) & (entity >= 0) & (cause >= 0)
    wk = np.where(keep, wk, np.iinfo(np.int64).max)
    return frame, np.where(keep, entity, 0), np.where(keep, cause, 0), (e_labels, c_labels), wk, judged


def _named(cases: pd.DataFrame, judged: np.ndarray) -> tuple[pd.DataFrame, np.ndarray]:
    """`sku_level` with the as-of dates kept in step."""
    named = sku_level(cases)
    if len(named) == len(cases):
        return cases, judged
    return named, judged[~equals(cases["sku"], NO_SKU)]


def _weights(expected: np.ndarray, full_weight: float) -> np.ndarray:
    """Weighted BH weights from a pair's expected count over the history: min(1, expected / full_weight)²."""
    return np.minimum(expected / full_weight, 1.0) ** 2


def _weighted_bh(p: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Benjamini–Hochberg q-values of p / w, with the weights scaled to mean 1 over the pairs they judge (w > 0)."""
    qv = np.ones(p.shape)
    judged = w > 0
    if judged.any():
        scaled = w[judged] / w[judged].mean()
        qv[judged] = false_discovery_control(np.minimum(p[judged] / scaled, 1.0), method="bh")
    return qv


def _entity_label(column: str, value: object) -> Phrase | str:
    if column == "sku":
        return Phrase("SKU {sku}", sku=str(value))
    if column == "handled_by":
        return Phrase("{person} (person in charge)", person=str(value))
    return str(value)


def recurring_causes(
    cases: pd.DataFrame,
    *,
    as_of: pd.Timestamp | str | None = None,
    weeks: int = 8,
    by: tuple[str, str] = ("sku", "reason"),
    history_weeks: int = 52,
    q: float = 0.05,
    min_count: int = 5,
    min_lift: float = 1.5,
    prior_cases: float = 10.0,
    full_weight_expected: float = 5.0,
) -> pd.DataFrame:
    """Pairs of `by` (default SKU × reason) that stand out beyond chance, strongest first.

    `as_of` defaults to the latest request date; weeks are ISO weeks (Monday to Sunday) counted back
    from the week holding `as_of`. Other useful `by`: ("sku", "request_type"), ("handled_by", "reason"),
    ("channel", "reason"). Columns: the two `by` columns, `count` and `expected` (in the last `weeks`
    weeks), `lift` (count / expected, shrunk toward 1 for small volumes), `q_value`, `weeks_flagged`,
    `status`, `evidence` (a sentence with the raw numbers), plus `volume` and `share`. The module
    docstring states the method. The caller's frame is not changed.

    A's 15 "X" of 30 against 15 of 300 (5%) in the rest of the shop (B and C): 1.5 expected.

    >>> cases = pd.DataFrame({"sku": ["A"] * 30 + ["B"] * 150 + ["C"] * 150,
    ...     "reason": ["X"] * 15 + ["Y"] * 15 + (["X"] * 8 + ["Y"] * 142) + (["X"] * 7 + ["Y"] * 143),
    ...     "request_date": pd.Timestamp("2026-11-20")})
    >>> recurring_causes(cases)[["sku", "reason", "count", "expected", "status"]].values.tolist()
    [['A', 'X', 15, 1.5, 'new']]
    """
    _, entity, cause, labels, wk, judged = _prepare(cases, as_of, weeks, by)
    shape = (len(labels[0]), len(labels[1]))
    masks = (wk < weeks, wk < max(1, weeks // 2), wk < max(history_weeks, weeks))  # window, its recent half, history
    left_out = _left_out(_span(entity, cause, masks[2], shape), min_count, min_lift, prior_cases)
    spans = tuple(_span(entity, cause, m, shape, left_out) for m in masks)
    window = spans[0]
    kappa = _concentration(spans[2], left_out)
    p_each = np.stack([_upper_p(s.x, s.n, s.p0, kappa) for s in spans])
    k = len(spans)
    ranked = np.sort(p_each, axis=0)  # Simes' combination of the spans' p-values
    p = np.minimum(1.0, (ranked * k / np.arange(1, k + 1)[:, None, None]).min(axis=0))
    qv = _weighted_bh(p, _weights(spans[2].n * spans[2].p0, full_weight_expected))
    best = p_each.argmin(axis=0)

    def pick(attr: str) -> np.ndarray:
        picked: np.ndarray = np.choose(best, [np.broadcast_to(getattr(s, attr), shape) for s in spans])
        return picked

    bx, bn, bp0 = pick("x"), pick("n"), pick("p0")
    shrunk_lift = (bx + prior_cases * bp0) / (bn + prior_cases) / bp0
    keep = (qv <= q) & (bx >= min_count) & (shrunk_lift >= min_lift)
    ei, ci = np.nonzero(keep)
    out_cols = [by[0], by[1], *COLUMNS, "volume", "share", "as_of"]
    if len(ei) == 0:
        return pd.DataFrame({c: [] for c in out_cols})

    x, n, p0 = window.x[ei, ci], window.n[ei, 0], window.p0[ei, ci]
    expected = n * p0
    lift = (x + prior_cases * p0) / (n + prior_cases) / p0
    flagged = _weeks_flagged(entity, cause, wk, weeks, shape, ei, ci, p0)
    seen, pair_as_of = _weeks_seen_and_as_of(entity, cause, wk, judged, weeks, history_weeks, shape, ei, ci)
    dated = wk[wk < np.iinfo(np.int64).max]
    active = min(weeks, int(dated.max()) + 1) if len(dated) else weeks  # the window's weeks the data covers
    has_past = bool(len(dated)) and int(dated.max()) >= weeks  # the data reaches back before the window
    facts = _facts(entity, cause, wk, weeks, history_weeks, shape, ei, ci, window)
    status = _status(facts, x, n, p0)
    out = pd.DataFrame(
        {
            by[0]: labels[0][ei],
            by[1]: labels[1][ci],
            "count": x,
            "expected": np.round(expected, 1),
            "lift": np.round(lift, 2),
            "q_value": qv[ei, ci],
            "weeks_flagged": flagged,
            "status": status,
            "volume": n,
            "share": np.divide(x, n, out=np.full(len(x), np.nan), where=n > 0),
            "as_of": pair_as_of,
        }
    )
    hist = spans[2]
    out["evidence"] = pd.Series(  # object: keeps the phrases (a str column would drop what they are said with)
        [
            _sentence(
                by,
                out[by[0]].iat[i],
                out[by[1]].iat[i],
                status[i],
                x[i],
                n[i],
                p0[i],
                flagged[i],
                seen[i],
                active,
                has_past,
                weeks,
                history_weeks,
                pair_as_of[i],
                (hist.x[ei[i], ci[i]], hist.n[ei[i], 0], hist.p0[ei[i], ci[i]]),
                {k: v[i] for k, v in facts.items()},
            )
            for i in range(len(out))
        ],
        index=out.index,
        dtype=object,
    )
    out["_earlier"] = out["status"] == EARLIER
    out = out.sort_values(["_earlier", "q_value", "count"], ascending=[True, True, False], kind="stable")
    return out.reset_index(drop=True)[out_cols]


def now_and_earlier(found: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split `recurring_causes` rows: pairs with cases in the recent window (on top, with a status word), and pairs that
    stood out over the longer history but have no case lately (an "earlier" list, never an alert).

    >>> found = pd.DataFrame({"sku": ["A", "B"], "status": ["recurring", "earlier"]})
    >>> [part["sku"].tolist() for part in now_and_earlier(found)]
    [['A'], ['B']]
    """
    earlier = (found["status"] == EARLIER).to_numpy(dtype=bool)
    return found.loc[~earlier].reset_index(drop=True), found.loc[earlier].reset_index(drop=True)


def _weeks_flagged(
    entity: np.ndarray,
    cause: np.ndarray,
    wk: np.ndarray,
    weeks: int,
    shape: tuple[int, int],
    ei: np.ndarray,
    ci: np.ndarray,
    p0: np.ndarray,
) -> np.ndarray:
    """For the reported pairs: in how many window weeks the pair stood out."""
    in_window = wk < weeks
    e, c, w = entity[in_window], cause[in_window], wk[in_window]
    pair_id = np.full(shape, -1, dtype=np.int64)
    pair_id[ei, ci] = np.arange(len(ei))
    pid = pair_id[e, c]
    sel = pid >= 0
    xw = np.bincount(pid[sel] * weeks + w[sel], minlength=len(ei) * weeks).reshape(len(ei), weeks)
    row_of_entity = {int(k): i for i, k in enumerate(np.unique(ei))}
    ent_rows = np.array([row_of_entity[int(k)] for k in ei])
    ent_id = np.full(shape[0], -1, dtype=np.int64)
    ent_id[list(row_of_entity)] = list(row_of_entity.values())
    eid = ent_id[e]
    nw_u = np.bincount(eid[eid >= 0] * weeks + w[eid >= 0], minlength=len(row_of_entity) * weeks).reshape(-1, weeks)
    nw = nw_u[ent_rows]
    pw = np.ones(xw.shape)
    test = xw >= 2
    pw[test] = binom.sf(xw[test] - 1, nw[test], np.broadcast_to(p0[:, None], xw.shape)[test])
    flagged: np.ndarray = (pw <= 0.05).sum(axis=1)
    return flagged


def _cond_p(x1: np.ndarray, n1: np.ndarray, x2: np.ndarray, n2: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Is the rate x1/n1 above (first) or below (second) x2/n2? Exact conditional binomial test."""
    total, frac = x1 + x2, np.divide(n1, n1 + n2, out=np.ones(len(n1)), where=(n1 + n2) > 0)
    up = np.where(n2 > 0, binom.sf(x1 - 1, total, frac), 1.0)
    down = np.where(n2 > 0, binom.cdf(x1, total, frac), 1.0)
    return up, down


def _weeks_seen_and_as_of(
    entity: np.ndarray,
    cause: np.ndarray,
    wk: np.ndarray,
    judged: np.ndarray,
    weeks: int,
    history_weeks: int,
    shape: tuple[int, int],
    ei: np.ndarray,
    ci: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """For the reported pairs: in how many window weeks they had a case, and the date they are judged as of (the latest
    as-of date of their sources, over their window's cases, or over their history's when the window has none)."""
    pair_id = np.full(shape, -1, dtype=np.int64)
    pair_id[ei, ci] = np.arange(len(ei))
    in_history = wk < max(history_weeks, weeks)
    pid = np.where(in_history, pair_id[entity, cause], -1)
    sel = pid >= 0
    frame = pd.DataFrame({"pair": pid[sel], "wk": wk[sel], "as_of": judged[sel]})
    recent = frame[frame["wk"] < weeks]
    seen = recent.groupby("pair")["wk"].nunique().reindex(range(len(ei)), fill_value=0).to_numpy()
    as_of = recent.groupby("pair")["as_of"].max().reindex(range(len(ei)))
    as_of = as_of.fillna(frame.groupby("pair")["as_of"].max().reindex(range(len(ei))))
    return seen, as_of.to_numpy(dtype="datetime64[ns]")


def _facts(
    entity: np.ndarray,
    cause: np.ndarray,
    wk: np.ndarray,
    weeks: int,
    history_weeks: int,
    shape: tuple[int, int],
    ei: np.ndarray,
    ci: np.ndarray,
    window: _Span,
) -> dict[str, np.ndarray]:
    """The numbers a status rests on, per reported pair: the weeks before the window (`xb` of `nb` against the shop's
    `pb`), whether the window rose (`up`) or fell (`down`) against them, whether that past stood out, and the window's
    later half against its earlier half (`xl` of `nl`, `xe` of `ne`, `half_down`)."""
    before = _span(entity, cause, (wk >= weeks) & (wk < max(history_weeks, weeks)), shape)
    xb, nb, pb = before.x[ei, ci], before.n[ei, 0], before.p0[ei, ci]
    xw, nw = window.x[ei, ci], window.n[ei, 0]
    up, down = _cond_p(xw, nw, xb, nb)
    half = max(1, weeks // 2)
    late, early = _span(entity, cause, wk < half, shape), _span(entity, cause, (wk >= half) & (wk < weeks), shape)
    xl, nl, xe, ne = late.x[ei, ci], late.n[ei, 0], early.x[ei, ci], early.n[ei, 0]
    _, half_down = _cond_p(xl, nl, xe, ne)
    with np.errstate(divide="ignore", invalid="ignore"):
        past_above = (nb > 0) & (xb / np.maximum(nb, 1) > pb)
    past_stood_out = (nb > 0) & (binom.sf(xb - 1, nb, pb) <= 0.01) & past_above
    return {
        "xb": xb,
        "nb": nb,
        "pb": pb,
        "up": up <= 0.01,
        "down": down <= 0.01,
        "past_above": past_above,
        "past_stood_out": past_stood_out,
        "xl": xl,
        "nl": nl,
        "xe": xe,
        "ne": ne,
        "half_down": half_down <= 0.01,
        "half": np.full(len(ei), half),
    }


def _status(facts: dict[str, np.ndarray], x: np.ndarray, n: np.ndarray, p0: np.ndarray) -> np.ndarray:
    """The status word of each reported pair, on its recent cases first (so the evidence sentence never contradicts it):
    `earlier` — no case in the window (listed apart, never an alert);
    `new` / `growing` — the window rose against the pair's own past (exact test, p <= 0.01), which was ordinary /
    already stood out; also `new` when the window is above the shop with a past at or below it;
    `fading` — the window fell against the pair's past or its second half fell against its first, or the window is no
    longer above the shop's share;
    `recurring` — above the shop's share both in the window and before it, at a steady rate."""
    with np.errstate(divide="ignore", invalid="ignore"):
        above_now = (n > 0) & (x / np.maximum(n, 1) > p0)
    return np.select(
        [x == 0, facts["up"], facts["down"] | facts["half_down"] | ~above_now, facts["past_above"]],
        [EARLIER, np.where(facts["past_stood_out"], "growing", "new"), "fading", "recurring"],
        "new",
    )


def _sentence(
    by: tuple[str, str],
    entity: object,
    cause: object,
    status: str,
    x: int,
    n: int,
    p0: float,
    flagged: int,
    seen: int,
    active: int,
    has_past: bool,
    weeks: int,
    history_weeks: int,
    as_of: np.datetime64,
    hist: tuple[int, int, float],
    f: Mapping[str, float],
) -> Phrase:
    """The evidence of one pair in plain words, on the numbers its status rests on."""
    who, what = _entity_label(by[0], entity), Word(str(cause), lower=True)
    to = Phrase(" to {day}", day=Day(as_of)) if pd.notna(as_of) else ""
    if status == EARLIER:
        hx, hn, hp0 = hist
        return Phrase(
            "{who}: no {what} case in the last {weeks} weeks{to}; "
            "over the last {history_weeks} weeks {what} was {hx} of {hn} returns ({share}) against {shop} shop-wide.",
            who=who, what=what, weeks=weeks, to=to, history_weeks=history_weeks, hx=int(hx), hn=int(hn),
            share=Share(hx, hn), shop=Share(hp0),
        )  # fmt: skip
    now = dict(who=who, what=what, x=int(x), n=int(n), share=Share(x, n), shop=Share(p0), to=to)
    if active == 1:
        text = Phrase("{who}: {what} is {x} of {n} returns ({share}) against {shop} shop-wide in the week{to}", **now)
    else:
        text = Phrase(
            "{who}: {what} is {x} of {n} returns ({share}) against {shop} shop-wide in the {active} weeks{to}", active=active, **now
        )
    before = history_weeks - weeks
    if f["nb"] > 0:
        text = Phrase(
            "{text}; in the {before} weeks before, {xb} of {nb} ({share}) against {shop}",
            text=text, before=before, xb=int(f["xb"]), nb=int(f["nb"]), share=Share(f["xb"], f["nb"]), shop=Share(f["pb"]),
        )  # fmt: skip
    elif status == "new" and has_past:
        text = Phrase("{text}; no returns of it in the weeks before", text=text)
    if status == "fading" and f["half_down"]:
        text = Phrase(
            "{text}; {xl} of {nl} in the last {half} weeks against {xe} of {ne} in the {half} weeks before",
            text=text, xl=int(f["xl"]), nl=int(f["nl"]), half=int(f["half"]), xe=int(f["xe"]), ne=int(f["ne"]),
        )  # fmt: skip
    if active == 1:
        return Phrase("{text}.", text=text)
    if flagged:
        return Phrase("{text}; it stood out in {flagged} of those weeks.", text=text, flagged=int(flagged))
    return Phrase("{text}; it came up in {seen} of those weeks.", text=text, seen=int(seen))
