"""Panels: a long table (unit, period, outcome, covariates, adoption) validated once into the wide form every
evaluation method uses."""
from __future__ import annotations

import html

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from .. import _core
from .._core import DataError

_never = {None}


class _Source:
    """Where a frame's rows came from, when it was read from a file by :func:`healthyplaces.io.read_table` and its
    rows are still those of the file (the same number, the index untouched): the file, each row's physical line
    and the header, so that an error can say "panel.csv, line 7, column 3 (admissions)". Else nothing is known and
    errors name rows (1-based) and columns."""

    def __init__(self, data: pd.DataFrame) -> None:
        self.name = ""
        self.lines: np.ndarray | None = None
        self.columns: list[str] = [str(c) for c in data.columns]
        source, runs = data.attrs.get("source"), data.attrs.get("lines")
        if not isinstance(source, str) or not isinstance(runs, str) or not runs:
            return
        if not isinstance(data.index, pd.RangeIndex) or data.index.start != 0 or data.index.step != 1:
            return
        n = len(data)
        head, *rest = runs.split()
        try:
            pairs = [tuple(int(x) for x in run.split(":")) for run in rest]
        except ValueError:
            return
        if head != f"rows={n}" or not pairs:
            return  # the frame has gained or lost rows since it was read: its rows are no longer the file's
        starts = [r for r, _ in pairs] + [n]
        if any(b <= a for a, b in zip(starts, starts[1:])) or starts[0] != 0:
            return
        self.lines = np.concatenate([np.arange(line, line + (b - a)) for (a, line), b in zip(pairs, starts[1:])])
        self.name = source

    def where(self, i: int, column: str, unit: Any = None, period: Any = None) -> str | None:
        """'panel.csv, line 7, column 3 (admissions)' (with ', unit 'A', period 2020' when given); None without a
        file."""
        if self.lines is None:
            return None
        def one_line(text: object) -> str:  # a name with a line break must not split the message
            return str(text).replace("\n", "\\n").replace("\r", "\\r")

        s = f"{self.name}, line {int(self.lines[i])}"
        if column in self.columns:
            s += f", column {self.columns.index(column) + 1} ({one_line(column)})"
        if unit is not None:
            s += f', unit "{one_line(unit)}"'
        if period is not None:
            s += f", period {period}"
        return s


def _periods(values: pd.Series, column: str, source: _Source | None = None) -> np.ndarray:
    """Integer period codes; a DataError naming the first row whose period is not a whole number."""
    v = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float)
    bad = ~np.isfinite(v) | (v != np.round(v))
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        shown = values.iloc[i]
        shown = shown.item() if isinstance(shown, np.generic) else shown  # 2019.5, not np.float64(2019.5)
        at = (source.where(i, column) if source else None) or f"column {column!r}, row {i + 1}"
        raise DataError(f"{at}: period {shown!r} is not a whole number "
                        "(use years, or integer codes for quarters and months)")
    return v.astype(np.int64)


def _adoption_of(value: Any, unit: str, column: str) -> int | None:
    """A unit's adoption period: NaN, None, 0 and inf mean never (R's did codes never-treated as 0)."""
    if value is None or (isinstance(value, float) and (np.isnan(value) or np.isinf(value))):
        return None
    try:
        f = float(value)
    except (TypeError, ValueError):
        raise DataError(f"column {column!r}, unit {unit!r}: adoption period {value!r} is not a number") from None
    if np.isnan(f) or np.isinf(f) or f == 0:
        return None
    if f != round(f):
        raise DataError(f"column {column!r}, unit {unit!r}: adoption period {value!r} is not a whole number")
    return int(f)


def _plain(value: Any) -> Any:
    return value.item() if isinstance(value, np.generic) else value


def _adoption_column(values: pd.Series, unit_names: list[str], column: str,
                     source: _Source | None = None) -> list[int | None]:
    """``_adoption_of`` for a whole column at once (a per-row Python call costs seconds on 10^5 rows)."""
    def at(i: int) -> str:
        return (source.where(i, column, unit_names[i]) if source else None) or \
            f"column {column!r}, unit {unit_names[i]!r}"

    numbers = pd.to_numeric(values, errors="coerce")
    text = numbers.isna().to_numpy() & values.notna().to_numpy()
    if text.any():
        i = int(np.flatnonzero(text)[0])
        raise DataError(f"{at(i)}: adoption period {_plain(values.iloc[i])!r} is not a number")
    f = numbers.to_numpy(dtype=float, na_value=np.nan)
    never = ~np.isfinite(f) | (f == 0)
    fraction = ~never & (f != np.round(np.where(never, 0, f)))
    if fraction.any():
        i = int(np.flatnonzero(fraction)[0])
        raise DataError(f"{at(i)}: adoption period {_plain(values.iloc[i])!r} is not a whole number")
    whole = np.where(never, 0, f).astype(np.int64).astype(object)
    whole[never] = None
    return whole.tolist()


