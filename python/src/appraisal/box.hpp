#pragma once
// The bindings of the appraisal box (hp::appraisal): its headers only, and its registration functions.
#include "../common.hpp"

#include "healthyplaces/appraisal/appraisal.hpp"

/// Registers hp::appraisal into the submodule healthyplaces._core.appraisal.
void bind_appraisal(py::module_& m);
void bind_appraisal_options(py::module_& m);   // long list, critical success factors, optimism bias
void bind_appraisal_economic(py::module_& m);  // multi-option economic appraisal, switching values
void bind_appraisal_voi(py::module_& m);       // EVPI, EVPPI
void bind_appraisal_mcda(py::module_& m);      // SMAA-2, weighted sum, swing weights
void bind_appraisal_staging(py::module_& m);   // integrate now, pilot then decide, do minimum (EVSI)
void bind_appraisal_place(py::module_& m);      // for a place: facts, performances, flows, staging inputs
