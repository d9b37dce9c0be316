"""The Torbay-like and Swindon-like presets: populations as the seeds say (130,000 residents, 10,000 over 80)
with England's 2023 structure elsewhere, illustrative services budgeted at their expected spend."""
from __future__ import annotations

import numpy as np
import pytest

import healthyplaces as hp


def test_torbay_like_population_follows_the_green_paper_and_england():
    t = hp.finance.torbay_like()
    pop, eng = t.population, hp.demography.england().regroup("five_year")
    assert pop.total == pytest.approx(130_000, rel=1e-12)
    assert pop.count_between(80) == pytest.approx(10_000, rel=1e-12)  # "10,000 (7.7%) ... were over 80"
    under = [i for i, b in enumerate(pop.bands) if b not in ("80-84", "85-89", "90+")]
    # below 80 the bands keep England's proportions: a constant ratio to England's counts
    ratio = pop.counts[under] / eng.counts[under]
    np.testing.assert_allclose(ratio, ratio[0], rtol=1e-12)
    old = [pop.bands.index(b) for b in ("80-84", "85-89", "90+")]
    np.testing.assert_allclose(pop.counts[old] / eng.counts[old], pop.counts[old[0]] / eng.counts[old[0]], rtol=1e-12)
    assert t.arrangement == "pooled" and any("ILLUSTRATIVE" in n for n in t.notes)


def test_swindon_like_is_england_scaled():
    s = hp.finance.swindon_like()
    eng = hp.demography.england().regroup("five_year")
    np.testing.assert_allclose(s.population.counts, eng.counts * 190_000 / eng.total, rtol=1e-12)
    assert s.arrangement == "aligned"


def test_illustrative_services_are_budgeted_at_expected_spend():
    t = hp.finance.torbay_like()
    assert {s.owner for s in t.services} == {"nhs", "council"} and len(t.services) == 6
    for s in t.services:
        expected = float(np.dot(s.rates, t.population.counts)) * s.unit_cost.mean
        assert s.budget == round(expected, -3)
    margin = hp.finance.illustrative_services(t.population, budget_margin=0.05)
    assert margin[0].budget == round(float(np.dot(margin[0].rates, t.population.counts)) * 1.05
                                     * margin[0].unit_cost.mean, -3)


def test_presets_need_five_year_bands():
    with pytest.raises(hp.DataError, match="must be in five-year bands"):
        hp.finance.illustrative_services(hp.demography.england())


def test_pooling_lowers_each_partners_tail_risk_for_torbay():
    t = hp.finance.torbay_like()
    table = hp.finance.compare_arrangements(t.population, t.services, n_sims=20_000, shock_sd=0.08,
                                            shock_correlation=0.7, seed=1)
    pooled, separate = table.loc["pooled"], table.loc["separate"]
    for partner in ("nhs", "council"):
        assert pooled.loc[partner, "ES"] < separate.loc[partner, "ES"]
        assert pooled.loc[partner, "pooling_benefit_ES"] > 0
