// hp::indicators bindings: slope/relative index of inequality and deprivation quantiles (inequality.hpp,
// quantiles.hpp).
#include "box.hpp"

#include <optional>

namespace {

std::span<const double> optional_span(const std::optional<DoubleArray>& a, const char* what) {
    return a ? as_span(*a, what) : std::span<const double>{};
}

}  // namespace

void bind_indicators_inequality(py::module_& m) {
    using namespace hp::indicators;
    py::class_<SiiResult>(m, "SiiResult", "Slope and relative index of inequality per group with simulated limits.")
        .def_readonly("sii", &SiiResult::sii)
        .def_readonly("rii", &SiiResult::rii)
        .def_property_readonly("intercept", [](const SiiResult& r) { return array_of(r.intercept); })
        .def_property_readonly("sii_mad", [](const SiiResult& r) { return rows_of(r.sii_mad, r.sii.size()); })
        .def_property_readonly("rii_mad", [](const SiiResult& r) { return rows_of(r.rii_mad, r.sii.size()); })
        .def_property_readonly("n_quantiles", [](const SiiResult& r) {
            return py::array_t<std::int64_t>(static_cast<py::ssize_t>(r.n_quantiles.size()), r.n_quantiles.data());
        });
    m.def(
        "sii",
        [](const IndexArray& group, const DoubleArray& quantile, const DoubleArray& population, const DoubleArray& value,
           const std::optional<DoubleArray>& se, const std::optional<DoubleArray>& lower,
           const std::optional<DoubleArray>& upper, std::size_t n_groups, std::vector<double> confidence_level, int value_type,
           double multiplier, Count<"n_resamples", 1000> n_resamples, bool rii, bool transform, bool reliability_stat,
           Seed seed, Threads threads) {
            auto g = as_span(group, "group indices");
            auto q = as_span(quantile, "quantiles");
            auto p = as_span(population, "populations");
            auto v = as_span(value, "values");
            auto s = optional_span(se, "standard errors");
            auto lo = optional_span(lower, "lower limits");
            auto hi = optional_span(upper, "upper limits");
            SiiOptions o;  // value_type is checked by sii() itself
            o.confidence_level = std::move(confidence_level);
            o.value_type = static_cast<SiiValueType>(value_type);
            o.multiplier = multiplier;
            o.n_resamples = n_resamples;
            o.rii = rii;
            o.transform = transform;
            o.reliability_stat = reliability_stat;
            o.seed = seed;
            o.threads = threads;
            return sii(g, q, p, v, s, lo, hi, n_groups, o);
        },
        py::call_guard<Interruptible>(), py::arg("group"), py::arg("quantile"), py::arg("population"), py::arg("value"), py::arg("se") = py::none(),
        py::arg("lower") = py::none(), py::arg("upper") = py::none(), py::arg("n_groups") = 1,
        py::arg("confidence_level") = std::vector<double>{0.95}, py::arg("value_type") = 0, py::arg("multiplier") = 1.0,
        py::arg("n_resamples") = 100000, py::arg("rii") = false, py::arg("transform") = false,
        py::arg("reliability_stat") = false, py::arg("seed") = 0, py::arg("threads") = 0,
        "SII (and RII) per group by population-weighted regression across quantiles, limits by seeded simulation.");
    py::class_<QuantileAssignment>(m, "QuantileAssignment", "Quantile per row, and the groups with too few values.")
        .def_property_readonly("quantile", [](const QuantileAssignment& r) { return array_of(r.quantile); })
        .def_property_readonly("too_few", [](const QuantileAssignment& r) {
            std::vector<std::int64_t> few(r.too_few.begin(), r.too_few.end());
            return py::array_t<std::int64_t>(static_cast<py::ssize_t>(few.size()), few.data());
        });
    m.def(
        "quantiles",
        [](const DoubleArray& values, const IndexArray& group, std::size_t n_groups, int nquantiles, bool invert,
           const std::optional<Array<std::uint8_t>>& invert_by_group) {
            auto v = as_span(values, "values");
            auto g = as_span(group, "group indices");
            std::span<const std::uint8_t> inv = invert_by_group ? as_span(*invert_by_group, "invert flags")
                                                                : std::span<const std::uint8_t>{};
            QuantileOptions o;
            o.nquantiles = nquantiles;
            o.invert = invert;
            return quantiles(v, g, n_groups, o, inv);
        },
        py::call_guard<Interruptible>(), py::arg("values"), py::arg("group"), py::arg("n_groups"), py::arg("nquantiles") = 10, py::arg("invert") = true,
        py::arg("invert_by_group") = py::none(),
        "Deprivation quantiles within groups (phe_quantile): .quantile per row (NaN where none) and .too_few (the "
        "groups with too few values).");
}
