"""(filled in by the options part of issue 16)"""
from __future__ import annotations

__all__: list[str] = []
