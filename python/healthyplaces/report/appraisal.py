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


def _fig(result: Any, caption: str, label: str, width: float = 9.0, height: float | None = None,
         per_row: float = 0.5, rows: int = 0, wrap: int = 34, **kwargs: Any) -> _render.Figure:
    """``result.plot(ax=..., **kwargs)`` on a figure sized for the page (wide enough for the options' labels, tall
    enough for ``rows`` bars), its long tick labels and notes wrapped onto two lines, as inline SVG (the parts'
    charts size themselves for short labels; the options' labels here are longer)."""
    import textwrap

    import matplotlib.pyplot as plt

    from .._figure import figure

    fig = figure(width, height if height is not None else 1.6 + per_row * max(rows, 3))
    try:
        ax = fig.add_subplot()
        result.plot(ax=ax, **kwargs)
        for axis in fig.axes:
            labels = axis.get_yticklabels()
            if any(len(t.get_text()) > wrap for t in labels):
                axis.set_yticks(axis.get_yticks(), [textwrap.fill(t.get_text(), wrap, max_lines=2,
                                                                  placeholder=" …") for t in labels])
            for note in axis.texts:  # notes beside bars (the switching chart's "→ option at value")
                if len(note.get_text()) > wrap + 6:
                    note.set_text(textwrap.fill(note.get_text(), wrap + 6, max_lines=2, placeholder=" …"))
        return _render.figure(fig, caption, label)
    finally:
        plt.close(fig)


def _number(x: Any) -> str:
    """A count of people or things: thousands separators, no decimals."""
    return "–" if not pd.notna(x) else f"{float(x):,.0f}"


def _facts(f: Any) -> list[list[Any]]:
    """The facts table, each value formatted for people: shares as per cent, money in £, counts with separators."""
    shown = {"council's governance score": _pct, "NHS body's governance score": _pct, "coterminosity": _pct,
             "population": _number, "share over 80": lambda v: f"{100 * float(v):.1f}%",
             "growth over 80": lambda v: f"{100 * float(v):+.0f}%", "pooled spend a year": _money,
             "NHS deficit a year": _money}
    rows = []
    for fact, value, source in f.to_frame().itertuples(index=False):
        text = shown[fact](value) if fact in shown else (value or "–")
        rows.append([fact, text, source or "–"])
    return rows


