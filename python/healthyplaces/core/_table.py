"""ScoreTable's pandas face: ``to_frame()`` and a rich display, added to the compiled class."""
from __future__ import annotations

import html

import numpy as np
import pandas as pd

from .. import _core

#: Column order of the CSV shape users bring (see README, "Bring your own scores").
ID_COLUMNS = ["area", "organisation", "sector", "authority_type", "star_rating"]


def _to_frame(self: _core.core.ScoreTable) -> pd.DataFrame:
    """The table in the CSV shape: area, organisation, sector, authority_type, star_rating, categories.

    Scores are nullable integers (``Int64``; missing = ``<NA>``), so ``hp.read_scores(table.to_frame())``
    gives the same table back.
    """
    area_of = {}
    for a in self.areas:
        area_of[a.council] = a.name
        area_of[a.nhs_body] = a.name
    orgs = self.organisations
    frame = pd.DataFrame(
        {
            "area": [area_of.get(o.code) for o in orgs],
            "organisation": [o.name for o in orgs],
            "code": [o.code for o in orgs],
            "sector": [o.sector.name for o in orgs],
            "authority_type": [o.kind.name for o in orgs],
            "star_rating": pd.array([o.star_rating for o in orgs], dtype="Int64"),
        }
    )
    scores = np.asarray(self.scores)
    for j, key in enumerate(self.framework.category_keys):
        col = scores[:, j]
        frame[key] = pd.array([None if np.isnan(v) else int(v) for v in col], dtype="Int64")
    if all(frame["code"] == frame["organisation"]):
        frame = frame.drop(columns="code")
    return frame


def _repr_html_(self: _core.core.ScoreTable) -> str:
    fw = self.framework
    head = (
        f"<p><b>ScoreTable</b> — framework <code>{html.escape(fw.name)}</code>, scale "
        f"{html.escape(fw.describe_scale())}; {len(self)} organisations, {len(self.areas)} areas</p>"
    )
    return head + self.to_frame().to_html(index=False, na_rep="–")


_core.core.ScoreTable.to_frame = _to_frame
_core.core.ScoreTable._repr_html_ = _repr_html_
