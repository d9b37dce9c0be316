// hp::indicators bindings: the shared Intervals result; the sub-boxes register themselves below.
#include "box.hpp"

void bind_indicators(py::module_& m) {
    py::class_<hp::indicators::Intervals>(m, "Intervals", "Values with confidence limits at one or more levels.")
        .def_readonly("confidence_level", &hp::indicators::Intervals::confidence_level)
        .def_property_readonly("value", [](const hp::indicators::Intervals& r) { return array_of(r.value); })
        .def_property_readonly("lower", [](const hp::indicators::Intervals& r) { return rows_of(r.lower, r.size()); })
        .def_property_readonly("upper", [](const hp::indicators::Intervals& r) { return rows_of(r.upper, r.size()); })
        .def_readonly("method", &hp::indicators::Intervals::method)
        .def("__len__", &hp::indicators::Intervals::size);
    bind_indicators_rates(m);
    bind_indicators_standardised(m);
    bind_indicators_funnel(m);
    bind_indicators_spc(m);
    bind_indicators_life(m);
    bind_indicators_inequality(m);
}