def _sections(r: Any, illustrative: bool) -> list[tuple[str, str, str, list[tuple[str, Any]]]]:
    """(anchor, heading, contents label, parts) of each section, in order."""
    f, e, m, s = r.facts, r.economic, r.mcda, r.staged
    out: list[tuple[str, str, str, list[tuple[str, Any]]]] = []
    n = len(r.options)

    parts: list[tuple[str, Any]] = [("strong", r.answer)]
    if illustrative:
        parts.append(("p", "The figures on this page are ILLUSTRATIVE: the costs, benefits and criteria performances "
                           "are proposed from the green paper's reasoning and orders of magnitude, not from this "
                           "place's accounts. Replace them with your own before relying on the answer."))
    t = r.to_frame()
    parts.append(("table", _render.Table(
        ["option", "integration level (0–15)", "ranks first (of weightings)", "expected NPSV",
         "gain over business as usual", "best in money (of simulations)"],
        [[o, lv, _pct(rf), _money(v), _money(g), _pct(pb)] for o, lv, rf, v, g, pb in
         zip(t["option"], t["integration_level"], t["ranks_first"], t["mean_npsv"], t["mean_incremental"],
             t["p_best"])],
        numeric=range(1, 6), caption="The options appraised (NPSV: net present social value)")))
    out.append(("answer", "The answer", "Answer", parts))

    bau = r.descriptions.get(r.options[0], r.options[0])
    described = r.long_list.options[0].description if len(r.long_list.options) else bau
    if f.blend == "unknown":
        blend = (f"The library has no governance scores for {f.area}, so whether its council and NHS body are a "
                 "compatible or a complementary blend (the green paper's terms) is not known; the criteria "
                 "performances assume neither partner is the stronger.")
    else:
        blend = f"The partners are a {f.blend} blend (the green paper's terms)."
    out.append(("place", f"What the library knows about {f.area}", "The place", [
        ("p", f"Business as usual (the arrangement today): {described or 'separate organisations'}. {blend}"),
        ("table", _render.Table(["fact", "value", "source"], _facts(f), caption="Facts and where each came from"))]))

    sl = r.short_list
    filt = sl.to_frame()
    counts = sl.dropped_counts()
    counts = counts[counts > 0] if len(counts) else counts
    kept = int(filt["kept"].sum())
    parts = [("p", f"The long list is every coherent combination of the five dimensions at least as integrated as "
                   f"business as usual: {len(filt)} options ({r.long_list.coherent} coherent combinations of "
                   f"1,024; {r.long_list.behind_current} are behind business as usual). The critical success "
                   f"factors kept {kept} and dropped {len(filt) - kept}.")]
    if len(counts):
        stated = dict(sl.factors)  # each factor's reason: the user's, or the built-in factor's
        example = dict(zip(filt["dropped_by"][::-1], filt["reason"][::-1]))  # the first option each dropped
        parts.append(("table", _render.Table(["critical success factor", "its reason",
                                              "how an option fails it (first one)",
                                              "options dropped"],
                                             [[k, stated.get(k) or "–", example.get(k) or "–", int(v)]
                                              for k, v in counts.items()],
                                             numeric=[3], caption="Why options were dropped")))
    show = filt[["option", "integration_level", "kept", "dropped_by"]].copy()
    show["kept"] = ["kept" if k else "dropped" for k in show["kept"]]
    parts.append(("details", (f"The whole long list: {len(filt)} options, {kept} kept (click to show or hide)",
                              _render.Table(["option", "level", "kept?", "dropped by"],
                                            show.fillna("").values.tolist(),
                                            numeric=[1], caption="The long list and the options framework filter"))))
    out.append(("long-list", "Long list and critical success factors", "Long list", parts))

    perf = r.performances.map(lambda v: f"{v[0]:.1f}–{v[1]:.1f}")
    key = [[o, described if i == 0 else r.descriptions.get(o, o)] for i, o in enumerate(r.options)]
    out.append(("short-list", "Short list and what money cannot capture", "Short list", [
        ("p", "The short list keeps business as usual, do minimum and the green paper's own arrangements among the "
              "options kept (at most "
              f"{n} in all). Each option's label says what it changes from business as usual."),
        ("table", _render.Table(["option", "the arrangement in full"], key, caption="The short list")),
        ("p", "Each option is judged on the paper's benefit areas and barriers (0 to 10; for the barriers less is "
              "better), as a range: the proposals are judgements from the paper's reasoning, to be replaced by the "
              "partners' own."),
        ("table", _render.frame_table(perf, "Criteria performances (low–high, 0 to 10)", index_name="option"))]))

    t = e.to_frame()
    money = pd.DataFrame({"NPSV at the means": t["npsv"].map(_money), "expected NPSV": t["mean_npsv"].map(_money),
                          "spread (sd)": t["sd_npsv"].map(_money), "gain over BAU": t["mean_incremental"].map(_money),
                          "P(gain > 0)": t["p_incremental_positive"].map(_pct),
                          "benefit-cost ratio": t["bcr"].map(lambda v: _render.significant(v, 2)),
                          "P(best)": t["p_best"].map(_pct)})
    bias = t[["capital", "duration"]].drop_duplicates()
    applied = (f"one-off costs raised by {_pct(bias['capital'].max())} and the works' duration by "
               f"{_pct(bias['duration'].max())} (delaying the benefits)" if len(bias) else "none")
    out.append(("economic", "The economic case: net present social value", "Economic case", [
        ("p", f"Costs and benefits over {e.horizon} years, discounted at {100 * e.rate:.1f}% (the Green Book's "
              f"social time preference rate), {e.n_sims:,} simulations on common random numbers (an input shared "
              f"by options is the same draw for each). Optimism bias (the Green Book's supplementary guidance, "
              f"equipment/development, 75% of the contributory factors mitigated) for every option but business as "
              f"usual: {applied}. Preferred (highest expected NPSV): {e.preferred}."),
        ("figure", _fig(e, "Net present social value by option: the spread of the simulations.",
                        "Distributions of net present social value", rows=n, per_row=0.6, kind="npsv")),
        ("table", _render.Table(["option", *money.columns], [[i, *row] for i, row in zip(money.index,
                                                                                       money.values.tolist())],
                                numeric=range(1, len(money.columns) + 1), caption="Economic appraisal"))]))

    sw = e.switching_values()
    found = sw[sw["found"].astype(bool)]
    def amount(x: float) -> str:  # money, except an effect's size (a fraction or bed days per person)
        return _money(x) if abs(x) >= 1_000 else _render.significant(x, 3)

    rows = [[row.input, amount(row.mean), amount(row.switching_value), row.takes_over]
            for row in found.itertuples()]
    parts = [("p", "For each uncertain input, the value at which the preferred option changes with every other "
                   "input at its mean (exact: net present value is linear in each input), or none within the "
                   f"input's plausible range (0.1% to 99.9%). {len(found)} of {len(sw)} inputs can change the "
                   "answer within their range" + (f"; the other {len(sw) - len(found)} cannot." if len(found) < len(sw)
                                                 else "."))]
    if len(found):
        parts.append(("figure", _fig(e, "Switching values: how far each input must move before the preferred "
                                        "option changes.", "Switching values", width=10.0,
                                     rows=len(sw), per_row=0.5, wrap=42, kind="switching")))
        parts.append(("table", _render.Table(["input", "expected", "switching value", "then preferred"], rows,
                                             numeric=[1, 2], caption="Inputs that can change the answer")))
    out.append(("switching", "Switching values", "Switching values", parts))

    parts = [("p", f"The expected value of perfect information is {_money(e.evpi)} per decision (Monte Carlo "
                   f"standard error {_money(e.se_evpi)}): the most it would be worth paying to remove all "
                   "uncertainty before choosing. EVPPI, by regression on the simulations (Strong, Oakley and "
                   "Brennan 2014), says which inputs carry it.")]
    if e.n_sims >= 200 and e.evpi > 0:
        v = e.evppi()
        vt = v.to_frame()
        parts.append(("figure", _fig(v, "EVPPI of each input, with the EVPI as a dashed line.",
                                     "Expected value of partial perfect information", rows=min(len(vt), 30),
                                     per_row=0.45, wrap=42)))
        small = int((vt["share_of_evpi"] < 0.005).sum())
        vt = vt[vt["share_of_evpi"] >= 0.005]
        parts.append(("table", _render.Table(["input", "EVPPI", "standard error", "share of EVPI"],
                                             [[i, _money(a), _money(b), _pct(c)] for i, a, b, c in
                                              zip(vt.index, vt["evppi"], vt["standard_error"], vt["share_of_evpi"])],
                                             numeric=[1, 2, 3],
                                             caption="Value of information: the inputs carrying at least 0.5% "
                                                     f"of the EVPI ({small} others carry less)")))
    out.append(("voi", "Value of information", "Value of information", parts))

    cw = m.central_weights()
    out.append(("mcda", "What money cannot capture: SMAA-2", "SMAA-2", [
        ("p", _cap(m.sentence()) + " Rank acceptability: the share of the weightings (and performance draws) that "
              "give each option each rank (Lahdelma and Salminen's SMAA-2); weights not stated are drawn "
              "uniformly."),
        ("figure", _fig(m, "Rank acceptability of each option.", "Rank acceptability indices", rows=n, per_row=0.55,
                        title="How often each option takes each rank")),
        ("table", _render.Table(["option", *[str(c) for c in cw.columns]],
                                [[o, *[_pct(w) for w in row]] for o, row in zip(cw.index, cw.values.tolist())],
                                numeric=range(1, len(cw.columns) + 1),
                                caption="Central weights: the typical weighting that ranks each option first"))]))

    prior_mean = s.prior.mean - (r.known_savings / r.bed_day_value if r.bed_day_value else 0.0)
    out.append(("staged", "In one step or in stages?", "One step or stages", [
        ("strong", s.recommendation()),
        ("figure", _fig(s, "The decision tree: integrate now, pilot then decide, or do the minimum.",
                        "Decision tree", height=5.0)),
        ("table", _render.Table(["path", "expected value"], [[p, _money(v)] for p, v in
                                                              (("integrate now", s.ev_integrate_now),
                                                               ("pilot then decide", s.ev_pilot),
                                                               ("do minimum", s.ev_do_minimum))],
                                numeric=[1], caption="Expected value of each path")),
        ("p", f"EVSI (the pilot's information, were it free and instant): {_money(s.evsi)}; the pilot's cost "
              f"{_money(s.pilot_cost)} and its delay {_money(s.delay_cost)}; EVPI {_money(s.evpi)}. The tree "
              f"values {r.staged_option} by what a pilot can measure, emergency bed days saved per person over 80 "
              f"(each worth {_money(r.bed_day_value)} a year; prior {prior_mean:.2g} ± {s.prior.sd:.2g}), less the "
              "restructuring cost and the running costs net of the "
              "known savings (shared posts, recovered deficit)"
              + (f". Its known savings exceed its running costs by {_money(r.known_savings)} a year, counted as "
                 f"{r.known_savings / r.bed_day_value:.2f} bed days more effect: the thresholds on the estimate "
                 "include them." if r.known_savings > 0 else "."))]))

    facts = f.to_frame()
    assumptions = [f"{fact}: {source}" for fact, source in zip(facts["fact"], facts["source"]) if source]
    out.append(("method", "Method and assumptions", "Method", [
        ("p", "The Green Book's options framework: long list from the arrangement dimensions (coherence rules of "
              "hp.integration), filtered by critical success factors; economic appraisal with optimism bias "
              "(supplementary guidance, Table 2), switching values and value of information; multi-criteria "
              "analysis for what money cannot capture; and the choice between integrating now and piloting first "
              "(expected value of sample information). Every random step is seeded: the page is the same on every "
              "run. Where each fact came from:"),
        ("list", assumptions)]))
    return out


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


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
    sections = [_render.Section(env, SECTION, {"anchor": a, "heading": h, "parts": p}, a, toc)
                for a, h, toc, p in _sections(result, cfg.illustrative)]
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


    Examples
    --------
    >>> import pathlib, tempfile, healthyplaces as hp
    >>> from healthyplaces.report import write_appraisal_report
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> config = folder / "bexley.toml"
    >>> _ = config.write_text(hp.appraisal.example_config("bexley").replace("10_000", "300")
    ...                       .replace("options = 6", "options = 3"), encoding="utf-8")
    >>> write_appraisal_report(folder / "bexley.html", config).name
    'bexley.html'
    """
    env = _render.environment(template_dir)
    return _render.write_atomic(path, env, TEMPLATE, _context(env, config, generated))
