"""Datasets embedded in the library (generated at build time from ``data/*.csv``), as DataFrames.

``nlgn2008()``: the green paper's nine areas, a 4-star council and a 1-star PCT in each, five Audit Commission
categories scored 1–4 (NLGN, *Healthy Places*, 2008). ``case_studies()``: Torbay, Herefordshire, Swindon.
``published_modes()``: the paper's two tables of modal scores, as printed. ``sector_facts()``: figures quoted
in the seed documents.

Published open data for examples and tests, shipped as CSV files in the wheel (``data/real/``) rather than
compiled in: ``ae_attendances()`` (NHS England monthly A&E activity by provider, 2016–19) and
``ons_weekly_deaths()`` (ONS weekly registered deaths, England and Wales, 2010–20), ``uk_population()`` (ONS
mid-2023 population by sex and single year of age, UK countries), ``smoking()`` (cigarette sales by US state,
1970–2000: the Proposition 99 panel of Abadie, Diamond and Hainmueller 2010).
"""
from __future__ import annotations

import io
import warnings
from importlib import resources
from pathlib import Path

import pandas as pd

from .. import _core

__all__ = ["case_studies", "european_standard_population", "names", "nlgn2008", "nlgn2008_table", "path", "published_modes", "sector_facts", "ae_attendances", "ons_weekly_deaths", "uk_population", "smoking"]


def names() -> list[str]:
    """Names of the embedded datasets (compiled into the library).

    Returns
    -------
    list of str

    Examples
    --------
    >>> import healthyplaces as hp
    >>> "nlgn2008_governance_scores" in hp.datasets.names()
    True
    """
    return list(_core.io.embedded_names())


def _frame(name: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(_core.io.embedded_csv(name)))


def nlgn2008() -> pd.DataFrame:
    """The green paper's governance scores: 18 organisations in 9 areas (one row per organisation).

    Returns
    -------
    pandas.DataFrame
        ``area``, ``organisation``, ``sector``, ``authority_type``, ``star_rating`` and the five Audit
        Commission use-of-resources categories, scored 1-4 (nullable integers).

    Examples
    --------
    >>> import healthyplaces as hp
    >>> scores = hp.datasets.nlgn2008()
    >>> len(scores), scores["area"].nunique()
    (18, 9)
    """
    frame = _frame("nlgn2008_governance_scores")
    for col in frame.columns[4:]:
        frame[col] = frame[col].astype("Int64")
    return frame


def nlgn2008_table() -> _core.core.ScoreTable:
    """The green paper's governance scores as a validated ScoreTable (use_of_resources framework).

    Returns
    -------
    ScoreTable

    Examples
    --------
    >>> import healthyplaces as hp
    >>> hp.datasets.nlgn2008_table()
    ScoreTable(framework='use_of_resources', 18 organisations, 9 areas)
    """
    return _core.datasets.nlgn2008()


def case_studies() -> pd.DataFrame:
    """The three case studies (Torbay, Herefordshire, Swindon), their arrangements dimension by dimension.

    Returns
    -------
    pandas.DataFrame
        One row per case study: the CSV's columns, ``arrangement_<dimension>`` for the five dimensions,
        ``integration_level`` and ``over_80_share``.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> studies = hp.datasets.case_studies()
    >>> studies[["area", "arrangement_budgets", "integration_level"]].values.tolist()
    [['Torbay', 'pooled', 8], ['Herefordshire', 'separate', 5], ['Swindon', 'aligned', 4]]
    """
    frame = _frame("case_studies")
    studies = {c.area: c for c in _core.datasets.case_studies()}
    for dim in ("budgets", "staff", "leadership", "governance", "legal_basis"):
        frame[f"arrangement_{dim}"] = [getattr(studies[a].arrangement, dim).name for a in frame["area"]]
    frame["integration_level"] = [studies[a].arrangement.integration_level for a in frame["area"]]
    frame["over_80_share"] = [studies[a].over_80_share for a in frame["area"]]
    return frame


def european_standard_population(standard: str | None = "ESP2013") -> pd.DataFrame:
    """The European Standard Population (Eurostat; ONS publishes both).

    Parameters
    ----------
    standard : {"ESP2013", "ESP1976"} or None
        ``"ESP2013"`` (21 bands, 0, 1-4, ..., 90-94, 95+), ``"ESP1976"`` (18 bands, 0-4, ..., 85+), or ``None``
        for both.

    Returns
    -------
    pandas.DataFrame
        Columns ``standard``, ``age_band``, ``population``; each standard totals 100,000.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> esp = hp.datasets.european_standard_population()
    >>> len(esp), int(esp["population"].sum())
    (21, 100000)
    """
    frame = _frame("european_standard_population")
    frame["age_band"] = frame["age_band"].astype(str)
    if standard is None:
        return frame
    if standard not in set(frame["standard"]):
        raise _core.DomainError(f"no standard population '{standard}'; available: {', '.join(frame['standard'].unique())}")
    return frame[frame["standard"] == standard].reset_index(drop=True)


