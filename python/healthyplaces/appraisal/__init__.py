"""Which arrangement fits this place, in one step or in stages? Options appraisal for integration as HM
Treasury's Green Book asks (docs/appraisal.md): the long list generated from the arrangement dimensions and
filtered by critical success factors, optimism bias, the economic appraisal of the short list on common random
numbers (net present social value, switching values, EVPI and EVPPI), multi-criteria analysis for what money cannot
capture (SMAA-2), and the choice between integrating now and piloting first (EVSI).

Everything is computed by the C++ core (``hp::appraisal``); this package converts and presents.
"""
from __future__ import annotations

from ._config import *  # noqa: F401,F403
from ._config import __all__ as _config_all
from ._economic import *  # noqa: F401,F403
from ._economic import __all__ as _economic_all
from ._mcda import *  # noqa: F401,F403
from ._mcda import __all__ as _mcda_all
from ._options import *  # noqa: F401,F403
from ._options import __all__ as _options_all
from ._place import *  # noqa: F401,F403
from ._place import __all__ as _place_all
from ._staging import *  # noqa: F401,F403
from ._staging import __all__ as _staging_all
from ._voi import *  # noqa: F401,F403
from ._voi import __all__ as _voi_all

__all__: list[str] = sorted([*_options_all, *_economic_all, *_voi_all, *_mcda_all, *_staging_all, *_config_all, *_place_all])
