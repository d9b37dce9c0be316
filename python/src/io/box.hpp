#pragma once
// The bindings of the io box (hp::io): its headers only, and its registration functions.
#include "../common.hpp"

#include "healthyplaces/io/csv.hpp"
#include "healthyplaces/io/embedded.hpp"
#include "healthyplaces/io/read_counts.hpp"
#include "healthyplaces/io/read_scores.hpp"
#include "healthyplaces/io/text.hpp"
#include "healthyplaces/io/write_csv.hpp"

/// Registers hp::io into the submodule healthyplaces._core.io.
void bind_io(py::module_& m);
