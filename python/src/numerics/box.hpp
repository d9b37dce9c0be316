#pragma once
// The bindings of the numerics box (hp::numerics): its headers only, and its registration function.
#include "../common.hpp"

#include "healthyplaces/numerics/logit.hpp"
#include "healthyplaces/numerics/regression.hpp"
#include "healthyplaces/numerics/simplex_qp.hpp"

/// Registers hp::numerics into the submodule healthyplaces._core.numerics.
void bind_numerics(py::module_& m);
