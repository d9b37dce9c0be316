// hp::indicators bindings: standardised (see include/healthyplaces/indicators/).
#include "box.hpp"

#include <cstring>

namespace {

// Row i compared with row j of a 1-D object array (identity first, as Python's == on containers does).
bool same(PyObject** v, std::size_t i, std::size_t j) {
    if (v[i] == v[j]) return true;
    if (PyUnicode_CheckExact(v[i]) && PyUnicode_CheckExact(v[j])) {  // the common case, without the dispatch
        const Py_ssize_t len = PyUnicode_GET_LENGTH(v[i]);
        const int kind = PyUnicode_KIND(v[i]);
        return len == PyUnicode_GET_LENGTH(v[j]) && kind == PyUnicode_KIND(v[j]) &&
               std::memcmp(PyUnicode_DATA(v[i]), PyUnicode_DATA(v[j]), static_cast<std::size_t>(len) * kind) == 0;
    }
    const int r = PyObject_RichCompareBool(v[i], v[j], Py_EQ);
    if (r < 0) throw py::error_already_set();
    return r == 1;
}

PyObject** object_data(const py::array& values, const char* what) {
    if (values.ndim() != 1 || values.dtype().kind() != 'O' || !(values.flags() & py::array::c_style))
        throw hp::DomainError(std::string(what) + ": expected a contiguous one-dimensional object array");
    return reinterpret_cast<PyObject**>(const_cast<void*>(values.data()));
}

}  // namespace

