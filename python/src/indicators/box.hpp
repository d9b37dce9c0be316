#pragma once
// The bindings of the indicators box (hp::indicators): its headers only, and its registration functions.
#include "../common.hpp"

#include "healthyplaces/indicators/funnel.hpp"
#include "healthyplaces/indicators/inequality.hpp"
#include "healthyplaces/indicators/intervals.hpp"
#include "healthyplaces/indicators/life_expectancy.hpp"
#include "healthyplaces/indicators/quantiles.hpp"
#include "healthyplaces/indicators/rates.hpp"
#include "healthyplaces/indicators/spc.hpp"
#include "healthyplaces/indicators/standardised.hpp"

/// Registers hp::indicators into the submodule healthyplaces._core.indicators.
void bind_indicators(py::module_& m);
void bind_indicators_rates(py::module_& m);
void bind_indicators_standardised(py::module_& m);
void bind_indicators_funnel(py::module_& m);
void bind_indicators_spc(py::module_& m);
void bind_indicators_life(py::module_& m);
void bind_indicators_inequality(py::module_& m);
