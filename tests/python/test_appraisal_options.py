"""hp.appraisal's long list, critical success factors, short list and optimism bias. References independent of the
code: the guidance's Table 2 and worked examples written out here; the long list against an enumeration of the 1,024
combinations made here (coherence is whether hp.Arrangement accepts it); each factor against a predicate written
here from its definition; scaled uncertain amounts against scipy's distributions scaled by hand."""
from __future__ import annotations

import itertools
import pickle

import numpy as np
import pytest
from scipy import stats

import healthyplaces as hp

A = hp.appraisal
DIMS = (hp.Budgets, hp.Staff, hp.Leadership, hp.Governance, hp.LegalBasis)
NAMES = ("budgets", "staff", "leadership", "governance", "legal_basis")

# HM Treasury, Supplementary Green Book Guidance: Optimism Bias (Mott MacDonald 2002), Table 2, per cent:
# works duration upper, lower; capital expenditure upper, lower (outsourcing: operating expenditure 41, 0).
TABLE_2 = {
    "non_standard_buildings": (39, 2, 51, 4),
    "standard_buildings": (4, 1, 24, 2),
    "non_standard_civil_engineering": (25, 3, 66, 6),
    "standard_civil_engineering": (20, 1, 44, 3),
    "equipment_development": (54, 10, 200, 10),
}


def ranks(a):
    return tuple(int(getattr(a, n).value) for n in NAMES)


def coherent_combinations():
    out = []
    for combo in itertools.product(range(4), repeat=5):
        kw = {n: d(v) for n, d, v in zip(NAMES, DIMS, combo)}
        try:
            hp.Arrangement("x", **kw)
        except hp.ArrangementError:
            continue
        out.append(combo)
    return out


COHERENT = coherent_combinations()
# A Torbay-like place before its care trust: aligned budgets and seconded staff under section 75, a joint committee.
TORBAY_LIKE = hp.Arrangement("ours", budgets=hp.Budgets.aligned, staff=hp.Staff.seconded,
                             governance=hp.Governance.joint_committee, legal_basis=hp.LegalBasis.section_75)


def test_optimism_bias_meets_table_2_and_the_worked_examples():
    t = A.optimism_bias_table()
    for kind, (du, dl, cu, cl) in TABLE_2.items():
        assert t.loc[kind, ["duration_upper", "duration_lower", "capital_upper", "capital_lower"]].tolist() == \
            pytest.approx([du / 100, dl / 100, cu / 100, cl / 100], abs=1e-15)
        assert np.isnan(t.loc[kind, "operating_upper"])
    assert t.loc["outsourcing", ["operating_upper", "operating_lower"]].tolist() == [0.41, 0.0]
    assert np.isnan(t.loc["outsourcing", "capital_upper"])
    # A combined building 30% non-standard, 70% standard: capital 32.1%, works duration 14.5%.
    ob = A.optimism_bias({"non_standard_buildings": 0.3, "standard_buildings": 0.7})
    assert (ob.capital, ob.duration, ob.operating) == pytest.approx((0.321, 0.145, 0.0), abs=1e-12)
    # A 92% reduction of a 51% upper bound leaves 4% (4.08%).
    m = A.optimism_bias([("non_standard_buildings", 1.0)], mitigation={"capital": 0.92})
    assert m.capital == pytest.approx(0.0408, abs=1e-12) and m.duration == pytest.approx(0.39, abs=1e-12)
    assert round(100 * m.capital) == 4
    assert A.optimism_bias("non_standard_buildings", mitigation=0.5).duration == pytest.approx(0.195, abs=1e-12)
    assert "Below the lower bound (capital, duration)" in str(A.optimism_bias("standard_buildings", mitigation=1))
    with pytest.raises(hp.DomainError, match=r"the project's shares must sum to 1, got 0\.9"):
        A.optimism_bias({"standard_buildings": 0.9})
    with pytest.raises(ValueError, match=r"mitigation of capital must be in \[0, 1\], got 1\.2"):
        A.optimism_bias("standard_buildings", mitigation={"capital": 1.2})
    with pytest.raises(hp.DomainError, match="project type 'bridges' is not in the Green Book's Table 2; types: "
                                             "standard_buildings, non_standard_buildings"):
        A.optimism_bias("bridges")
    with pytest.raises(hp.DomainError, match="mitigation's keys are capital, operating and duration; got capex"):
        A.optimism_bias("standard_buildings", mitigation={"capex": 0.5})