void bind_indicators_standardised(py::module_& m) {
    using namespace hp::indicators;
    // Helpers for grouping long tables fast in Python (rows arrive grouped): where each run of equal keys starts,
    // and whether a column is its first b values repeated.
    m.def(
        "run_starts",
        [](const py::array& values) {
            PyObject** v = object_data(values, "run_starts");
            const std::size_t n = static_cast<std::size_t>(values.shape(0));
            std::vector<std::int64_t> starts;
            for (std::size_t i = 0; i < n; ++i)
                if (i == 0 || !same(v, i, i - 1)) starts.push_back(static_cast<std::int64_t>(i));
            return py::array_t<std::int64_t>(static_cast<py::ssize_t>(starts.size()), starts.data());
        },
        py::arg("values"), "Indices where a run of equal values starts in a 1-D object array.");
    m.def(
        "is_tiled",
        [](const py::array& values, std::size_t b) {
            PyObject** v = object_data(values, "is_tiled");
            const std::size_t n = static_cast<std::size_t>(values.shape(0));
            if (b == 0 || n % b != 0) return false;
            // Each label is its own Python object somewhere on the heap: fetch a few ahead so that the cache
            // misses overlap instead of queueing (the loop is latency-bound, not compute-bound).
            constexpr std::size_t ahead = 48;
            // j = i mod b, kept by counting: a 64-bit division per row cost more than the comparison.
            for (std::size_t i = b, j = 0; i < n; ++i) {
                if (i + ahead < n) __builtin_prefetch(v[i + ahead]);
                if (!same(v, i, j)) return false;
                if (++j == b) j = 0;
            }
            return true;
        },
        py::arg("values"), py::arg("period"), "True when a 1-D object array is its first `period` values repeated.");
    py::class_<StandardPopulation>(m, "StandardPopulation", "A standard population: band labels and populations.")
        .def_readonly("name", &StandardPopulation::name)
        .def_readonly("bands", &StandardPopulation::bands)
        .def_property_readonly("population", [](const StandardPopulation& s) { return array_of(s.population); });
    m.def("standard_population", &standard_population, py::arg("name"),
          "The built-in European Standard Population 'ESP2013' (21 bands) or 'ESP1976' (18 bands).");

    py::class_<DsrIntervals, Intervals>(m, "DsrIntervals", "Directly standardised rates with the groups' totals.")
        .def_property_readonly("total_count", [](const DsrIntervals& r) { return array_of(r.total_count); })
        .def_property_readonly("total_population", [](const DsrIntervals& r) { return array_of(r.total_population); });
    py::class_<IsrIntervals, Intervals>(m, "IsrIntervals",
                                        "Indirectly standardised ratios or rates with observed and expected counts.")
        .def_property_readonly("observed", [](const IsrIntervals& r) { return array_of(r.observed); })
        .def_property_readonly("expected", [](const IsrIntervals& r) { return array_of(r.expected); })
        .def_property_readonly("reference_rate", [](const IsrIntervals& r) { return array_of(r.reference_rate); });

    m.def(
        "dsr",
        [](const IndexArray& group, const DoubleArray& events, const DoubleArray& population, const DoubleArray& standard,
           std::size_t n_groups, std::vector<double> confidence_level, double multiplier) {
            auto g = as_span(group, "group indices");
            auto x = as_span(events, "events");
            auto p = as_span(population, "populations");
            auto s = as_span(standard, "standard populations");
            DsrOptions o;
            o.confidence_level = std::move(confidence_level);
            o.multiplier = multiplier;
            return dsr(g, x, p, s, n_groups, o);
        },
        py::call_guard<Interruptible>(), py::arg("group"), py::arg("events"), py::arg("population"), py::arg("standard"), py::arg("n_groups"),
        py::arg("confidence_level") = std::vector<double>{0.95}, py::arg("multiplier") = 100000.0,
        "Directly standardised rates with Dobson limits per group (rows: group index, events, population, standard).");
    m.def(
        "dsr_nonindependent",
        [](const IndexArray& group, const IndexArray& band, const DoubleArray& frequency, const DoubleArray& people,
           const DoubleArray& population, const DoubleArray& standard, std::size_t n_groups,
           std::vector<double> confidence_level, double multiplier) {
            auto g = as_span(group, "group indices");
            auto b = as_span(band, "band indices");
            auto f = as_span(frequency, "event frequencies");
            auto x = as_span(people, "people");
            auto p = as_span(population, "populations");
            auto s = as_span(standard, "standard populations");
            DsrOptions o;
            o.confidence_level = std::move(confidence_level);
            o.multiplier = multiplier;
            return dsr_nonindependent(g, b, f, x, p, s, n_groups, o);
        },
        py::call_guard<Interruptible>(), py::arg("group"), py::arg("band"), py::arg("frequency"), py::arg("people"), py::arg("population"),
        py::arg("standard"), py::arg("n_groups"), py::arg("confidence_level") = std::vector<double>{0.95},
        py::arg("multiplier") = 100000.0,
        "DSRs for non-independent events: rows (group, band, event frequency) with the number of people.");
    m.def(
        "isr",
        [](const IndexArray& group, const DoubleArray& observed, const DoubleArray& population,
           const DoubleArray& reference_events, const DoubleArray& reference_population, std::size_t n_groups,
           std::vector<double> confidence_level, const std::string& kind, double reference_value, double multiplier) {
            auto g = as_span(group, "group indices");
            auto o = as_span(observed, "observed counts");
            auto p = as_span(population, "populations");
            auto re = as_span(reference_events, "reference events");
            auto rp = as_span(reference_population, "reference populations");
            IsrOptions opt;
            opt.confidence_level = std::move(confidence_level);
            opt.kind = parse_isr_kind(kind);
            opt.reference_value = reference_value;
            opt.multiplier = multiplier;
            return isr(g, o, p, re, rp, n_groups, opt);
        },
        py::call_guard<Interruptible>(), py::arg("group"), py::arg("observed"), py::arg("population"), py::arg("reference_events"),
        py::arg("reference_population"), py::arg("n_groups"), py::arg("confidence_level") = std::vector<double>{0.95},
        py::arg("kind") = "ratio", py::arg("reference_value") = 1.0, py::arg("multiplier") = 100000.0,
        "Indirectly standardised ratios or rates: exact Poisson limits below 10 observed, Byar's at 10 or more.");
    m.def(
        "isr_expected",
        [](const IndexArray& group, const DoubleArray& observed, const DoubleArray& expected, std::size_t n_groups,
           std::vector<double> confidence_level, double reference_value) {
            auto g = as_span(group, "group indices");
            auto o = as_span(observed, "observed counts");
            auto e = as_span(expected, "expected counts");
            IsrOptions opt;
            opt.confidence_level = std::move(confidence_level);
            opt.reference_value = reference_value;
            return isr_expected(g, o, e, n_groups, opt);
        },
        py::call_guard<Interruptible>(), py::arg("group"), py::arg("observed"), py::arg("expected"), py::arg("n_groups"),
        py::arg("confidence_level") = std::vector<double>{0.95}, py::arg("reference_value") = 1.0,
        "Indirectly standardised ratios from observed and expected counts summed per group.");
}
