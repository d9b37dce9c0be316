// healthyplaces._core: the compiled core. The Python package on top re-exports it with pandas in and out.
#include "bindings.hpp"

PYBIND11_MODULE(_core, m, py::mod_gil_not_used()) {
    m.doc() = "healthyplaces compiled core (C++20). Use the `healthyplaces` package, not this module directly.";
    m.attr("__version__") = HP_VERSION_INFO;

    // Exceptions: C++ hp::Error and its children become ValueError subclasses with the same message.
    // Registered base first: pybind11 tries translators newest first, so the most derived class wins.
    auto& error = py::register_exception<hp::Error>(m, "Error", PyExc_ValueError);
    auto& data_error = py::register_exception<hp::DataError>(m, "DataError", error.ptr());
    auto& domain_error = py::register_exception<hp::DomainError>(m, "DomainError", error.ptr());
    auto& arrangement_error = py::register_exception<hp::ArrangementError>(m, "ArrangementError", domain_error.ptr());
    error.attr("__doc__") = "Base of every healthyplaces error; a ValueError.";
    data_error.attr("__doc__") = "Malformed or out-of-range input data; the message names file, line, column, "
                                 "organisation and category where it can.";
    domain_error.attr("__doc__") = "A request outside the domain: unknown category, empty group, bad option.";
    arrangement_error.attr("__doc__") = "An integration arrangement whose dimensions contradict each other.";

    bind_stats(m);
    bind_indicators(m);
    bind_demography(m);
    bind_finance(m);
    bind_evaluation(m);
    bind_core(m);
    bind_integration(m);
    bind_io(m);
    bind_analysis(m);
}
