#pragma once
// What every binding file shares: pybind11, numpy views and copies. No box headers: each box's binding files
// include only their own box (python/src/<box>/box.hpp).
#include <pybind11/pybind11.h>
#include <pybind11/eigen.h>
#include <pybind11/native_enum.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "healthyplaces/base/error.hpp"

namespace py = pybind11;


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
