"""The appraisal page (``healthyplaces appraise CONFIG``): the Green Book's economic case for integration in one
self-contained HTML page: the answer in plain words, the place's facts and where each came from, the long list and
why each option was dropped, the short list and its criteria performances, the net present social values with
optimism bias applied, switching values, the value of information (EVPI, EVPPI), the rank acceptabilities of
SMAA-2, and the staged-versus-single-step decision tree.

Everything shown is computed by :func:`healthyplaces.appraisal.for_place` (the C++ core); this module presents.
"""
from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path
from typing import Any

import pandas as pd

from .. import __version__, appraisal
from . import _render

TEMPLATE = "appraisal.html.j2"
SECTION = "sections/appraisal/section.html.j2"


def _money(x: float) -> str:
    if not pd.notna(x):
        return "–"
    sign = "−" if x < 0 else ""
    a = abs(float(x))
    if a >= 1e6:
        return f"{sign}£{a / 1e6:,.1f}m"
    if a >= 1e3:
        return f"{sign}£{a / 1e3:,.0f}k"
    return f"{sign}£{a:,.0f}"


def _pct(x: float) -> str:
    return "–" if not pd.notna(x) else f"{100 * float(x):.0f}%"


def _fig(result: Any, caption: str, label: str, **kwargs: Any) -> _render.Figure:
    import matplotlib.pyplot as plt

    fig = result.plot(**kwargs)
    try:
        return _render.figure(fig, caption, label)
    finally:
        plt.close(fig)


