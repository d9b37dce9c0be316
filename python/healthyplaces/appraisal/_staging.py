"""(filled in by the staging part of issue 16)"""
from __future__ import annotations

__all__: list[str] = []
