"""Weighted-capitation fair shares: populations by age band × age-cost weights → each area's target share of a
budget and its distance from target, and the what-if of changing a band's weight (the Torbay complaint that
a formula blind to the very elderly under-funds an area with 7.7% of its people over 80 against 4.3%
nationally). One C++ pass per call; these wrappers match bands by name and shape the DataFrame."""
from __future__ import annotations

from typing import Any, Mapping

import numpy as np
import pandas as pd

from .. import _core

__all__ = ["fair_shares", "what_if"]


def _weights(populations: pd.DataFrame, weights: Any) -> np.ndarray:
    w = pd.Series(weights, dtype=float) if not isinstance(weights, pd.Series) else weights.astype(float)
    bands = [str(c) for c in populations.columns]
    given = [str(b) for b in w.index]
    missing = [b for b in bands if b not in given]
    extra = [b for b in given if b not in bands]
    if missing or extra:
        raise _core.DataError("fair_shares: the weights' bands must match the populations' columns; "
                              f"no weight for {missing}, weights for unknown bands {extra}")
    w.index = given
    return w.loc[bands].to_numpy(dtype=float)


def _frame(populations: Any) -> pd.DataFrame:
    if not isinstance(populations, pd.DataFrame):
        raise _core.DataError("fair_shares: populations must be a DataFrame, one row per area and one column per "
                              f"age band, got {type(populations).__name__}")
    if populations.empty:
        raise _core.DataError("fair_shares: populations has no areas or no age bands")
    return populations


def fair_shares(populations: pd.DataFrame, weights: Mapping[str, float] | pd.Series, budget: float,
                actual: Any = None) -> pd.DataFrame:
    """Each area's weighted-capitation target share of ``budget`` and, given ``actual``, its distance from target.

    Weighted population W = Σ population × weight, target share W / ΣW, target = share × budget,
    distance from target = (actual − target) / target.

    Parameters
    ----------
    populations : pandas.DataFrame
        One row per area (the index names them) and one column per age band.
    weights : dict or pandas.Series
        Every band's relative cost per head (the age-cost weights; the bands must match the columns).
    budget : float
        The budget to share (£).
    actual : pandas.Series or sequence, optional
        Each area's actual allocation (£; a Series indexed like ``populations`` or a sequence in its order).

    Returns
    -------
    pandas.DataFrame
        By area: ``population``, ``weighted_population``, ``target_share``, ``target`` (£) and, given
        ``actual``, ``actual`` and ``distance`` (a fraction of the target).

    Examples
    --------
    >>> import pandas as pd, healthyplaces as hp
    >>> pops = pd.DataFrame({"0-64": [900, 800], "65+": [100, 200]}, index=["A", "B"])
    >>> hp.finance.fair_shares(pops, {"0-64": 1.0, "65+": 3.0}, budget=260, actual=[132, 126]).round(4)
          population  weighted_population  target_share  target  actual  distance
    area
    A         1000.0               1200.0        0.4615   120.0   132.0       0.1
    B         1000.0               1400.0        0.5385   140.0   126.0      -0.1
    """
    pops = _frame(populations)
    w = _weights(pops, weights)
    values = pops.to_numpy(dtype=float)
    act = None
    if actual is not None:
        act = (actual.reindex(pops.index) if isinstance(actual, pd.Series) else pd.Series(list(actual)))
        act = np.asarray(act, dtype=float)
        if act.shape != (len(pops),):
            raise _core.DataError(f"fair_shares: actual must have one value per area ({len(pops)}), got {act.shape[0]}")
        if np.isnan(act).any():
            raise _core.DataError("fair_shares: actual has no value for area(s) "
                                  f"{[str(a) for a, x in zip(pops.index, act) if np.isnan(x)]}")
    for i, row in enumerate(values):
        bad = [str(c) for c, x in zip(pops.columns, row) if not (np.isfinite(x) and x >= 0)]
        if bad:
            raise _core.DataError(f"fair_shares: population of area {pops.index[i]!r} in band(s) {bad} must be "
                                  "finite and >= 0")
    r = _core.finance.fair_shares(values.tolist(), w, float(budget), act)
    out = pd.DataFrame({"population": r.population, "weighted_population": r.weighted, "target_share": r.share,
                        "target": r.target}, index=pd.Index(pops.index, name=pops.index.name or "area"))
    if act is not None:
        out["actual"] = r.actual
        out["distance"] = r.distance
    return out


def what_if(populations: pd.DataFrame, weights: Mapping[str, float] | pd.Series, budget: float,
            changes: Mapping[str, float]) -> pd.DataFrame:
    """How each area's target moves when some bands' weights change (e.g. a heavier 85+ or 90+ weight).

    Parameters
    ----------
    populations : pandas.DataFrame
        One row per area and one column per age band.
    weights : dict or pandas.Series
        The current age-cost weights.
    budget : float
        The budget to share (£).
    changes : dict
        Bands (columns of ``populations``) → their new weights.

    Returns
    -------
    pandas.DataFrame
        By area: the target share and allocation (£) before and after, the ``change`` (£) and
        ``change_fraction`` (of the old target).

    Examples
    --------
    >>> import pandas as pd, healthyplaces as hp
    >>> pops = pd.DataFrame({"0-79": [923, 957], "80+": [77, 43]}, index=["Torbay", "England"])
    >>> hp.finance.what_if(pops, {"0-79": 1.0, "80+": 4.0}, 100, {"80+": 6.0})["change"].round(3).tolist()
    [1.108, -1.108]
    """
    pops = _frame(populations)
    before = pd.Series(_weights(pops, weights), index=[str(c) for c in pops.columns])
    unknown = [str(b) for b in changes if str(b) not in before.index]
    if unknown:
        raise _core.DataError(f"what_if: changes name bands {unknown} that are not columns of populations "
                              f"({list(before.index)})")
    after = before.copy()
    for band, weight in changes.items():
        after[str(band)] = float(weight)
    a = fair_shares(pops, before, budget)
    b = fair_shares(pops, after, budget)
    out = pd.DataFrame({"share_before": a["target_share"], "share_after": b["target_share"],
                        "target_before": a["target"], "target_after": b["target"]})
    out["change"] = out["target_after"] - out["target_before"]
    out["change_fraction"] = out["change"] / out["target_before"]
    return out
