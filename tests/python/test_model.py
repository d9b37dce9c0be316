"""The domain model from Python: organisations, frameworks and arrangements."""
from __future__ import annotations

import pytest

import healthyplaces as hp


def test_error_hierarchy_is_value_error():
    assert issubclass(hp.Error, ValueError)
    assert issubclass(hp.DataError, hp.Error)
    assert issubclass(hp.ArrangementError, hp.DomainError)


def test_organisation_sector_follows_kind():
    ccg = hp.Organisation("03Q", "Vale of York CCG", hp.OrganisationKind.clinical_commissioning_group, 2, 350000)
    assert ccg.sector == hp.Sector.nhs_commissioner
    assert hp.Organisation("X").name == "X"
    with pytest.raises(hp.DataError, match="population"):
        hp.Organisation("X", population=-1)


def test_presets_are_ordered_and_comparable():
    presets = hp.arrangement_presets()
    levels = [a.integration_level for a in presets]
    assert levels == sorted(levels) and levels[0] < levels[-1] == 15
    swindon, hereford, torbay = hp.preset("swindon"), hp.preset("herefordshire"), hp.preset("care_trust")
    assert swindon < torbay and torbay > swindon
    assert swindon.compare(hereford) == "unordered"
    assert not (swindon < hereford) and not (hereford < swindon)
    assert hp.preset("torbay") == torbay
    with pytest.raises(hp.DomainError, match="presets:"):
        hp.preset("merger of equals")


def test_incoherent_arrangements_are_refused():
    with pytest.raises(hp.ArrangementError, match="pooled budgets need a legal basis"):
        hp.Arrangement("risky", budgets=hp.Budgets.pooled)
    with pytest.raises(hp.ArrangementError, match="a public service trust is a full merger"):
        hp.Arrangement("half", budgets=hp.Budgets.single, legal_basis=hp.LegalBasis.public_service_trust)
    ok = hp.Arrangement("s75 pool", budgets=hp.Budgets.pooled, legal_basis=hp.LegalBasis.section_75)
    assert hp.incoherences(ok) == []
    assert ok.integration_level == 3


def test_frameworks():
    uor = hp.Framework.use_of_resources()
    assert uor.category_keys == ["financial_reporting", "financial_management", "financial_standing",
                                 "internal_control", "value_for_money"]
    assert (uor.min_level, uor.max_level, uor.max_total) == (1, 4, 20)
    cpa = hp.Framework.builtin("cpa")
    assert (cpa.min_level, cpa.max_level) == (0, 4)
    with pytest.raises(hp.DomainError, match="consecutive"):
        hp.Framework("gaps", [hp.Category("a")], [hp.Level(1, "x"), hp.Level(3, "y")])
