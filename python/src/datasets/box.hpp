#pragma once
// The bindings of the datasets box (hp::datasets): its headers only, and its registration functions.
#include "../common.hpp"

#include "healthyplaces/datasets/datasets.hpp"

/// Registers hp::datasets into the submodule healthyplaces._core.datasets.
void bind_datasets(py::module_& m);
