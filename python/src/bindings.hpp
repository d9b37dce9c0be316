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
void bind_indicators(py::module_& m);
void bind_demography(py::module_& m);
void bind_finance(py::module_& m);
void bind_evaluation(py::module_& m);

// hp::stats sub-boxes, each in its own file, registered into the `stats` submodule by bind_stats.
void bind_stats_rank(py::module_& stats);
void bind_stats_effect(py::module_& stats);
void bind_stats_resampling(py::module_& stats);

/// 1-D numpy arrays of float64 values and of int64 codes (group or band indices), borrowed without a copy
/// when they already have that type and layout.
template <class T>
using Array = py::array_t<T, py::array::c_style | py::array::forcecast>;
using DoubleArray = Array<double>;
using IndexArray = Array<std::int64_t>;

/// View of a 1-D array; DomainError naming `what` otherwise.
template <class T>
std::span<const T> as_span(const Array<T>& a, const char* what = "values") {
    if (a.ndim() != 1)
        throw hp::DomainError(std::string("expected a one-dimensional array of ") + what + ", got " +
                              std::to_string(a.ndim()) + " dimensions");
    return {a.data(), static_cast<std::size_t>(a.shape(0))};
}

/// The Monte Carlo options the bindings' keyword arguments spell out.
inline hp::stats::MonteCarloOptions monte_carlo(std::int64_t n_resamples, std::uint64_t seed, int threads) {
    hp::stats::MonteCarloOptions mc;
    mc.n_resamples = n_resamples;
    mc.seed = seed;
    mc.threads = threads;
    return mc;
}

// hp::indicators sub-boxes, registered into the `indicators` submodule by bind_indicators.
void bind_indicators_rates(py::module_& indicators);
void bind_indicators_standardised(py::module_& indicators);
void bind_indicators_funnel(py::module_& indicators);
void bind_indicators_spc(py::module_& indicators);
void bind_indicators_life(py::module_& indicators);
void bind_indicators_inequality(py::module_& indicators);

// hp::demography sub-boxes, registered into the `demography` submodule by bind_demography.
void bind_demography_population(py::module_& demography);

// hp::finance sub-boxes, registered into the `finance` submodule by bind_finance.
void bind_finance_simulate(py::module_& finance);
void bind_finance_business(py::module_& finance);

// hp::evaluation sub-boxes, registered into the `evaluation` submodule by bind_evaluation.
void bind_evaluation_panel(py::module_& evaluation);
void bind_evaluation_power(py::module_& evaluation);
void bind_evaluation_att_gt(py::module_& evaluation);
void bind_evaluation_did(py::module_& evaluation);
void bind_evaluation_synth(py::module_& evaluation);

/// A copy of a vector as a new 1-D numpy array.
inline py::array_t<double> array_of(const std::vector<double>& v) {
    return py::array_t<double>(static_cast<py::ssize_t>(v.size()), v.data());
}

/// A [levels x groups] table (rows[l][i], every row n long) as a new 2-D numpy array; no rows give shape (0, n).
inline py::array_t<double> rows_of(const std::vector<std::vector<double>>& rows, std::size_t n) {
    py::array_t<double> out({rows.size(), n});
    auto t = out.mutable_unchecked<2>();
    for (std::size_t l = 0; l < rows.size(); ++l)
        for (std::size_t i = 0; i < n; ++i) t(static_cast<py::ssize_t>(l), static_cast<py::ssize_t>(i)) = rows[l][i];
    return out;
}
