"""
Options appraisal for integration (HM Treasury's Green Book): long list, optimism bias, economic appraisal on common random numbers, value of information, SMAA-2, staged decisions.
"""
from __future__ import annotations
__all__: list[str] = list()
