// hp::indicators bindings: proportions, crude rates, means and rate/risk ratios (include/healthyplaces/indicators/rates.hpp).
#include "box.hpp"

namespace {
namespace hi = hp::indicators;

// The result of proportion() and rate() as one row-major numpy block [rows x groups] whose rows are the
// table's numeric columns in order (input1, input2, value, lower and upper per level: hi::block_view), so that
// Python wraps it as a DataFrame without copying, and C++ fills it in one pass.
struct Block {
    py::array_t<double> data;
    hi::IntervalsView view;
    Block(std::size_t n, std::size_t levels)
        : data({static_cast<py::ssize_t>(hi::rows_of_block(levels, true)), static_cast<py::ssize_t>(n)}) {
        view = hi::block_view({data.mutable_data(), static_cast<std::size_t>(data.size())}, n, levels, true);
    }
};
}  // namespace

void bind_indicators_rates(py::module_& m) {
    py::class_<hi::MeanIntervals, hi::Intervals>(m, "MeanIntervals", "Means with limits, and each group's n and sd.")
        .def_property_readonly("n", [](const hi::MeanIntervals& r) { return array_of(r.n); })
        .def_property_readonly("sd", [](const hi::MeanIntervals& r) { return array_of(r.sd); });
    // proportion and rate allocate their numpy output here, with the GIL held, and release it only around the
    // C++ fill (a scoped release, not call_guard): the one case where the binding itself must touch Python.
    m.def(
        "proportion",
        [](const DoubleArray& numerator, const DoubleArray& denominator, std::vector<double> confidence_level,
           const std::string& method, double multiplier) {
            hi::ProportionOptions o;
            o.confidence_level = std::move(confidence_level);
            o.method = hi::parse_proportion_method(method);
            o.multiplier = multiplier;
            auto x = as_span(numerator, "numerators"), n = as_span(denominator, "denominators");
            Block out(x.size(), o.confidence_level.size());
            std::string how;
            {
                py::gil_scoped_release release;
                how = hi::proportion_into(x, n, o, out.view);
            }
            return py::make_tuple(out.data, how);
        },
        py::arg("numerator"), py::arg("denominator"), py::arg("confidence_level") = std::vector<double>{0.95},
        py::arg("method") = "wilson", py::arg("multiplier") = 1.0,
        "Proportions with Wilson score (or Clopper-Pearson exact) limits, one per group: (block, method), block a "
        "[rows x groups] float64 array with rows numerator, denominator, value, then lower and upper per level.");
    m.def(
        "rate",
        [](const DoubleArray& events, const DoubleArray& population, std::vector<double> confidence_level,
           const std::string& method, double multiplier) {
            hi::RateOptions o;
            o.confidence_level = std::move(confidence_level);
            o.method = hi::parse_rate_method(method);
            o.multiplier = multiplier;
            auto x = as_span(events, "events"), n = as_span(population, "populations");
            Block out(x.size(), o.confidence_level.size());
            py::object codes = py::none();
            if (o.method == hi::RateMethod::automatic) {
                py::array_t<std::int8_t> c(static_cast<py::ssize_t>(x.size()));
                out.view.byars = {c.mutable_data(), x.size()};
                codes = std::move(c);
            }
            std::string how;
            {
                py::gil_scoped_release release;
                how = hi::rate_into(x, n, o, out.view);
            }
            return py::make_tuple(out.data, how, codes);
        },
        py::arg("events"), py::arg("population"), py::arg("confidence_level") = std::vector<double>{0.95},
        py::arg("method") = "auto", py::arg("multiplier") = 100000.0,
        "Crude rates per multiplier with exact Poisson (below 10 events) or Byar's limits, one per group: (block, "
        "method, codes), block a [rows x groups] float64 array with rows events, population, value, then lower and "
        "upper per level; codes (method auto only, else None) int8 per group, 1 where Byar's limits were used.");
    m.def(
        "mean",
        [](const DoubleArray& values, const IndexArray& group, std::size_t n_groups, std::vector<double> confidence_level) {
            hi::MeanOptions o;
            o.confidence_level = std::move(confidence_level);
            return hi::mean(as_span(values, "values"), as_span(group, "group codes"), n_groups, o);
        },
        py::call_guard<Interruptible>(), py::arg("values"), py::arg("group"), py::arg("n_groups"),
        py::arg("confidence_level") = std::vector<double>{0.95},
        "Means within groups (codes 0..n_groups-1) with Student's t limits, and each group's n and sd.");
    m.def(
        "rate_ratio",
        [](const DoubleArray& e1, const DoubleArray& p1, const DoubleArray& e2, const DoubleArray& p2,
           std::vector<double> confidence_level, const std::string& method) {
            hi::RatioOptions o;
            o.confidence_level = std::move(confidence_level);
            o.method = hi::parse_ratio_method(method);
            auto a = as_span(e1, "events1"), b = as_span(p1, "population1"), c = as_span(e2, "events2"),
                 d = as_span(p2, "population2");
            return hi::rate_ratio(a, b, c, d, o);
        },
        py::call_guard<Interruptible>(), py::arg("events1"), py::arg("population1"), py::arg("events2"), py::arg("population2"),
        py::arg("confidence_level") = std::vector<double>{0.95}, py::arg("method") = "log",
        "Rate ratios (group 1 over group 2) with log or exact conditional limits.");
    m.def(
        "risk_ratio",
        [](const DoubleArray& x1, const DoubleArray& n1, const DoubleArray& x2, const DoubleArray& n2,
           std::vector<double> confidence_level) {
            hi::RatioOptions o;
            o.confidence_level = std::move(confidence_level);
            auto a = as_span(x1, "numerator1"), b = as_span(n1, "denominator1"), c = as_span(x2, "numerator2"),
                 d = as_span(n2, "denominator2");
            return hi::risk_ratio(a, b, c, d, o);
        },
        py::call_guard<Interruptible>(), py::arg("numerator1"), py::arg("denominator1"), py::arg("numerator2"), py::arg("denominator2"),
        py::arg("confidence_level") = std::vector<double>{0.95}, "Risk ratios (group 1 over group 2) with log limits.");
}
