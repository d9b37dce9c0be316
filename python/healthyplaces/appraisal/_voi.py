"""(filled in by the voi part of issue 16)"""
from __future__ import annotations

__all__: list[str] = []
