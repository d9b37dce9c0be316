#pragma once
// The bindings of the demography box (hp::demography): its headers only, and its registration functions.
#include "../common.hpp"

#include "healthyplaces/demography/population.hpp"
#include "healthyplaces/demography/projection.hpp"

/// Registers hp::demography into the submodule healthyplaces._core.demography.
void bind_demography(py::module_& m);
void bind_demography_population(py::module_& m);