def _sections(r: Any, illustrative: bool) -> list[tuple[str, str, list[tuple[str, Any]]]]:
    f, e, m, s = r.facts, r.economic, r.mcda, r.staged
    out: list[tuple[str, str, list[tuple[str, Any]]]] = []

    parts: list[tuple[str, Any]] = [("strong", r.answer)]
    if illustrative:
        parts.append(("p", "The figures on this page are ILLUSTRATIVE: the costs, benefits and criteria performances "
                           "are proposed from the green paper's reasoning and orders of magnitude, not from this "
                           "place's accounts. Replace them with your own before relying on the answer."))
    parts.append(("table", _render.frame_table(r.to_frame().rename(columns={
        "ranks_first": "ranks first (share of weightings)", "mean_npsv": "expected NPSV (£)",
        "mean_incremental": "expected gain over business as usual (£)", "p_best": "P(best in money)"}),
        "The options appraised", digits=3)))
    out.append(("answer", "The answer", parts))

    facts = f.to_frame()
    facts["value"] = [v if not isinstance(v, float) else _render.significant(v, 4) for v in facts["value"]]
    out.append(("place", f"What the library knows about {f.area}", [
        ("p", f"Business as usual is {f.current.name or 'separate organisations'}; the partners are a "
              f"{f.blend} blend (the green paper's terms)."),
        ("table", _render.Table(["fact", "value", "source"], facts.values.tolist(), caption="Facts and sources"))]))

    sl = r.short_list
    filt = sl.to_frame()
    counts = sl.dropped_counts()
    kept = int(filt["kept"].sum())
    parts = [("p", f"The long list is every coherent combination of the five dimensions at least as integrated as "
                   f"business as usual: {len(filt)} options ({r.long_list.coherent} coherent combinations of "
                   f"1,024; {r.long_list.behind_current} are behind business as usual). The critical success "
                   f"factors kept {kept}.")]
    if len(counts):
        parts.append(("table", _render.Table(["dropped first by", "options"],
                                             [[k, int(v)] for k, v in counts.items()], numeric=[1],
                                             caption="Why options were dropped")))
    show = filt[["option", "integration_level", "kept", "dropped_by", "reason"]].copy()
    show["kept"] = ["kept" if k else "dropped" for k in show["kept"]]
    parts.append(("table", _render.Table(["option", "level", "", "dropped by", "why"],
                                         show.fillna("").values.tolist(), numeric=[1],
                                         caption="The long list and the options framework filter")))
    out.append(("long-list", "Long list and critical success factors", parts))

    perf = r.performances.map(lambda v: f"{v[0]:.1f} to {v[1]:.1f}")
    out.append(("short-list", "Short list and what money cannot capture", [
        ("p", "The short list keeps business as usual, do minimum and the green paper's own arrangements among the "
              "options kept. Each is judged on the paper's benefit areas and barriers (0 to 10; barriers: less is "
              "better), as a range: the proposals are judgements from the paper's reasoning, to be replaced by the "
              "partners' own."),
        ("table", _render.frame_table(perf, "Criteria performances (ranges)", index_name="option"))]))

    t = e.to_frame()
    money = pd.DataFrame({"NPSV at the means": t["npsv"].map(_money), "expected NPSV": t["mean_npsv"].map(_money),
                          "sd": t["sd_npsv"].map(_money), "gain over BAU": t["mean_incremental"].map(_money),
                          "P(gain > 0)": t["p_incremental_positive"].map(_pct),
                          "benefit-cost ratio": t["bcr"].map(lambda v: _render.significant(v, 3)),
                          "P(best)": t["p_best"].map(_pct),
                          "optimism bias: capital": t["capital"].map(_pct),
                          "operating": t["operating"].map(_pct), "duration": t["duration"].map(_pct)})
    out.append(("economic", "The economic case: net present social value", [
        ("p", f"Costs and benefits over {e.horizon} years, discounted at {100 * e.rate:.1f}% (the Green Book's "
              f"social time preference rate), {e.n_sims:,} simulations on common random numbers (an input shared "
              f"by options is the same draw for each). Costs are raised by the Green Book's optimism bias "
              f"(equipment/development, 75% of the contributory factors mitigated) and benefits delayed by it. "
              f"Preferred (highest expected NPSV): {e.preferred}."),
        ("figure", _fig(e, "Net present social value by option: the spread of the simulations.",
                        "Distributions of net present social value", kind="npsv")),
        ("table", _render.Table(["option", *money.columns], [[i, *row] for i, row in zip(money.index,
                                                                                       money.values.tolist())],
                                numeric=range(1, len(money.columns) + 1), caption="Economic appraisal"))]))

    sw = e.switching_values()
    rows = [[row.input, _render.significant(row.mean, 4),
             _render.significant(row.switching_value, 4) if row.found else "none in range",
             row.takes_over if row.found else "–"] for row in sw.itertuples()]
    parts = [("p", "For each uncertain input, the value at which the preferred option changes with every other "
                   "input at its mean (exact: net present value is linear in each input), or none within the "
                   "input's plausible range (0.1% to 99.9%).")]
    if sw["found"].any():
        parts.append(("figure", _fig(e, "Switching values: how far each input must move before the preferred "
                                        "option changes.", "Switching values", kind="switching")))
    parts.append(("table", _render.Table(["input", "mean", "switching value", "then preferred"], rows,
                                         numeric=[1, 2], caption="Switching values")))
    out.append(("switching", "Switching values", parts))

    parts = [("p", f"The expected value of perfect information is {_money(e.evpi)} per decision (Monte Carlo "
                   f"standard error {_money(e.se_evpi)}): the most it would be worth paying to remove all "
                   "uncertainty before choosing. EVPPI, by regression on the simulations (Strong, Oakley and "
                   "Brennan 2014), says which inputs carry it.")]
    if e.n_sims >= 200 and e.evpi > 0:
        v = e.evppi()
        parts.append(("figure", _fig(v, "EVPPI of each input, with the EVPI as a dashed line.",
                                     "Expected value of partial perfect information")))
        vt = v.to_frame()
        parts.append(("table", _render.Table(["input", "EVPPI", "standard error", "share of EVPI"],
                                             [[i, _money(a), _money(b), _pct(c)] for i, a, b, c in
                                              zip(vt.index, vt["evppi"], vt["standard_error"], vt["share_of_evpi"])],
                                             numeric=[1, 2, 3], caption="Value of information")))
    out.append(("voi", "Value of information", parts))

    cw = m.central_weights()
    out.append(("mcda", "What money cannot capture: SMAA-2", [
        ("p", m.sentence() + " Rank acceptability: the share of the weightings (and performance draws) that give "
              "each option each rank (Lahdelma and Salminen's SMAA-2); weights not stated are drawn uniformly."),
        ("figure", _fig(m, "Rank acceptability of each option.", "Rank acceptability indices")),
        ("table", _render.frame_table(cw, "Central weight vectors: the typical weights that rank each option first",
                                      digits=2, index_name="option"))]))

    out.append(("staged", "In one step or in stages?", [
        ("strong", s.recommendation()),
        ("figure", _fig(s, "The decision tree: integrate now, pilot then decide, or do the minimum.",
                        "Decision tree")),
        ("table", _render.Table(["path", "expected value"], [[p, _money(v)] for p, v in
                                                              (("integrate now", s.ev_integrate_now),
                                                               ("pilot then decide", s.ev_pilot),
                                                               ("do minimum", s.ev_do_minimum))],
                                numeric=[1], caption="Expected value of each path")),
        ("p", f"EVSI (the pilot's information, were it free and instant): {_money(s.evsi)}; the pilot's cost "
              f"{_money(s.pilot_cost)} and its delay {_money(s.delay_cost)}; EVPI {_money(s.evpi)}.")]))

    assumptions = [f"{fact}: {source}" for fact, source in zip(facts["fact"], facts["source"]) if source]
    out.append(("method", "Method and assumptions", [
        ("p", "The Green Book's options framework: long list from the arrangement dimensions (coherence rules of "
              "hp.integration), filtered by critical success factors; economic appraisal with optimism bias "
              "(supplementary guidance, Table 2), switching values and value of information; multi-criteria "
              "analysis for what money cannot capture; and the choice between integrating now and piloting first "
              "(expected value of sample information). Every random step is seeded: the page is the same on every "
              "run."),
        ("list", assumptions)]))
    return out