def published_modes() -> pd.DataFrame:
    """The paper's modal-score tables as printed (England; the nine areas).

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> import healthyplaces as hp
    >>> len(hp.datasets.published_modes())
    11
    """
    return _frame("nlgn2008_published_modes")


def sector_facts() -> pd.DataFrame:
    """Sector-wide figures quoted in the seed documents (deficits, savings, reorganisation).

    Returns
    -------
    pandas.DataFrame
        Columns ``fact``, ``value``, ``unit``, ``period``, ``source``, ``note``.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> hp.datasets.sector_facts().columns.tolist()
    ['fact', 'value', 'unit', 'period', 'source', 'note']
    """
    return _frame("sector_facts")


def _real(name: str) -> Path:
    p = resources.files("healthyplaces") / "data" / "real" / f"{name}.csv"
    if not p.is_file():  # a broken install, not a user error: say where we looked
        raise _core.DomainError(f"dataset file data/real/{name}.csv is missing from the installed package ({p})")
    return Path(str(p))


def ae_attendances() -> pd.DataFrame:
    """Monthly A&E attendances, four-hour breaches and emergency admissions for 274 NHS trusts and other
    providers in England, April 2016 to March 2019: 12,765 rows.

    Columns: ``period`` (first day of the month, datetime64), ``org_code`` (the provider's ODS code),
    ``type`` (department type: ``"1"`` major emergency department, ``"2"`` single-specialty, ``"other"``
    minor injury units and walk-in centres; categorical), ``attendances``, ``breaches`` (attendances that
    waited more than four hours from arrival to admission, transfer or discharge) and ``admissions``
    (int64).

    Source: NHS England, *A&E Attendances and Emergency Admissions* monthly statistics, Open Government
    Licence v3.0; this cut as published in the R package NHSRdatasets (``ae_attendances``, CC0). Suits a
    funnel plot of breaches over attendances by trust for one month and an XmR chart of one trust's monthly
    four-hour performance.

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> import healthyplaces as hp
    >>> ae = hp.datasets.ae_attendances()
    >>> len(ae), ae["org_code"].nunique(), str(ae["period"].min().date()), str(ae["period"].max().date())
    (12765, 274, '2016-04-01', '2019-03-01')
    """
    frame = pd.read_csv(_real("ae_attendances"), dtype={"org_code": str, "type": str})
    frame["period"] = pd.to_datetime(frame["period"], format="%Y-%m-%d")
    frame["type"] = pd.Categorical(frame["type"], categories=["1", "2", "other"])
    for col in ("attendances", "breaches", "admissions"):
        frame[col] = frame[col].astype("int64")
    return frame.sort_values(["org_code", "type", "period"], kind="stable").reset_index(drop=True)


def ons_weekly_deaths(breakdown: str | None = "Total deaths") -> pd.DataFrame:
    """Weekly registered deaths in England and Wales, 8 January 2010 to 3 April 2020, by breakdown (total,
    persons/males/females by age group, region, respiratory and COVID-19 mentions).

    Columns: ``breakdown`` (the file's ``category_1``, e.g. ``"Total deaths"``, ``"Persons"``, ``"Region"``),
    ``group`` (its ``category_2``, e.g. ``"all ages"``, ``"85+"``, ``"London"``), ``date`` (week ending,
    datetime64), ``week_no`` and ``deaths`` (float: missing counts stay NaN). ``breakdown=None`` returns every
    breakdown.

    The file is kept as published, mess included: 52 rows in 2014 carry no category at all (a respiratory
    series whose label was lost) and cannot be attributed, so they are dropped, with a warning saying so when ``breakdown=None`` asks for every series;
    one respiratory week (2014-01-03) has no count and stays NaN, for an SPC chart to report as a gap; age
    bands change in 2020 (01-14 becomes 1-4, 5-9, 10-14, ...).

    Source: Office for National Statistics, *Deaths registered weekly in England and Wales, provisional*,
    Open Government Licence v3.0; as published in the R package NHSRdatasets (``ons_mortality``, CC0).

    Parameters
    ----------
    breakdown : str or None
        The breakdown to return (default ``"Total deaths"``); None for every breakdown.

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> import healthyplaces as hp
    >>> deaths = hp.datasets.ons_weekly_deaths()
    >>> deaths.groupby("group").size().to_dict()
    {'all ages': 535, 'average of same week over 5 years': 521}
    """
    raw = pd.read_csv(_real("ons_mortality"))
    unlabelled = raw["category_1"].isna() & raw["category_2"].isna()
    if unlabelled.any() and breakdown is None:
        dates = pd.to_datetime(raw.loc[unlabelled, "date"])
        warnings.warn(f"ons_weekly_deaths: dropped {int(unlabelled.sum())} rows with no category (weeks "
                      f"{dates.min().date()} to {dates.max().date()}): their series cannot be identified",
                      stacklevel=2)
    frame = raw.loc[~unlabelled].rename(columns={"category_1": "breakdown", "category_2": "group", "counts": "deaths"})
    frame = frame[["breakdown", "group", "date", "week_no", "deaths"]]
    frame["date"] = pd.to_datetime(frame["date"], format="%Y-%m-%d")
    frame["deaths"] = frame["deaths"].astype(float)
    if breakdown is not None:
        known = frame["breakdown"].dropna().unique()
        if breakdown not in set(known):
            raise _core.DomainError(f"ons_weekly_deaths: no breakdown '{breakdown}'; available: {', '.join(known)}")
        frame = frame[frame["breakdown"] == breakdown]
    return frame.reset_index(drop=True)