class Panel:
    """Outcomes of units (areas, councils, trusts) over periods, each unit's adoption period and covariates.

    Build one with :meth:`from_frame`. ``outcome`` is a units x periods DataFrame with NaN where a unit has no
    row for a period; ``adoption`` a Series (``<NA>`` = never treated).

    Examples
    --------
    >>> import pandas as pd, healthyplaces as hp
    >>> df = pd.DataFrame({"area": ["A", "A", "B", "B"], "year": [2019, 2020, 2019, 2020],
    ...                    "admissions": [10.0, 12.0, 9.0, 9.5], "pooled": [0, 1, 0, 0]})
    >>> p = hp.evaluation.Panel.from_frame(df, unit="area", time="year", outcome="admissions", treated="pooled")
    >>> p
    Panel(2 units x 2 periods, 1 treated, balanced)
    >>> p.treated_units, p.never_treated
    (['A'], ['B'])
    """

    def __init__(self, core: Any) -> None:
        self._core = core

    @classmethod
    def from_frame(cls, data: pd.DataFrame, *, unit: str, time: str, outcome: str, treated: str | None = None,
                   adoption: str | Mapping[Any, Any] | None = None,
                   covariates: Sequence[str] | None = None) -> Panel:
        """Validate a long table, one row per unit and period.

        Say who is treated and when in one of two ways: ``treated`` names a 0/1 column (1 from the adoption
        period on; it must not go back to 0), or ``adoption`` names a column holding each unit's first treated
        period (NaN, None or 0 = never, as R's ``did``) or is a mapping {unit: first treated period} (other
        units never treated). With neither, no unit is treated (useful for power simulations).
        Raises DataError naming unit and period for a NaN outcome, duplicate rows, a unit whose adoption
        period changes between rows, or a treated indicator that is not 0/1 or not absorbing. A frame read by
        :func:`healthyplaces.io.read_table` (its rows untouched) has its errors located in the file:
        ``panel.csv, line 7, column 3 (admissions), unit "Torbay", period 2020: admissions is missing (NaN)``.
        """
        if not isinstance(data, pd.DataFrame):
            raise DataError(f"expected a pandas DataFrame, got {type(data).__name__}")
        covariates = list(covariates or [])
        needed = [unit, time, outcome] + covariates + ([treated] if treated else [])
        if isinstance(adoption, str):
            needed.append(adoption)
        missing = [c for c in needed if c not in data.columns]
        if missing:
            raise DataError(f"no column {missing[0]!r} in the data (columns: {', '.join(map(str, data.columns))})")
        if treated is not None and adoption is not None:
            raise DataError("give treated= (a 0/1 column) or adoption= (first treated period), not both")
        source = _Source(data)
        units = data[unit]
        if units.isna().any():
            i = int(np.flatnonzero(units.isna().to_numpy())[0])
            raise DataError(f"{source.where(i, unit) or f'column {unit!r}, row {i + 1}'}: the unit is missing")
        codes, distinct = pd.factorize(units, sort=False)  # str() once per unit, not once per row
        unit_names = np.asarray([str(u) for u in distinct], dtype=object)[codes].tolist()
        periods = _periods(data[time], time, source)
        y = pd.to_numeric(data[outcome], errors="coerce")
        text = data[outcome].notna() & y.isna()
        if text.any():
            i = int(np.flatnonzero(text.to_numpy())[0])
            at = (source.where(i, outcome, unit_names[i], periods[i])
                  or f"column {outcome!r}, row {i + 1} (unit {unit_names[i]!r}, period {periods[i]})")
            raise DataError(f"{at}: {data[outcome].iloc[i]!r} is not a number")
        adopt = None
        if isinstance(adoption, str):
            adopt = _adoption_column(data[adoption], unit_names, adoption, source)
        elif adoption is not None:
            given = {str(k): _adoption_of(v, str(k), "adoption") for k, v in dict(adoption).items()}
            unknown = sorted(set(given) - set(unit_names))
            if unknown:
                raise DataError(f"adoption names unit {unknown[0]!r}, which has no rows in the data")
            adopt = [given.get(u) for u in unit_names]
        treat = None
        if treated is not None:
            treat = pd.to_numeric(data[treated], errors="coerce").to_numpy(dtype=float)
        cov = None
        if covariates:
            cov = np.column_stack([pd.to_numeric(data[c], errors="coerce").to_numpy(dtype=float) for c in covariates])
        core = _core.evaluation.Panel(unit_names, periods, y.to_numpy(dtype=float), adopt, treat, covariates, cov,
                                      str(outcome), source.name, source.lines, source.columns, str(unit), str(time),
                                      str(treated or "treated"),
                                      adoption if isinstance(adoption, str) else "adoption")
        return cls(core)

    # -- the wide form ------------------------------------------------------------------------------------
    @property
    def units(self) -> list[str]:
        return list(self._core.units)

    @property
    def periods(self) -> np.ndarray:
        return self._core.periods

    @property
    def outcome_name(self) -> str:
        return self._core.outcome_name

    @property
    def outcome(self) -> pd.DataFrame:
        """Units x periods; NaN where a unit has no row for a period."""
        return pd.DataFrame(self._core.outcome, index=pd.Index(self.units, name="unit"),
                            columns=pd.Index(self.periods, name="period"))

    @property
    def covariate_names(self) -> list[str]:
        return list(self._core.covariate_names)

    def covariate(self, name: str) -> pd.DataFrame:
        """A covariate as units x periods; NaN = missing."""
        return pd.DataFrame(self._core.covariate(name), index=pd.Index(self.units, name="unit"),
                            columns=pd.Index(self.periods, name="period"))

    @property
    def adoption(self) -> pd.Series:
        """Each unit's first treated period (``<NA>`` = never treated)."""
        return pd.Series(pd.array(self._core.adoption, dtype="Int64"), index=pd.Index(self.units, name="unit"),
                         name="adoption")

    @property
    def balanced(self) -> bool:
        return self._core.balanced

    @property
    def treated_units(self) -> list[str]:
        names = self.units
        return [names[i] for i in self._core.treated_units]

    @property
    def never_treated(self) -> list[str]:
        names = self.units
        return [names[i] for i in self._core.never_treated]

    @property
    def cohorts(self) -> list[int]:
        """Distinct adoption periods, ascending (the groups of a staggered design)."""
        return list(self._core.cohorts)

    def to_frame(self) -> pd.DataFrame:
        """Back to long form: unit, period, outcome, covariates, adoption, treated (observed cells only)."""
        y = self.outcome.stack(future_stack=True)
        frame = y.rename(self.outcome_name).reset_index()
        for name in self.covariate_names:
            frame[name] = self.covariate(name).stack(future_stack=True).to_numpy()
        frame = frame[frame[self.outcome_name].notna()].reset_index(drop=True)
        adoption = self.adoption
        frame["adoption"] = adoption.reindex(frame["unit"]).array
        frame["treated"] = (frame["adoption"].notna() & (frame["period"] >= frame["adoption"].fillna(0))).astype(int)
        return frame

    def __len__(self) -> int:
        return self._core.n_units

    def __repr__(self) -> str:
        return repr(self._core)

    def _repr_html_(self) -> str:
        head = (f"<p><b>Panel</b>: {self._core.n_units} units &times; {self._core.n_periods} periods "
                f"({html.escape(str(self.periods[0]))}&ndash;{html.escape(str(self.periods[-1]))}), outcome <code>{html.escape(str(self.outcome_name))}</code>, "
                f"{len(self.treated_units)} treated in {len(self.cohorts)} cohort(s), "
                f"{'balanced' if self.balanced else 'unbalanced'}</p>")
        return head + self.outcome.head(10).to_html(float_format=lambda v: f"{v:.4g}", na_rep="")

    def __getstate__(self) -> Any:
        return self._core

    def __setstate__(self, state: Any) -> None:
        self._core = state


def as_panel(data: Any, **columns: Any) -> Panel:
    """A Panel as given, or one built from a DataFrame with ``Panel.from_frame(data, **columns)``.

    Parameters
    ----------
    data : Panel or pandas.DataFrame
    **columns
        With a DataFrame: the keywords of :meth:`Panel.from_frame` (``None`` values are dropped); with a Panel,
        none (a DataError otherwise).

    Returns
    -------
    Panel

    Examples
    --------
    >>> import healthyplaces as hp
    >>> p = hp.evaluation.as_panel(hp.datasets.smoking(), unit="state", time="year", outcome="cigsale",
    ...                            adoption={"California": 1989})
    >>> hp.evaluation.as_panel(p) is p, len(p)
    (True, 39)
    """
    if isinstance(data, Panel):
        if any(v is not None for v in columns.values()):
            raise DataError("pass column names only with a DataFrame; a Panel already knows its columns")
        return data
    return Panel.from_frame(data, **{k: v for k, v in columns.items() if v is not None})
