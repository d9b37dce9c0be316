#pragma once
// The bindings of the core box (hp::core): its headers only, and its registration functions.
#include "../common.hpp"

#include "healthyplaces/core/area.hpp"
#include "healthyplaces/core/framework.hpp"
#include "healthyplaces/core/organisation.hpp"
#include "healthyplaces/core/score_table.hpp"

/// Registers hp::core into the submodule healthyplaces._core.core.
void bind_core(py::module_& m);
