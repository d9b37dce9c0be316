// hp::stats bindings: rank (see include/healthyplaces/stats/).
#include "box.hpp"

void bind_stats_rank(py::module_& stats) {
    using namespace hp::stats;

    py::class_<SymmetricNull>(stats, "SymmetricNull",
                              "Exact null distribution on 0..max, symmetric about max/2 (Mann–Whitney U or signed-rank T "
                              "without ties). Tails are summed from their own side.\n\n"
                              "Examples\n--------\n"
                              ">>> import healthyplaces as hp\n"
                              ">>> null = hp.stats.signed_rank_null(5)\n"
                              ">>> null.max, round(null.pmf(0), 5)\n"
                              "(15, 0.03125)\n")
        .def_property_readonly("max", &SymmetricNull::max)
        .def_property_readonly("mean", &SymmetricNull::mean)
        .def("pmf", &SymmetricNull::pmf, py::arg("k"), "P(X = k)")
        .def("cdf", &SymmetricNull::cdf, py::arg("k"), "P(X <= k)")
        .def("sf", &SymmetricNull::sf, py::arg("k"), "P(X > k)")
        .def("quantile", &SymmetricNull::quantile, py::arg("p"), "Smallest k with cdf(k) >= p.")
        .def("lower_critical", &SymmetricNull::lower_critical, py::arg("alpha"),
             "Largest c with cdf(c) <= alpha, or -1 when P(X = 0) > alpha.")
        .def("__repr__", [](const SymmetricNull& s) { return "SymmetricNull(max=" + std::to_string(s.max()) + ")"; });

    stats.def("mann_whitney_null", &mann_whitney_null, py::arg("n1"), py::arg("n2"),
              py::call_guard<Interruptible>(), "Exact null distribution of the Mann–Whitney U without ties.");
    stats.def("signed_rank_null", &signed_rank_null, py::arg("n"), py::call_guard<Interruptible>(),
              "Exact null distribution of the Wilcoxon signed-rank T+ without ties or zeros.");

    stats.def(
        "mann_whitney",
        [](const DoubleArray& x, const DoubleArray& y, const std::string& alternative, const std::string& method,
           bool continuity, Count<"n_resamples", 1> n_resamples, Seed seed, Threads threads) {
            MannWhitneyOptions o;
            o.alternative = parse_alternative(alternative);
            o.method = parse_test_method(method);
            o.continuity = continuity;
            o.monte_carlo = monte_carlo(n_resamples, seed, threads);
            return mann_whitney(as_span(x, "x values"), as_span(y, "y values"), o);
        },
        py::arg("x"), py::arg("y"), py::arg("alternative") = "two-sided", py::arg("method") = "auto",
        py::arg("continuity") = true, py::arg("n_resamples") = 9999, py::arg("seed") = 0, py::arg("threads") = 0,
        py::call_guard<Interruptible>(),
        "Mann–Whitney U test of x against y (statistic: U of x, as scipy).");

    stats.def(
        "wilcoxon",
        [](const DoubleArray& x, const std::optional<DoubleArray>& y, const std::string& zero_method, bool correction,
           const std::string& alternative, const std::string& method, Count<"n_resamples", 1> n_resamples, Seed seed,
           Threads threads) {
            WilcoxonOptions o;
            o.alternative = parse_alternative(alternative);
            o.method = parse_test_method(method);
            o.zero_method = parse_zero_method(zero_method);
            o.correction = correction;
            o.monte_carlo = monte_carlo(n_resamples, seed, threads);
            const auto xs = as_span(x, "x values");
            if (y) return wilcoxon(xs, as_span(*y, "y values"), o);
            return wilcoxon(xs, o);
        },
        py::arg("x"), py::arg("y") = py::none(), py::arg("zero_method") = "wilcox", py::arg("correction") = false,
        py::arg("alternative") = "two-sided", py::arg("method") = "auto", py::arg("n_resamples") = 9999,
        py::arg("seed") = 0, py::arg("threads") = 0, py::call_guard<Interruptible>(),
        "Wilcoxon signed-rank test of the differences x (or x - y) against zero.");

    stats.def(
        "sign_test",
        [](const DoubleArray& x, const std::optional<DoubleArray>& y, double mu, const std::string& alternative,
           const std::string& method) {
            SignTestOptions o;
            o.alternative = parse_alternative(alternative);
            o.method = parse_test_method(method);
            o.mu = mu;
            const auto xs = as_span(x, "x values");
            if (y) return sign_test(xs, as_span(*y, "y values"), o);
            return sign_test(xs, o);
        },
        py::arg("x"), py::arg("y") = py::none(), py::arg("mu") = 0.0, py::arg("alternative") = "two-sided",
        py::arg("method") = "exact", "Sign test that the median of x (or of x - y) is mu.");

    stats.def(
        "hodges_lehmann",
        [](const DoubleArray& x, const std::optional<DoubleArray>& y, bool paired, double confidence_level,
           const std::string& method, bool continuity) {
            HodgesLehmannOptions o;
            o.confidence_level = confidence_level;
            o.method = parse_test_method(method);
            o.continuity = continuity;
            const auto xs = as_span(x, "x values");
            if (!y) {
                if (paired) throw hp::DataError("hodges_lehmann: paired=True needs a second sample y");
                return hodges_lehmann(xs, o);
            }
            const auto ys = as_span(*y, "y values");
            return paired ? hodges_lehmann_paired(xs, ys, o) : hodges_lehmann(xs, ys, o);
        },
        py::arg("x"), py::arg("y") = py::none(), py::arg("paired") = false, py::arg("confidence_level") = 0.95,
        py::arg("method") = "auto", py::arg("continuity") = true, py::call_guard<Interruptible>(),
        "Hodges–Lehmann shift (two samples) or pseudo-median (one sample, paired differences) with its interval.");

    stats.def(
        "kth_pairwise_difference",
        [](const DoubleArray& x, const DoubleArray& y, std::int64_t k) {
            return kth_pairwise_difference(as_span(x, "x values"), as_span(y, "y values"), k);
        },
        py::arg("x"), py::arg("y"), py::arg("k"),
              "k-th smallest (0-based) of the differences x_i - y_j, by selection.");
    stats.def(
        "kth_walsh_average", [](const DoubleArray& x, std::int64_t k) { return kth_walsh_average(as_span(x, "values"), k); },
        py::arg("x"), py::arg("k"),
              "k-th smallest (0-based) of the Walsh averages (x_i + x_j)/2, i <= j, by selection.");
}
