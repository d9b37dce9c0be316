"""The runtime dependencies are numpy, pandas, matplotlib and tqdm: scipy, statsmodels, Dask and pysyncon are for
tests, benchmarks and the optional hp.distributed only.

Dynamic check: a fresh interpreter in which importing scipy, statsmodels, dask, distributed or pysyncon raises
ModuleNotFoundError imports healthyplaces and calls every public function of hp.evaluation and every public method
and property of its result classes (the list is read from the classes, so a new method must be added here), plus
a representative call of each other box. Static check: no module of the package imports them, except
healthyplaces/distributed.py (Dask, the optional extra, imported inside its functions).
"""
from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import healthyplaces as hp

PACKAGE = Path(hp.__file__).resolve().parent
BLOCKED = ("scipy", "statsmodels", "dask", "distributed", "pysyncon")

SCRIPT = r'''
import functools, importlib.abc, inspect, json, math, sys

BLOCKED = %(blocked)r


class Blocker(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {name!r} (blocked: not a runtime dependency)", name=name)
        return None


sys.meta_path.insert(0, Blocker())

failures, covered = [], set()
try:
    import scipy  # noqa: F401
    failures.append("the import blocker does not block scipy")
except ModuleNotFoundError:
    pass

import numpy as np
import pandas as pd
import healthyplaces as hp

ev = hp.evaluation


def owner_of(obj):
    if obj is ev:
        return "hp.evaluation"
    return obj.__name__ if isinstance(obj, type) or inspect.ismodule(obj) else type(obj).__name__


def record(label, e):
    blocked = isinstance(e, ModuleNotFoundError) and (e.name or "").split(".")[0] in BLOCKED
    failures.append(f"{label}: {'needs ' + e.name if blocked else type(e).__name__}: {e}")


def call(obj, name, *args, **kwargs):
    """obj.name(*args, **kwargs), recorded as exercised; a failure is recorded and gives None."""
    covered.add((owner_of(obj), name))
    try:
        return getattr(obj, name)(*args, **kwargs)
    except BaseException as e:  # noqa: BLE001 - every failure is reported
        record(f"{owner_of(obj)}.{name}", e)


def get(obj, name):
    """A property, recorded as exercised."""
    covered.add((owner_of(obj), name))
    try:
        return getattr(obj, name)
    except BaseException as e:  # noqa: BLE001
        record(f"{owner_of(obj)}.{name}", e)


def run(label, fn):
    try:
        return fn()
    except BaseException as e:  # noqa: BLE001
        record(label, e)


def every(obj, skip=()):
    """Every public property of obj's class read, and repr and _repr_html_ rendered."""
    for name in dir(type(obj)):
        if not name.startswith("_") and name not in skip and isinstance(
                inspect.getattr_static(type(obj), name), (property, functools.cached_property)):
            get(obj, name)
    run(f"repr({type(obj).__name__})", lambda: repr(obj))
    if hasattr(obj, "_repr_html_"):
        run(f"{type(obj).__name__}._repr_html_", obj._repr_html_)


rng = np.random.default_rng(7)

# ---- a small staggered panel: 24 units x 6 years, cohorts 2012 and 2014, 8 never treated ----------------------
names = [f"u{i:02d}" for i in range(24)]
years = list(range(2010, 2016))
first = {u: 2012 if i < 8 else 2014 if i < 16 else 0 for i, u in enumerate(names)}
rows = []
for i, u in enumerate(names):
    a = rng.normal()
    for t in years:
        d = first[u] and t >= first[u]
        rows.append({"unit": u, "year": t, "first": first[u], "x": rng.normal(),
                     "y": a + 0.3 * (t - 2010) + 1.0 * d + rng.normal(scale=0.5), "d": int(bool(d))})
df = pd.DataFrame(rows)
cols = dict(unit="unit", time="year", outcome="y")

panel = call(ev.Panel, "from_frame", df, adoption="first", covariates=["x"], **cols)
every(panel)
call(panel, "covariate", "x")
call(panel, "to_frame")
run("len(Panel)", lambda: len(panel))
call(ev, "as_panel", df, adoption="first", **cols)

res = call(ev, "att_gt", df, adoption="first", n_resamples=50, seed=1, **cols)
every(res)
call(res, "confidence_interval")
call(res, "summary")
call(res, "to_frame")
call(res, "pretest")
call(res, "plot")
for kind in ("simple", "dynamic", "group", "calendar"):
    agg = call(res, "aggregate", kind)
every(agg)
call(res, "aggte", "dynamic")
agg = call(ev, "aggte", res, "dynamic")
call(agg, "confidence_interval")
call(agg, "summary")
call(agg, "to_frame")
call(agg, "plot")

r = call(ev, "did", df, adoption="first", **cols)
every(r)
call(r, "confidence_interval", 0.9)
call(r, "summary")
call(r, "to_frame")
call(r, "plot")
two = df[df["year"].isin([2013, 2014]) & df["first"].isin([0, 2014])]
call(ev, "did", two, treated="d", **cols)
es = call(ev, "event_study", df, adoption="first", **cols)
every(es)
call(es, "confidence_interval", 0.9)
call(es, "intervals", 0.9)
call(es, "summary")
call(es, "to_frame")
call(es, "plot")
b = call(ev, "bacon", df, adoption="first", **cols)
every(b)
call(b, "summary")
call(b, "to_frame")
call(b, "plot")

# ---- synthetic control: 10 units x 12 periods, s0 treated from period 9 ------------------------------------------
srows = []
load = rng.uniform(0.5, 1.5, 10)
for i in range(10):
    for t in range(12):
        srows.append({"s": f"s{i}", "t": t, "y": load[i] * (5 + 0.5 * t) + rng.normal(scale=0.1)
                      + (2.0 if i == 0 and t >= 9 else 0.0)})
sdf = pd.DataFrame(srows)
scols = dict(unit="s", time="t", outcome="y", treated="s0", treatment_period=9)
s = call(ev, "synth", sdf, special_predictors=[2, 5, 8], leave_one_out=True, threads=1, **scols)
every(s)
for name in ("gaps", "balance", "placebos", "placebo_gaps", "leave_one_out", "summary", "to_frame"):
    call(s, name)
for kind in ("paths", "gaps", "placebos", "ratios"):
    call(s, "plot", kind)
call(ev, "synth_in_time", sdf, 6, special_predictors=[2, 4, 5], threads=1, **scols)
a = call(ev, "augsynth", sdf, threads=1, **scols)
every(a)
call(a, "confidence_interval", 0.9)
call(a, "estimates", 0.9)
call(a, "cv")
call(a, "summary")
call(a, "to_frame")
for kind in ("gaps", "paths", "cv"):
    call(a, "plot", kind)

# ---- power ---------------------------------------------------------------------------------------------------------
control = [0.1, 0.2, 0.5, 0.2]
po = call(ev, "power_ordinal", control, odds_ratio=2.43, power=0.9)
call(ev, "power_ordinal", control, treated=call(ev, "proportional_odds_shift", control, 2.43), n=150)
call(ev, "design_effect", 20, 0.05)
pc = call(ev, "power_cluster", 0.5, power=0.8, cluster_size=20, icc=0.05)
call(ev, "power_cluster", clusters_per_arm=10, power=None, cluster_size=20, icc=0.05, outcome="binary",
     control_proportion=0.2, treated_proportion=0.3)
call(ev, "power_cluster", 0.4, 6, cluster_size=15, icc=0.08, t_correction=True)
for kind, kw in (("stepped_wedge", dict(steps=3, clusters_per_step=2)), ("parallel", dict(clusters_per_arm=3)),
                 ("parallel_baseline", dict(clusters_per_arm=3, periods=2))):
    call(ev, "stepped_wedge_design", kind, **kw)
call(ev, "power_stepped_wedge", steps=3, clusters_per_step=2, effect=0.3, m=20, icc=0.05)
call(ev, "power_stepped_wedge", steps=3, clusters_per_step=2, effect=0.3, power=0.8, tau=0.1)
call(ev, "panel_moments", df, **cols)
pd_ = call(ev, "power_did", 0.3, power=0.8, rho=0.5, pre_periods=2, post_periods=2)
call(ev, "power_did", 0.3, power=0.8, data=df[df["first"] == 0], pre_periods=2, post_periods=2, **cols)
for result in (po, pc, pd_):
    every(result)
    for name in ("to_frame", "summary", "curve", "effect_curve"):
        call(result, name)
    call(result, "plot", against="n")
    call(result, "plot", against="effect")

design = call(ev.PowerDesign, "parallel", 6, periods=4, baseline_periods=2, unit_sd=1.0)
call(ev.PowerDesign, "stepped_wedge", 3, 2)
call(ev.PowerDesign, "staggered", {1: 4, 2: 4, None: 4}, periods=4)
call(ev.PowerDesign, "from_panel", df, adoption="first", **cols)
call(design, "with_icc", 0.05, cluster_size=10)
call(design, "panel", 0.5, seed=1)
ps = call(ev, "power_simulate", design, effect=0.8, n_sims=50, seed=1, threads=1)
every(ps)
call(ps, "effect_curve", [0.0, 0.8])
call(ps, "plot")
call(ps, "summary")


def normal_test(y, x):
    e = hp._core.evaluation.estimate_twfe(y, x)
    return math.erfc(abs(e.estimate / e.se) / math.sqrt(2))


call(ev, "power_simulate", design, effect=0.8, n_sims=20, seed=1, estimator=normal_test)
call(ev, "power_simulate", df, effect=0.5, n_sims=20, seed=1, adoption="first", **cols)

# ---- a representative call of every other box -------------------------------------------------------------------
run("hp.stats.mannwhitneyu", lambda: hp.stats.mannwhitneyu([1, 2, 3, 4, 8], [2, 5, 6, 7, 9]).pvalue)
run("hp.indicators.proportion", lambda: hp.indicators.proportion([65], [100]))
svc = [hp.finance.Service("admissions", "nhs", [0.01, 0.3], hp.finance.Gamma(2500, 1500), 1.5e6)]
run("hp.finance.simulate", lambda: hp.finance.simulate((["0-64", "65+"], [9000, 2000]), svc, n_sims=200, seed=1).summary())
run("hp.demography.england", lambda: hp.demography.england().share_over(80))
table = run("hp.read_scores", lambda: hp.read_scores(hp.datasets.nlgn2008()))
run("hp.compare_sectors", lambda: hp.compare_sectors(table).modal_table())

# ---- was everything exercised? ----------------------------------------------------------------------------------
required = set()
for name in ev.__all__:
    obj = getattr(ev, name)
    if not isinstance(obj, type):
        required.add(("hp.evaluation", name))
        continue
    for member in dir(obj):
        static = inspect.getattr_static(obj, member)
        if not member.startswith("_") and (callable(static) or isinstance(
                static, (property, functools.cached_property, classmethod, staticmethod))):
            required.add((name, member))
leaked = sorted(m for m in sys.modules if m.split(".")[0] in BLOCKED)
print(json.dumps({"failures": failures, "missing": sorted(".".join(k) for k in required - covered),
                  "leaked": leaked}))
'''


def test_every_public_evaluation_call_and_each_box_runs_without_scipy_statsmodels_dask():
    env = dict(os.environ, MPLBACKEND="Agg", PYTHONPATH=os.pathsep.join(
        [str(PACKAGE.parent)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]))
    done = subprocess.run([sys.executable, "-c", SCRIPT % {"blocked": BLOCKED}], capture_output=True, text=True,
                          env=env, timeout=600)
    assert done.returncode == 0, done.stderr[-4000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["failures"] == [], "calls that fail without scipy/statsmodels/dask:\n" + "\n".join(out["failures"])
    assert out["missing"] == [], "public hp.evaluation functions/methods not exercised here: " + ", ".join(
        out["missing"])
    assert out["leaked"] == []


def _imports(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module


def test_no_module_imports_scipy_statsmodels_or_dask():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative == "distributed.py":
            continue
        for line, module in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if module.split(".")[0] in BLOCKED:
                offenders.append(f"healthyplaces/{relative}:{line} imports {module}")
    assert offenders == [], "\n".join(offenders)
