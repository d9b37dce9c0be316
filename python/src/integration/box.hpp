#pragma once
// The bindings of the integration box (hp::integration): its headers only, and its registration functions.
#include "../common.hpp"

#include "healthyplaces/integration/arrangement.hpp"
#include "healthyplaces/integration/casebook.hpp"

/// Registers hp::integration into the submodule healthyplaces._core.integration.
void bind_integration(py::module_& m);