@pytest.mark.parametrize("current", [None, TORBAY_LIKE, hp.preset("herefordshire")], ids=["separate", "torbay_like",
                                                                                           "herefordshire"])
def test_long_list_is_every_coherent_combination_from_business_as_usual_up(current):
    ll = A.long_list(current)
    cur = ranks(ll.current)
    want = {c for c in COHERENT if all(x >= y for x, y in zip(c, cur)) and c != cur}
    got = [ranks(a) for a in ll.options[1:]]
    assert len(got) == len(set(got)) and set(got) == want
    assert ranks(ll.options[0]) == cur and ll.kinds[0] == "business as usual" and ll.kinds[1] == "do minimum"
    assert ll.coherent == len(COHERENT) and ll.behind_current == len(COHERENT) - len(want) - 1
    assert ll.integration_levels[2:] == sorted(ll.integration_levels[2:])
    assert ll.integration_levels[1] == min(sum(c) for c in want)
    frame = ll.to_frame()
    assert list(frame.columns[:8]) == ["option", "kind", *NAMES, "integration_level"]
    assert frame["budgets"].tolist() == [a.budgets.name for a in ll.options]


def test_long_list_names_the_presets_and_the_comparators():
    ll = A.long_list()
    assert {p for p in ll.presets if p} == {"closer_working", "swindon", "herefordshire", "nlgn_proposal", "torbay",
                                            "public_service_trust"}
    named = dict(zip(ll.presets, ll.options))
    assert named["swindon"].name == "Swindon"
    assert named["swindon"].description == "aligned budgets, seconded staff, joint committee, section 75"
    assert named["closer_working"].name == "do minimum: closer working"  # a joint committee
    assert "joint committee" in ll.do_minimum_rule and "closer working" in ll.do_minimum_rule
    # From the Torbay-like place the smallest step left is joint senior posts.
    t = A.long_list(TORBAY_LIKE)
    assert t.options[1].leadership == hp.Leadership.joint_posts and t.integration_levels[1] == 5
    assert len(A.long_list("public_service_trust")) == 1
    with pytest.raises(hp.DomainError, match="current must be an hp.Arrangement, a preset key or None"):
        A.long_list(3)


@pytest.mark.parametrize("current", [None, TORBAY_LIKE, hp.preset("torbay")], ids=["separate", "torbay_like", "torbay"])
def test_each_factor_drops_exactly_what_its_definition_says(current):
    ll = A.long_list(current)
    c = ll.current
    lb = hp.LegalBasis

    def new_body(a):
        return a.legal_basis in (lb.care_trust, lb.public_service_trust) and a.legal_basis != c.legal_basis

    predicates = {
        "no_new_legal_body": new_body,
        "reversible_within_two_years": lambda a: new_body(a) or any(
            getattr(a, n).name == top and getattr(c, n).name != top
            for n, top in (("staff", "merged"), ("budgets", "single"), ("leadership", "single"),
                           ("governance", "single_body"))),
        "council_keeps_social_care_commissioning": lambda a: a.legal_basis == lb.care_trust != c.legal_basis,
        "no_full_merger": lambda a: a.legal_basis == lb.public_service_trust,
        "budgets at most pooled": lambda a: a.budgets.value > hp.Budgets.pooled.value,
        "leadership at least joint_posts": lambda a: a.leadership.value < hp.Leadership.joint_posts.value,
    }
    for key, fails in predicates.items():
        s = A.shortlist(ll, [key])
        for a, kind, kept, by, f in zip(ll.options, ll.kinds, s.kept, s.dropped_by, s.fails):
            assert bool(f) == fails(a), (key, a.description)
            assert kept == (not fails(a) or kind != "option")
            assert by == (None if kept else key)
        assert s.short_list == [a for a, k in zip(ll.options, s.kept) if k]


