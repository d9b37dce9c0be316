"""Bring your own scores: a DataFrame (or CSV) in the green paper's shape, or your own framework.

Run:  python examples/python/your_own_scores.py
"""
import warnings

import pandas as pd

import healthyplaces as hp

# Any table with area, organisation, sector, authority_type, star_rating and one column per category.
frame = pd.DataFrame(
    {
        "area": ["Stockton", "Stockton", "Gateshead", "Gateshead"],
        "organisation": ["Stockton-on-Tees BC", "North Tees PCT", "Gateshead Council", "Gateshead PCT"],
        "sector": ["local_authority", "pct", "local_authority", "pct"],
        "authority_type": ["unitary_authority", "primary_care_trust", "metropolitan_district", "primary_care_trust"],
        "star_rating": [4, 2, 4, 2],
        # Illustrative scores, not published figures.
        "financial_reporting": [3, 2, 3, 3],
        "financial_management": [3, 2, 4, 2],
        "financial_standing": [3, 3, 3, None],  # empty = missing
        "internal_control": [3, 2, 3, 2],
        "value_for_money": [4, 2, 3, 2],
    }
)
table = hp.read_scores(frame)
print(hp.competency_gaps(table))
print(hp.pilot_candidates(table, max_nhs_stars=2))

# Bad data fails loudly, naming the row, column and organisation.
frame.loc[1, "value_for_money"] = 7
try:
    hp.read_scores(frame)
except hp.DataError as err:
    print("DataError:", err)

# A framework of your own: labels map to levels.
social_care = hp.Framework(
    "social_care_judgement",
    [hp.Category("", "Leadership"), hp.Category("", "Commissioning")],
    [hp.Level(1, "weak"), hp.Level(2, "fair"), hp.Level(3, "good"), hp.Level(4, "excellent")],
)
judgements = pd.DataFrame(
    {
        "organisation": ["Torbay Council", "Torbay Care Trust", "Swindon BC", "Swindon PCT"],
        "sector": ["la", "nhs", "la", "nhs"],
        "authority_type": ["ua", "care trust", "ua", "pct"],
        "leadership": ["good", "good", "fair", "fair"],
        "commissioning": ["fair", "good", "good", "weak"],
        "comment": ["", "", "", "illustrative"],
    }
)
with warnings.catch_warnings(record=True) as notes:
    warnings.simplefilter("always")
    judged = hp.read_scores(judgements, framework=social_care)
print([str(n.message) for n in notes])  # the ignored 'comment' column is reported
print(hp.compare_sectors(judged).modal_table())

# Arrangements: Swindon's move from section 75 to pooled budgets, checked for coherence.
swindon_next = hp.Arrangement(
    "swindon_section_10",
    budgets=hp.Budgets.pooled,
    staff=hp.Staff.joint_posts,
    governance=hp.Governance.joint_committee,
    legal_basis=hp.LegalBasis.section_75,
)
print(swindon_next, swindon_next.compare(hp.preset("swindon")))
