"""Did the pilot work? Panels of units over periods, difference-in-differences (2x2, event studies, staggered
adoption by Callaway and Sant'Anna, the Goodman-Bacon decomposition), synthetic control (Abadie, Diamond and
Hainmueller; augmented by ridge) and power for pilots.
"""
from __future__ import annotations

from ._panel import Panel, as_panel
from ._synth import AugsynthResult, SynthResult, augsynth, synth, synth_in_time

__all__: list[str] = ["Panel", "as_panel"]
__all__ += ["AugsynthResult", "SynthResult", "augsynth", "synth", "synth_in_time"]