def uk_population(geography: str | None = "ENGLAND") -> pd.DataFrame:
    """Mid-2023 resident population by sex and single year of age (0, 1, ..., 89, then 90+) for the United
    Kingdom, Great Britain, England and Wales, and each country.

    Columns: ``geography`` (e.g. ``"ENGLAND"``), ``code`` (ONS area code), ``sex`` (``"females"``/``"males"``),
    ``age`` (the band label: ``"0"`` ... ``"89"``, ``"90+"``), ``age_start`` (int) and ``count`` (int64).
    ``geography=None`` returns every geography.

    Source: Office for National Statistics, *Population estimates for the UK, England, Wales, Scotland and
    Northern Ireland: mid-2023*, Open Government Licence v3.0; as published in the R package NHSRdatasets (CC0).

    Parameters
    ----------
    geography : str or None
        The geography to return (default ``"ENGLAND"``); None for every geography.

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> import healthyplaces as hp
    >>> england = hp.datasets.uk_population()
    >>> int(england["count"].sum()), int(england[england["age_start"] >= 80]["count"].sum())
    (57690323, 2923097)
    """
    raw = pd.read_csv(_real("ons_uk_population_2023"), dtype={"age": str})
    frame = raw.rename(columns={"Name": "geography", "Code": "code"})[["geography", "code", "sex", "age", "count"]]
    frame.insert(4, "age_start", frame["age"].str.rstrip("+").astype("int64"))
    frame["count"] = frame["count"].astype("int64")
    if geography is not None:
        known = list(frame["geography"].unique())
        if geography not in known:
            raise _core.DomainError(f"uk_population: no geography '{geography}'; available: {', '.join(known)}")
        frame = frame[frame["geography"] == geography]
    return frame.reset_index(drop=True)


def path(name: str) -> Path:
    """The path of an embedded dataset's CSV file shipped in the wheel: a template for your own data.

    Parameters
    ----------
    name : str
        One of :func:`names`.

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> import healthyplaces as hp
    >>> hp.datasets.path("nlgn2008_governance_scores").name
    'nlgn2008_governance_scores.csv'
    """
    p = resources.files("healthyplaces") / "data" / f"{name}.csv"
    if not p.is_file():
        raise _core.DomainError(f"no dataset file '{name}.csv'; available: {', '.join(names())}")
    return Path(str(p))


def smoking() -> pd.DataFrame:
    """Cigarette sales per capita (packs) in 39 US states, 1970-2000, with the predictors of Abadie, Diamond and
    Hainmueller (2010), "Synthetic control methods for comparative case studies: estimating the effect of
    California's tobacco control program", JASA 105(490): 1,209 rows.

    Columns: ``state``, ``year`` (int64), ``cigsale`` (packs per capita), ``lnincome`` (log state income per
    capita; from 1972), ``beer`` (beer consumption per capita; from 1984), ``age15to24`` (share of the
    population aged 15-24), ``retprice`` (average retail price of a pack, cents); NaN where not published.
    California's Proposition 99 took effect in 1989; the other 38 states are the donor pool. Source: the
    replication data of ADH (2010) as distributed with the R package tidysynth (``smoking``) and pysyncon.

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> import healthyplaces as hp
    >>> s = hp.datasets.smoking()
    >>> len(s), s["state"].nunique(), int(s["year"].min()), int(s["year"].max())
    (1209, 39, 1970, 2000)
    """
    frame = pd.read_csv(_real("smoking"))
    frame["year"] = frame["year"].astype("int64")
    return frame.sort_values(["state", "year"], kind="stable").reset_index(drop=True)
