#pragma once
// The bindings of the evaluation box (hp::evaluation): its headers only, and its registration functions.
#include "../common.hpp"

#include "healthyplaces/evaluation/aggregate.hpp"
#include "healthyplaces/evaluation/att_gt.hpp"
#include "healthyplaces/evaluation/augsynth.hpp"
#include "healthyplaces/evaluation/bacon.hpp"
#include "healthyplaces/evaluation/did.hpp"
#include "healthyplaces/evaluation/drdid.hpp"
#include "healthyplaces/evaluation/event_study.hpp"
#include "healthyplaces/evaluation/inference.hpp"
#include "healthyplaces/evaluation/multiplier_bootstrap.hpp"
#include "healthyplaces/evaluation/panel.hpp"
#include "healthyplaces/evaluation/power.hpp"
#include "healthyplaces/evaluation/power_simulate.hpp"
#include "healthyplaces/evaluation/power_stepped_wedge.hpp"
#include "healthyplaces/evaluation/synth.hpp"

/// Registers hp::evaluation into the submodule healthyplaces._core.evaluation.
void bind_evaluation(py::module_& m);
void bind_evaluation_panel(py::module_& m);
void bind_evaluation_inference(py::module_& m);
void bind_evaluation_power(py::module_& m);
void bind_evaluation_att_gt(py::module_& m);
void bind_evaluation_did(py::module_& m);
void bind_evaluation_synth(py::module_& m);
