"""Did the pilot work? Panels of units over periods, difference-in-differences (2x2, event studies, staggered
adoption by Callaway and Sant'Anna, the Goodman-Bacon decomposition), synthetic control (Abadie, Diamond and
Hainmueller; augmented by ridge) and power for pilots.
"""
from __future__ import annotations

from ._att_gt import ATTgtResult, AggregateResult, aggte, att_gt
from ._did import BaconResult, DidResult, EventStudyResult, bacon, did, event_study
from ._panel import Panel, as_panel
from ._power import (PowerDesign, PowerResult, design_effect, panel_moments, power_cluster, power_did,
                     power_ordinal, power_simulate, power_stepped_wedge, proportional_odds_shift,
                     stepped_wedge_design)
from ._synth import AugsynthResult, SynthResult, augsynth, synth, synth_in_time

__all__: list[str] = ["ATTgtResult", "AggregateResult", "AugsynthResult", "BaconResult", "DidResult", "EventStudyResult",
                      "Panel", "PowerDesign", "PowerResult", "SynthResult", "aggte", "as_panel", "att_gt", "augsynth",
                      "bacon", "design_effect", "did", "event_study", "panel_moments", "power_cluster", "power_did",
                      "power_ordinal", "power_simulate", "power_stepped_wedge", "proportional_odds_shift", "synth",
                      "synth_in_time", "stepped_wedge_design"]
