"""What needs attention now: the few facts a manager acts on first, each from the analysis behind its page.

The Overview shows them with links to the page that has the details (Deadlines, Recurring causes).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.coverage import Coverage
from analysis.filters import FilterSpec, narrow_for_test, pick_rows, picks_of_test
from analysis.recurring import now_and_earlier, recurring_causes
from analysis.sla import due_among, latest_moment, open_cases, overdue_coverage
from analysis.sources import SourceEnd, source_ends
from analysis.spikes import Spike, spike_list, spikes
from data.clock import DEFAULT_CLOCK, Clock

RECURRING_BY = ("sku", "reason")


@dataclass(frozen=True)
class Attention:
    due_soon: int  # open requests the marketplace approves within one day of the clock unless answered
    overdue: int  # open requests already past the clock's limit
    as_of: pd.Timestamp  # the moment the clock was read (the latest in the data)
    recurring: pd.DataFrame  # SKU × reason pairs standing out now, strongest first (recurring_causes columns)
    spikes: tuple[Spike, ...]  # this week's reason and request-type spikes, each with its evidence sentence
    deadline_coverage: Coverage | None = None  # buyer requests in view that carry a status (only a status makes a case overdue)
    behind: pd.DataFrame = field(default_factory=pd.DataFrame)  # pairs standing out as of an earlier source end (not an alert)
    sources: tuple[SourceEnd, ...] = ()  # every source and the date it is judged as of

    @property
    def calm(self) -> bool:
        """Nothing to act on."""
        return not (self.due_soon or self.overdue or len(self.recurring) or self.spikes)


def needs_attention(
    cases: pd.DataFrame,
    spec: FilterSpec,
    *,
    clock: Clock = DEFAULT_CLOCK,
    tested_pairs: pd.DataFrame | None = None,
    spiked: Mapping[str, pd.DataFrame] | None = None,
    sources: Sequence[SourceEnd] | None = None,
    selected: pd.DataFrame | None = None,
    as_of: pd.Timestamp | None = None,
) -> Attention:
    """Due-soon and overdue requests in the view, SKU × reason pairs that stand out, and this week's spikes.

    The deadline figures follow the shop's response `clock` and the open rule (`sla.is_open`: a case with
    no status is never overdue), on the view's cases read at the latest moment of all the data (as the
    Deadlines page); recurring causes and spikes split the filters as their page
    does (`narrow_for_test`). Alerts are about now: a pair with no case in its recent weeks is never here, and a
    pair judged as of a source that ends weeks before the rest of the data goes to `behind`, not `recurring`.
    `tested_pairs`: the `recurring_causes` table of the view's tested cases (by SKU × reason, as of the latest request),
    when the caller already has it (it depends only on `filters.narrowing_part`), else computed here. Likewise
    `spiked`: the `spikes` table of "reason" and of "request_type" over the cases each test sees, before picks;
    `sources`: `source_ends(cases, latest request)`; `selected`: `spec.apply(cases)`; `as_of`: `sla.latest_moment(cases)`.

    >>> from data.demo import generate
    >>> found = needs_attention(generate(), FilterSpec())
    >>> found.due_soon > 0, sorted(found.recurring["sku"])
    (True, ['AP-0117', 'HM-0042'])
    """
    as_of = latest_moment(cases) if as_of is None else as_of
    selected = spec.apply(cases) if selected is None else selected
    waiting = open_cases(selected, clock=clock, as_of=as_of)
    latest = cases["request_date"].max()
    if tested_pairs is None:
        tested, _ = narrow_for_test(cases, spec, RECURRING_BY)
        tested_pairs = recurring_causes(tested, as_of=latest, by=RECURRING_BY)
    found, _ = now_and_earlier(pick_rows(tested_pairs, picks_of_test(spec, RECURRING_BY)))
    stale = (found["as_of"] < latest).to_numpy(dtype=bool) if len(found) else np.zeros(0, dtype=bool)
    found_spikes: list[Spike] = []
    for dim in ("reason", "request_type"):
        table = spiked[dim] if spiked is not None else spikes(narrow_for_test(cases, spec, (dim,))[0], dim)
        found_spikes += spike_list(pick_rows(table, picks_of_test(spec, (dim,))), dim)
    return Attention(
        due_soon=len(due_among(waiting, 1.0)),
        overdue=int((waiting["time_left"] < 0).sum()),
        as_of=as_of,
        recurring=found.loc[~stale].reset_index(drop=True),
        spikes=tuple(found_spikes),
        deadline_coverage=overdue_coverage(selected),
        behind=found.loc[stale].reset_index(drop=True),
        sources=tuple(source_ends(cases, latest) if sources is None else sources),
    )
