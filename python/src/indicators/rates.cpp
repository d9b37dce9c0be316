// hp::indicators bindings: proportions, crude rates, means and rate/risk ratios (include/healthyplaces/indicators/rates.hpp).
#include "box.hpp"

namespace {
namespace hi = hp::indicators;

hi::ProportionMethod proportion_method(const std::string& m) {
    if (m == "wilson") return hi::ProportionMethod::wilson;
    if (m == "exact" || m == "clopper-pearson") return hi::ProportionMethod::exact;
    throw hp::DomainError("proportion: method must be \"wilson\" or \"exact\" (Clopper-Pearson), got \"" + m + "\"");
}

hi::RateMethod rate_method(const std::string& m) {
    if (m == "auto") return hi::RateMethod::automatic;
    if (m == "exact") return hi::RateMethod::exact;
    if (m == "byars") return hi::RateMethod::byars;
    throw hp::DomainError("rate: method must be \"auto\", \"exact\" or \"byars\", got \"" + m + "\"");
}

hi::RatioMethod ratio_method(const std::string& fn, const std::string& m) {
    if (m == "log") return hi::RatioMethod::log;
    if (m == "exact") return hi::RatioMethod::exact;
    throw hp::DomainError(fn + ": method must be \"log\" or \"exact\", got \"" + m + "\"");
}
// numpy arrays for n groups at `levels` levels and the view that fills them in place (no copy afterwards).
struct Arrays {
    py::array_t<double> value, lower, upper;
    hi::IntervalsView view;
    Arrays(std::size_t n, std::size_t levels)
        : value(static_cast<py::ssize_t>(n)),
          lower({static_cast<py::ssize_t>(levels), static_cast<py::ssize_t>(n)}),
          upper({static_cast<py::ssize_t>(levels), static_cast<py::ssize_t>(n)}) {
        view.value = {value.mutable_data(), n};
        for (std::size_t l = 0; l < levels; ++l) {
            view.lower.emplace_back(lower.mutable_data() + l * n, n);
            view.upper.emplace_back(upper.mutable_data() + l * n, n);
        }
    }
    py::tuple result(std::string method) const { return py::make_tuple(value, lower, upper, std::move(method)); }
};
}  // namespace

void bind_indicators_rates(py::module_& m) {
    m.def(
        "proportion",
        [](const DoubleArray& numerator, const DoubleArray& denominator, std::vector<double> confidence,
           const std::string& method, double multiplier) {
            hi::ProportionOptions o;
            o.confidence = std::move(confidence);
            o.method = proportion_method(method);
            o.multiplier = multiplier;
            auto x = as_span(numerator, "numerators"), n = as_span(denominator, "denominators");
            Arrays out(x.size(), o.confidence.size());
            std::string how;
            {
                py::gil_scoped_release release;
                how = hi::proportion_into(x, n, o, out.view);
            }
            return out.result(std::move(how));
        },
        py::arg("numerator"), py::arg("denominator"), py::arg("confidence") = std::vector<double>{0.95},
        py::arg("method") = "wilson", py::arg("multiplier") = 1.0,
        "Proportions with Wilson score (or Clopper-Pearson exact) limits, one per group: (value, lower, upper, method), "
        "lower and upper [levels x groups], filled in place.");
    m.def(
        "rate",
        [](const DoubleArray& events, const DoubleArray& population, std::vector<double> confidence,
           const std::string& method, double multiplier) {
            hi::RateOptions o;
            o.confidence = std::move(confidence);
            o.method = rate_method(method);
            o.multiplier = multiplier;
            auto x = as_span(events, "events"), n = as_span(population, "populations");
            Arrays out(x.size(), o.confidence.size());
            std::string how;
            {
                py::gil_scoped_release release;
                how = hi::rate_into(x, n, o, out.view);
            }
            return out.result(std::move(how));
        },
        py::arg("events"), py::arg("population"), py::arg("confidence") = std::vector<double>{0.95},
        py::arg("method") = "auto", py::arg("multiplier") = 100000.0,
        "Crude rates per multiplier with exact Poisson (below 10 events) or Byar's limits, one per group: (value, lower, "
        "upper, method), lower and upper [levels x groups], filled in place.");
    m.def(
        "mean",
        [](const DoubleArray& values, const IndexArray& group, std::size_t n_groups, std::vector<double> confidence) {
            hi::MeanOptions o;
            o.confidence = std::move(confidence);
            auto v = as_span(values, "values");
            auto g = as_span(group, "group codes");
            py::gil_scoped_release release;
            return hi::mean(v, g, n_groups, o);
        },
        py::arg("values"), py::arg("group"), py::arg("n_groups"), py::arg("confidence") = std::vector<double>{0.95},
        "Means within groups (codes 0..n_groups-1) with Student's t limits.");
    m.def(
        "rate_ratio",
        [](const DoubleArray& e1, const DoubleArray& p1, const DoubleArray& e2, const DoubleArray& p2,
           std::vector<double> confidence, const std::string& method) {
            hi::RatioOptions o;
            o.confidence = std::move(confidence);
            o.method = ratio_method("rate_ratio", method);
            auto a = as_span(e1, "events1"), b = as_span(p1, "population1"), c = as_span(e2, "events2"),
                 d = as_span(p2, "population2");
            py::gil_scoped_release release;
            return hi::rate_ratio(a, b, c, d, o);
        },
        py::arg("events1"), py::arg("population1"), py::arg("events2"), py::arg("population2"),
        py::arg("confidence") = std::vector<double>{0.95}, py::arg("method") = "log",
        "Rate ratios (group 1 over group 2) with log or exact conditional limits.");
    m.def(
        "risk_ratio",
        [](const DoubleArray& x1, const DoubleArray& n1, const DoubleArray& x2, const DoubleArray& n2,
           std::vector<double> confidence) {
            hi::RatioOptions o;
            o.confidence = std::move(confidence);
            auto a = as_span(x1, "numerator1"), b = as_span(n1, "denominator1"), c = as_span(x2, "numerator2"),
                 d = as_span(n2, "denominator2");
            py::gil_scoped_release release;
            return hi::risk_ratio(a, b, c, d, o);
        },
        py::arg("numerator1"), py::arg("denominator1"), py::arg("numerator2"), py::arg("denominator2"),
        py::arg("confidence") = std::vector<double>{0.95}, "Risk ratios (group 1 over group 2) with log limits.");
}
