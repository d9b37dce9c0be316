"""Stubs for healthyplaces._core.evaluation: each sub-box keeps its own _core_evaluation_<part>.pyi."""
from ._core_evaluation_panel import *  # noqa: F401,F403
from ._core_evaluation_inference import *  # noqa: F401,F403
from ._core_evaluation_power import *  # noqa: F401,F403
from ._core_evaluation_att_gt import *  # noqa: F401,F403
from ._core_evaluation_did import *  # noqa: F401,F403
from ._core_evaluation_synth import *  # noqa: F401,F403