def test_shortlist_orders_factors_as_given_and_refuses_unknown_ones():
    ll = A.long_list()
    s = A.shortlist(ll, [("no_full_merger", "the council's own reason"), "no_new_legal_body"])
    frame = s.to_frame()
    last = frame.iloc[-1]
    assert (last["dropped_by"], last["fails"]) == ("no_full_merger", "no_full_merger; no_new_legal_body")
    assert s.factors[0] == ("no_full_merger", "the council's own reason")
    assert s.dropped_counts().to_dict() == {"no_full_merger": 1, "no_new_legal_body": frame["dropped_by"].eq(
        "no_new_legal_body").sum()}
    # The comparators are kept even when they fail a factor.
    s2 = A.shortlist(ll, {"governance at most separate_boards": "no new committees"})
    assert s2.kept[1] and s2.fails[1] == ["governance at most separate_boards"]
    assert "kept: do minimum is a comparator" in s2.reasons[1]
    with pytest.raises(ValueError, match="critical success factor 'cheap' is not known; built-in factors: "
                                         "no_new_legal_body, reversible_within_two_years, "
                                         "council_keeps_social_care_commissioning, no_full_merger; or a limit"):
        A.shortlist(ll, ["cheap"])
    with pytest.raises(hp.DomainError, match="'lots' is not a budgets value; values: separate, aligned, pooled"):
        A.shortlist(ll, ["budgets at most lots"])
    with pytest.raises(hp.DomainError, match="'no_full_merger' is given twice"):
        A.shortlist(ll, ["no_full_merger", "No full merger"])
    assert list(A.critical_success_factors()["factor"]) == ["no_new_legal_body", "reversible_within_two_years",
                                                           "council_keeps_social_care_commissioning", "no_full_merger"]


def test_apply_scales_costs_exactly_and_delays_benefits():
    U = hp.finance.Uncertain
    ob = A.optimism_bias({"non_standard_buildings": 0.3, "standard_buildings": 0.7})  # capital 0.321, duration 0.145
    flows = [hp.finance.one_off_cost("restructuring", U.lognormal(400_000, 100_000), years=2),
             hp.finance.running_cost("team", U.triangular(40_000, 50_000, 80_000)),
             hp.finance.saving("posts", U.normal(120_000, 20_000), start=2),
             hp.finance.prevention("falls", 2_000_000, U.beta(0.03, 0.01), start=3, end=9)]
    out = ob.apply(flows, works_years=7, horizon=10)  # delay round(0.145 × 7 = 1.015) = 1
    k = 1.321
    # The lognormal cost scaled: its quantiles are k × scipy's, from the value's mean and sd.
    s2 = np.log1p((100_000 / 400_000) ** 2)
    ref = stats.lognorm(s=np.sqrt(s2), scale=k * np.exp(np.log(400_000) - s2 / 2))
    for p in (0.05, 0.5, 0.95):
        assert out[0].amount.quantile(p) == pytest.approx(ref.ppf(p), rel=1e-9)
    assert (out[0].start, out[0].years) == (0, 2)
    assert out[1].amount.mean == pytest.approx(170_000 / 3, rel=1e-12)  # no operating uplift for buildings
    assert (out[2].start, out[2].end, out[3].start, out[3].end) == (3, None, 4, 9)
    assert out[3].amount.mean == pytest.approx(0.03)
    # Pure equipment: the delay passes a stream's last year, which then yields nothing.
    eq = A.optimism_bias("equipment_development")  # duration 0.54
    late = A.apply_optimism_bias(flows, eq, works_years=13, horizon=10)  # delay round(7.02) = 7
    assert (late[2].start, late[3].amount.mean, late[3].start) == (9, 0.0, 9)
    with pytest.raises(hp.DomainError, match=r"flow 'beta cost' \(one_off_cost\): a beta amount is a fraction"):
        A.apply_optimism_bias([hp.finance.one_off_cost("beta cost", U.beta(0.5, 0.1))], ob, 1, 10)
    with pytest.raises(hp.DomainError, match="works_years"):
        A.apply_optimism_bias(flows, ob, 1.5, 10)
    case = hp.finance.business_case(out, horizon=10, n_sims=0)
    assert np.isfinite(case.npv)


def test_results_follow_the_protocol():
    ll = A.long_list(TORBAY_LIKE)
    results = [ll, A.shortlist(ll, ["no_new_legal_body", "budgets at most pooled"]),
               A.optimism_bias({"non_standard_buildings": 0.3, "standard_buildings": 0.7}, mitigation=0.2)]
    for r in results:
        assert pickle.loads(pickle.dumps(r)) == r
        assert len(r.to_frame()) >= 1 and "<table" in r._repr_html_() and str(r.summary())
    # One chart here (the contract test draws every result's): the filter's bars are the counts.
    fig = results[1].plot()
    bars = [p.get_width() for p in fig.axes[0].patches]
    assert bars == [sum(results[1].kept), *results[1].dropped_counts().tolist()] and sum(bars) == len(ll)
    assert "Short list: 24 of 52 options kept by 2 critical success factors" in str(results[1].summary())
