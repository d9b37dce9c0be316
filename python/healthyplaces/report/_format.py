"""Numbers and words as the report shows them (plain text: the templates escape it)."""
from __future__ import annotations

import math
from typing import Any

import numpy as np

from .. import Budgets, Governance, Leadership, LegalBasis, ScoreTable, Staff, TotalScore
from ..analysis import group_label
from ._render import missing

DIMENSION_LABELS = {
    "budgets": "Budgets",
    "staff": "Staff",
    "leadership": "Leadership",
    "governance": "Governance",
    "legal_basis": "Legal basis",
}
DIMENSION_ENUMS = {
    "budgets": Budgets,
    "staff": Staff,
    "leadership": Leadership,
    "governance": Governance,
    "legal_basis": LegalBasis,
}
PRESET_LABELS = {
    "closer_working": "Closer working",
    "swindon": "Swindon model",
    "herefordshire": "Herefordshire model",
    "nlgn_proposal": "NLGN proposal (2007)",
    "torbay": "Torbay care trust",
    "public_service_trust": "Public service trust (full merger)",
}
SINGULAR = {"local_authority": "Local authority", "nhs_commissioner": "NHS commissioner"}
_WORD_FIXES = {"pct": "PCT", "nhs": "NHS", "nlgn": "NLGN", "icb": "ICB", "ccg": "CCG", "75": "75"}
_SMALL_WORDS = {"for", "of", "and", "the", "to", "in", "on"}


def humanise(key: Any) -> str:
    """'joint_chief_executive' → 'Joint chief executive'; 'section_75' → 'Section 75'."""
    if missing(key):
        return ""
    words = str(key).replace("_", " ").split()
    words = [_WORD_FIXES.get(w.lower(), w) for w in words]
    if not words:
        return ""
    first = words[0]
    words[0] = first if first.isupper() else first[:1].upper() + first[1:]
    return " ".join(words)


def abbrev(label: str) -> str:
    """'Financial reporting' → 'FR', 'Value for money' → 'VfM'."""
    words = label.split()
    if len(words) == 1:
        return label[:4]
    return "".join(w[0].lower() if w.lower() in _SMALL_WORDS else w[0].upper() for w in words)


def lower_label(group: str) -> str:
    """"Local authorities" → "local authorities", but "NHS commissioners" stays as it is."""
    label = group_label(group)
    return label if label[:2].isupper() else label[:1].lower() + label[1:]


def score_text(total: TotalScore) -> str:
    return f"{total.total} / {total.maximum}"


def sector_counts(t: ScoreTable) -> dict[str, int]:
    counts: dict[str, int] = {}
    for o in t.organisations:
        counts[o.sector.name] = counts.get(o.sector.name, 0) + 1
    order = {"local_authority": 0, "nhs_commissioner": 1}
    return dict(sorted(counts.items(), key=lambda kv: (order.get(kv[0], 2), kv[0])))


def signed_number(x: float) -> str:
    if math.isnan(x):
        return "–"
    if math.isinf(x):
        return "+∞" if x > 0 else "−∞"
    return ("+" if x > 0 else "−" if x < 0 else "") + f"{abs(x):g}"


def pvalue(p: float) -> str:
    return "–" if math.isnan(p) else "< 0.001" if p < 0.001 else f"{p:.3f}" if p < 0.1 else f"{p:.2f}"


def number(value: Any) -> str:
    """A count with thousands separators; "" when missing."""
    if missing(value):
        return ""
    try:
        return f"{float(value):,.0f}"
    except (TypeError, ValueError):
        return str(value)


def fixed(v: float | None, digits: int) -> str:
    """``digits`` decimals with thousands separators; "–" for a missing value."""
    return "–" if v is None or (isinstance(v, float) and math.isnan(v)) else f"{v:,.{digits}f}"


def decimals_for(values: Any) -> int:
    """Decimals that show differences between organisations: 1 for values in the tens, 2 below 10, ..."""
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v) & (v != 0)]
    if v.size == 0:
        return 1
    return int(min(4, max(0, 2 - math.floor(math.log10(float(np.median(np.abs(v))))))))


def dimension_step(dim: str, name: Any) -> int | None:
    """The step (0-3) of an arrangement's value on one dimension, or None when it is not a known value."""
    try:
        return int(DIMENSION_ENUMS[dim][str(name)])
    except (KeyError, ValueError):
        return None
