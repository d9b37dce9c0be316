#pragma once
// The bindings of the finance box (hp::finance): its headers only, and its registration functions.
#include "../common.hpp"

#include "healthyplaces/finance/arrangement_risk.hpp"
#include "healthyplaces/finance/business_case.hpp"
#include "healthyplaces/finance/cost.hpp"
#include "healthyplaces/finance/fair_shares.hpp"
#include "healthyplaces/finance/service.hpp"
#include "healthyplaces/finance/simulate.hpp"
#include "healthyplaces/finance/uncertain.hpp"

/// Registers hp::finance into the submodule healthyplaces._core.finance.
void bind_finance(py::module_& m);
void bind_finance_simulate(py::module_& m);
void bind_finance_business(py::module_& m);
