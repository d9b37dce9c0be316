"""General numerics below the domain boxes: least squares with statsmodels' covariances (classical, HC1,
cluster-robust CR1), weighted logit by IRLS, quadratic programmes on the probability simplex.

C++: ``hp::numerics`` (include/healthyplaces/numerics/). The evaluation box builds difference-in-differences,
Callaway-Sant'Anna and synthetic control on these; they are public for analysts who want the engine itself.

>>> import numpy as np, healthyplaces as hp
>>> fit = hp.numerics.ols(np.column_stack([np.ones(4), [0., 1, 2, 3]]), np.array([1., 3, 5, 7]), ["const", "x"])
>>> [round(float(b), 12) for b in fit.params]
[1.0, 2.0]
"""
from __future__ import annotations

from .._core.numerics import OlsFit, SimplexQPResult, critical_value, logit, ols, simplex_least_squares, simplex_qp

__all__ = ["OlsFit", "SimplexQPResult", "critical_value", "logit", "ols", "simplex_least_squares", "simplex_qp"]
