// hp::stats bindings: k-sample and stochastic-dominance tests (Kruskal-Wallis, Brunner-Munzel), effect sizes
// (Cliff's delta, probability of superiority) and multiple testing (see include/healthyplaces/stats/).
#include "box.hpp"

void bind_stats_effect(py::module_& stats) {
    namespace s = hp::stats;

    py::class_<s::BrunnerMunzelResult, s::TestResult>(
        stats, "BrunnerMunzelResult", "Brunner-Munzel test result; `estimate` is P(X < Y) + 1/2 P(X = Y).")
        .def_readonly("estimate", &s::BrunnerMunzelResult::estimate);

    stats.def(
        "kruskal_wallis",
        [](const std::vector<DoubleArray>& samples, const std::string& method, Count<"n_resamples", 1> n_resamples,
           Seed seed, Threads threads, Count<"max_arrangements", 0> max_arrangements) {
            std::vector<std::span<const double>> spans;
            spans.reserve(samples.size());
            for (std::size_t i = 0; i < samples.size(); ++i) spans.push_back(as_span(samples[i], "sample values"));
            s::KruskalOptions o;
            o.method = s::parse_test_method(method);
            o.monte_carlo = monte_carlo(n_resamples, seed, threads);
            o.max_arrangements = max_arrangements;
            return s::kruskal_wallis(spans, o);
        },
        py::arg("samples"), py::arg("method") = "auto", py::arg("n_resamples") = 9999, py::arg("seed") = 0,
        py::arg("threads") = 0, py::arg("max_arrangements") = 2'000'000, py::call_guard<Interruptible>(),
        "Kruskal-Wallis H test of k samples (tie-corrected H; asymptotic, exact or Monte Carlo p-value).");

    stats.def(
        "brunner_munzel",
        [](const DoubleArray& x, const DoubleArray& y, const std::string& alternative, const std::string& distribution,
           const std::string& method, Count<"n_resamples", 1> n_resamples, Seed seed, Threads threads,
           Count<"max_arrangements", 0> max_arrangements) {
            s::BrunnerMunzelOptions o;
            o.alternative = s::parse_alternative(alternative);
            o.distribution = s::parse_approximation(distribution);
            o.method = s::parse_test_method(method);
            o.monte_carlo = monte_carlo(n_resamples, seed, threads);
            o.max_arrangements = max_arrangements;
            return s::brunner_munzel(as_span(x, "x values"), as_span(y, "y values"), o);
        },
        py::arg("x"), py::arg("y"), py::arg("alternative") = "two-sided", py::arg("distribution") = "t",
        py::arg("method") = "auto", py::arg("n_resamples") = 9999, py::arg("seed") = 0, py::arg("threads") = 0,
        py::arg("max_arrangements") = 2'000'000, py::call_guard<Interruptible>(),
        "Brunner-Munzel test (asymptotic t/normal, or the studentized permutation test).");

    stats.def(
        "cliffs_delta",
        [](const DoubleArray& x, const DoubleArray& y, double confidence_level, const std::string& variance,
           const std::string& distribution) {
            s::CliffsDeltaOptions o;
            o.confidence_level = confidence_level;
            o.variance = s::parse_cliff_variance(variance);
            o.distribution = s::parse_approximation(distribution);
            return s::cliffs_delta(as_span(x, "x values"), as_span(y, "y values"), o);
        },
        py::arg("x"), py::arg("y"), py::arg("confidence_level") = 0.95, py::arg("variance") = "unbiased",
        py::arg("distribution") = "t", "Cliff's delta P(X > Y) - P(X < Y) with Cliff's asymmetric interval.");

    stats.def(
        "probability_of_superiority",
        [](const DoubleArray& x, const DoubleArray& y, double confidence_level) {
            return s::probability_of_superiority(as_span(x, "x values"), as_span(y, "y values"), confidence_level);
        },
        py::arg("x"), py::arg("y"), py::arg("confidence_level") = 0.95,
        "P(X > Y) + 1/2 P(X = Y) with the Brunner-Munzel t interval.");

    stats.def(
        "adjust_pvalues",
        [](const DoubleArray& p, const std::string& method) {
            const auto ps = as_span(p, "p-values");
            const auto m = s::parse_adjust_method(method);
            py::array_t<double> out(static_cast<py::ssize_t>(ps.size()));
            s::adjust_pvalues(ps, std::span<double>(out.mutable_data(), ps.size()), m);
            return out;
        },
        py::arg("p"), py::arg("method") = "holm",
        "Adjusted p-values (bonferroni, holm, hochberg, bh, by) in the input order, capped at 1.");
}