def build_appraisal_report(config: str | os.PathLike[str] | Any, *, generated: _dt.date | None = None,
                           template_dir: str | os.PathLike[str] | None = None) -> str:
    """The appraisal page for a configuration file (or a checked :class:`healthyplaces.appraisal.AppraisalConfig`).

    Parameters
    ----------
    config : str, path or AppraisalConfig
        The TOML configuration (``healthyplaces appraise --example`` writes one).
    generated : date, optional
        The page's date (default today).
    template_dir : str or path, optional
        A folder of templates replacing the packaged ones of the same name.

    Returns
    -------
    str
        The page's HTML.

    Examples
    --------
    >>> import pathlib, tempfile, healthyplaces as hp
    >>> from healthyplaces.report import build_appraisal_report
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "bexley.toml"
    >>> _ = path.write_text(hp.appraisal.example_config("bexley").replace("10_000", "1_000"), encoding="utf-8")
    >>> "Bexley-like area" in build_appraisal_report(path)
    True
    """
    env = _render.environment(template_dir)
    return _render.render(env, TEMPLATE, _context(env, config, generated))


def _context(env: Any, config: Any, generated: _dt.date | None) -> dict[str, Any]:
    cfg = config if isinstance(config, appraisal.AppraisalConfig) else appraisal.read_config(config)
    result = cfg.run()
    sections = [_render.Section(env, SECTION, {"anchor": a, "heading": h, "parts": p}, a, h)
                for a, h, p in _sections(result, cfg.illustrative)]
    return _render.page_context(
        env, title=cfg.title, kicker="healthyplaces options appraisal" + (" · illustrative figures"
                                                                          if cfg.illustrative else ""),
        version=__version__, source=cfg.source.name, date=_render.date_text(generated or _dt.date.today()),
        meta=[("Configuration", cfg.source.name), ("Place", cfg.area)],
        toc=[(s.anchor, s.toc) for s in sections], sections=sections)


def write_appraisal_report(path: str | os.PathLike[str], config: str | os.PathLike[str] | Any, *,
                           generated: _dt.date | None = None,
                           template_dir: str | os.PathLike[str] | None = None) -> Path:
    """Build the appraisal page (:func:`build_appraisal_report`) and write it to ``path`` whole or not at all.

    Parameters
    ----------
    path : str or path
        Where to write the page.
    config : str, path or AppraisalConfig
        The configuration.
    generated : date, optional
        The page's date.
    template_dir : str or path, optional
        As :func:`build_appraisal_report`.

    Returns
    -------
    pathlib.Path
        The absolute path written.
    """
    env = _render.environment(template_dir)
    return _render.write_atomic(path, env, TEMPLATE, _context(env, config, generated))
