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
           const std::optional<DoubleArray>& upper, std::size_t n_groups, std::vector<double> confidence, int value_type,
           double multiplier, std::int64_t repetitions, bool rii, bool transform, bool reliability_stat,
           std::uint64_t seed, int threads) {
            auto g = as_span(group, "group indices");
            auto q = as_span(quantile, "quantiles");
            auto p = as_span(population, "populations");
            auto v = as_span(value, "values");
            auto s = optional_span(se, "standard errors");
            auto lo = optional_span(lower, "lower limits");
            auto hi = optional_span(upper, "upper limits");
            if (value_type < 0 || value_type > 2)
                throw hp::DomainError("value_type must be 0 (other), 1 (rate) or 2 (proportion), got " +
                                      std::to_string(value_type));
            SiiOptions o;
            o.confidence = std::move(confidence);
            o.value_type = static_cast<SiiValueType>(value_type);
            o.multiplier = multiplier;
            o.repetitions = repetitions;
            o.rii = rii;
            o.transform = transform;
            o.reliability_stat = reliability_stat;
            o.seed = seed;
            o.threads = threads;
            py::gil_scoped_release release;
            return sii(g, q, p, v, s, lo, hi, n_groups, o);
        },
        py::arg("group"), py::arg("quantile"), py::arg("population"), py::arg("value"), py::arg("se") = py::none(),
        py::arg("lower") = py::none(), py::arg("upper") = py::none(), py::arg("n_groups") = 1,
        py::arg("confidence") = std::vector<double>{0.95}, py::arg("value_type") = 0, py::arg("multiplier") = 1.0,
        py::arg("repetitions") = 100000, py::arg("rii") = false, py::arg("transform") = false,
        py::arg("reliability_stat") = false, py::arg("seed") = 0, py::arg("threads") = 1,
        "SII (and RII) per group by population-weighted regression across quantiles, limits by seeded simulation.");
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
            QuantileAssignment r;
            {
                py::gil_scoped_release release;
                r = quantiles(v, g, n_groups, o, inv);
            }
            std::vector<std::int64_t> few(r.too_few.begin(), r.too_few.end());
            return py::make_tuple(array_of(r.quantile),
                                  py::array_t<std::int64_t>(static_cast<py::ssize_t>(few.size()), few.data()));
        },
        py::arg("values"), py::arg("group"), py::arg("n_groups"), py::arg("nquantiles") = 10, py::arg("invert") = true,
        py::arg("invert_by_group") = py::none(),
        "Deprivation quantiles within groups (phe_quantile): (quantile per row, NaN where none; groups with too few "
        "values).");
}
