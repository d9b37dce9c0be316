"""Tables, frameworks and arrangements pickle (for multiprocessing and Dask), through validation."""
from __future__ import annotations

import pickle

import numpy as np

import healthyplaces as hp


def test_score_table_round_trips(nlgn):
    again = pickle.loads(pickle.dumps(nlgn))
    np.testing.assert_array_equal(again.scores, nlgn.scores)
    assert [o.code for o in again.organisations] == [o.code for o in nlgn.organisations]
    assert [a.name for a in again.areas] == [a.name for a in nlgn.areas]
    assert again.framework.describe_scale() == nlgn.framework.describe_scale()
    assert hp.competency_gaps(again).to_frame().equals(hp.competency_gaps(nlgn).to_frame())


def test_arrangement_and_organisation_round_trip():
    for a in hp.arrangement_presets():
        b = pickle.loads(pickle.dumps(a))
        assert b == a and b.name == a.name and b.description == a.description
    org = hp.Organisation("5QL", "Torbay Care Trust", hp.OrganisationKind.care_trust, 3, 130000)
    assert pickle.loads(pickle.dumps(org)) == org
