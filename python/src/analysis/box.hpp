#pragma once
// The bindings of the analysis box (hp::analysis): its headers only, and its registration functions.
#include "../common.hpp"

#include "healthyplaces/analysis/competency_gaps.hpp"
#include "healthyplaces/analysis/paired_comparison.hpp"
#include "healthyplaces/analysis/sector_comparison.hpp"

/// Registers hp::analysis into the submodule healthyplaces._core.analysis.
void bind_analysis(py::module_& m);
