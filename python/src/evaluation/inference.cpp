// hp::evaluation normal and t inference (include/healthyplaces/evaluation/inference.hpp): the p-values and
// intervals the Python result objects show, computed here rather than in Python.
#include "box.hpp"

namespace {
namespace he = hp::evaluation;
}  // namespace

void bind_evaluation_inference(py::module_& m) {
    m.def("normal_pvalue", &he::normal_pvalue, py::arg("estimate"), py::arg("standard_error"),
          "Two-sided normal p-value of estimate = 0; NaN when the standard error is not > 0.");
    m.def("normal_pvalues", &he::normal_pvalues, py::arg("estimate"), py::arg("standard_error"),
          "normal_pvalue element by element.");
    m.def("confidence_interval", &he::confidence_interval, py::arg("estimate"), py::arg("standard_error"),
          py::arg("confidence_level"), py::arg("df") = std::numeric_limits<double>::infinity(),
          "(low, high): estimate -/+ the t (finite df) or normal quantile at (1 + level) / 2 x standard error.");
    m.def("confidence_intervals", &he::confidence_intervals, py::arg("estimate"), py::arg("standard_error"),
          py::arg("confidence_level"), py::arg("df") = std::numeric_limits<double>::infinity(),
          "(low, high) arrays: confidence_interval element by element.");
}
