#pragma once
// Shared includes and the per-box registration functions that module.cpp calls.
#include <pybind11/pybind11.h>
#include <pybind11/eigen.h>
#include <pybind11/native_enum.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "healthyplaces/healthyplaces.hpp"

namespace py = pybind11;

void bind_core(py::module_& m);
void bind_integration(py::module_& m);
void bind_analysis(py::module_& m);
void bind_io(py::module_& m);
void bind_stats(py::module_& m);
