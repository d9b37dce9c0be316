// hp::stats bindings: resampling (bootstrap intervals, permutation tests; see include/healthyplaces/stats/).
// Options arrive as strings and are parsed in C++; the heavy loops run with the GIL released (call_guard: those
// lambdas touch no Python object and return C++ values, converted once the GIL is back).
#include "box.hpp"

namespace {

using namespace hp::stats;

Statistic make_statistic(const std::string& name, double p, const std::string& quantile_method,
                         std::optional<double> threshold, const std::string& tie_policy) {
    Statistic base;
    base.p = p;
    base.quantile_method = parse_quantile_method(quantile_method);
    base.tie_policy = parse_tie_policy(tie_policy);
    Statistic s = parse_statistic(name, base);
    if (s.kind == StatisticKind::share_at_or_above) {
        if (!threshold)
            throw hp::DomainError("statistic 'share_at_or_above' needs a threshold: pass threshold=<the cut-off>");
        s.threshold = *threshold;
        validate(s);
    }
    return s;
}

/// A read-only numpy view of a vector owned by `owner` (a bound C++ object), without copying.
py::array_t<double> view(const std::vector<double>& v, py::handle owner) {
    py::array_t<double> a(static_cast<py::ssize_t>(v.size()), v.data(), owner);
    a.attr("setflags")(py::arg("write") = false);
    return a;
}

/// Views of the samples, named x, y, sample 2, ... in errors; how many a routine takes is its own check.
std::vector<std::span<const double>> spans(const std::vector<DoubleArray>& samples) {
    std::vector<std::span<const double>> out;
    for (std::size_t i = 0; i < samples.size(); ++i) {
        const std::string name = i == 0 ? "x" : i == 1 ? "y" : "sample " + std::to_string(i);
        out.push_back(as_span(samples[i], name.c_str()));
    }
    return out;
}

/// The checks that only the statistic's name can answer: "median_difference" needs two samples.
void check_named_samples(const std::string& statistic, std::size_t n) {
    if (names_difference(statistic) && n != 2)
        throw hp::DomainError("statistic '" + statistic + "' needs two samples (x, y)");
}

/// The bootstrap's options from the keyword arguments its bindings share.
BootstrapOptions bootstrap_options(std::int64_t n_resamples, double confidence_level, const std::string& method,
                                   const std::string& alternative, const std::string& resampling,
                                   std::optional<std::pair<int, int>> scale, std::uint64_t seed, int threads,
                                   std::int64_t max_exact) {
    BootstrapOptions o;
    o.method = parse_interval_method(method);
    o.confidence_level = confidence_level;
    o.alternative = parse_alternative(alternative);
    o.n_resamples = n_resamples;
    o.resampling = parse_resampling(resampling);
    if (scale) o.scale = Scale{scale->first, scale->second};
    o.seed = seed;
    o.threads = threads;
    o.max_exact = max_exact;
    return o;
}

PermutationOptions permutation_options(const std::string& alternative, const std::string& method,
                                       std::int64_t n_resamples, std::uint64_t seed, int threads,
                                       std::int64_t max_exact) {
    PermutationOptions o;
    o.alternative = parse_alternative(alternative);
    o.method = parse_test_method(method);
    o.n_resamples = n_resamples;
    o.seed = seed;
    o.threads = threads;
    o.max_exact = max_exact;
    return o;
}

/// Rows x columns, row-major: returned by value, pybind11 hands the buffer to numpy without a copy.
template <class T>
using RowMajor = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

}  // namespace

void bind_stats_resampling(py::module_& m) {
    py::class_<BootstrapResult>(m, "BootstrapResult", "Bootstrap interval, distribution and how it was obtained.")
        .def_readonly("estimate", &BootstrapResult::estimate)
        .def_property_readonly("distribution", [](py::object self) { return view(self.cast<const BootstrapResult&>().distribution, self); })
        .def_property_readonly("probabilities", [](py::object self) -> py::object {
            const auto& r = self.cast<const BootstrapResult&>();
            if (r.probabilities.empty()) return py::none();
            return view(r.probabilities, self);
        })
        .def_property_readonly("resampling", [](const BootstrapResult& r) { return std::string(to_string(r.resampling)); })
        .def_readonly("n_resamples", &BootstrapResult::n_resamples)
        .def_property_readonly("method", [](const BootstrapResult& r) { return std::string(to_string(r.method)); })
        .def_property_readonly("alternative", [](const BootstrapResult& r) { return std::string(to_string(r.alternative)); })
        .def_readonly("bias_correction", &BootstrapResult::bias_correction)
        .def_readonly("acceleration", &BootstrapResult::acceleration)
        .def_readonly("warning", &BootstrapResult::warning);

    py::class_<BootstrapInterval>(m, "BootstrapInterval", "An interval read off a bootstrap distribution.")
        .def_readonly("low", &BootstrapInterval::low)
        .def_readonly("high", &BootstrapInterval::high)
        .def_readonly("bias_correction", &BootstrapInterval::bias_correction)
        .def_readonly("acceleration", &BootstrapInterval::acceleration)
        .def_readonly("warning", &BootstrapInterval::warning);

    py::class_<PermutationResult, TestResult>(m, "PermutationResult", "A permutation test with its null distribution.")
        .def_property_readonly("null_distribution", [](py::object self) { return view(self.cast<const PermutationResult&>().null_distribution, self); })
        .def_readonly("exact", &PermutationResult::exact);

    py::class_<ExactDistribution>(m, "ExactDistribution", "Distinct values (ascending) with their probabilities.")
        .def_property_readonly("values", [](py::object self) { return view(self.cast<const ExactDistribution&>().values, self); })
        .def_property_readonly("probabilities", [](py::object self) { return view(self.cast<const ExactDistribution&>().probabilities, self); })
        .def_readonly("n_resamples", &ExactDistribution::n_resamples);

    m.def("evaluate_statistic",
          [](const DoubleArray& xs, const std::string& statistic, double p, const std::string& quantile_method,
             std::optional<double> threshold, const std::string& tie_policy) {
              const auto s = make_statistic(statistic, p, quantile_method, threshold, tie_policy);
              const auto span = as_span(xs);
              check_finite(span, "x");
              return evaluate(s, span);
          },
          py::arg("xs"), py::arg("statistic"), py::arg("p") = 0.5, py::arg("quantile_method") = "linear",
          py::arg("threshold") = py::none(), py::arg("tie_policy") = "lowest", py::call_guard<Interruptible>(),
          "A named statistic of one sample, computed from the counts at each distinct value.");

    m.def("bootstrap",
          [](const std::vector<DoubleArray>& samples, const std::string& statistic, bool paired, double p,
             const std::string& quantile_method, std::optional<double> threshold, const std::string& tie_policy,
             const std::string& method, double confidence_level, const std::string& alternative,
             Count<"n_resamples", 1> n_resamples, const std::string& resampling, std::optional<std::pair<int, int>> scale,
             Seed seed, Threads threads, Count<"max_exact", 0> max_exact) {
              auto o = bootstrap_options(n_resamples, confidence_level, method, alternative, resampling, scale, seed,
                                         threads, max_exact);
              o.statistic = make_statistic(statistic, p, quantile_method, threshold, tie_policy);
              const auto s = spans(samples);
              check_named_samples(statistic, s.size());
              return bootstrap_samples(s, paired, o);
          },
          py::arg("samples"), py::arg("statistic") = "median", py::arg("paired") = false, py::arg("p") = 0.5,
          py::arg("quantile_method") = "linear", py::arg("threshold") = py::none(), py::arg("tie_policy") = "lowest",
          py::arg("method") = "BCa", py::arg("confidence_level") = 0.95, py::arg("alternative") = "two-sided",
          py::arg("n_resamples") = 9999, py::arg("resampling") = "auto", py::arg("scale") = py::none(),
          py::arg("seed") = 0, py::arg("threads") = 0, py::arg("max_exact") = 10'000'000,
          py::call_guard<Interruptible>(),
          "Bootstrap interval of a named statistic: one sample, two (difference) or paired (of the differences).");

    m.def("plan_bootstrap",
          [](const std::vector<DoubleArray>& samples, bool paired, Count<"n_resamples", 1> n_resamples, double confidence_level,
             const std::string& method, const std::string& alternative, const std::string& resampling,
             std::optional<std::pair<int, int>> scale) {
              const auto o = bootstrap_options(n_resamples, confidence_level, method, alternative, resampling, scale,
                                               0, 1, 10'000'000);
              return plan_bootstrap(spans(samples), paired, o);
          },
          py::arg("samples"), py::arg("paired"), py::arg("n_resamples"), py::arg("confidence_level"),
          py::arg("method"), py::arg("alternative"), py::arg("resampling"), py::arg("scale") = py::none(),
          "For a callable statistic: the bootstrap's checks of options and samples, and the sizes to resample.");

    m.def("exact_bootstrap_distribution",
          [](const std::vector<DoubleArray>& samples, const std::string& statistic, double p,
             const std::string& quantile_method, std::optional<double> threshold, const std::string& tie_policy,
             Count<"max_exact", 0> max_exact, Threads threads) {
              const auto st = make_statistic(statistic, p, quantile_method, threshold, tie_policy);
              const auto s = spans(samples);
              if (s.empty() || s.size() > 2)
                  throw hp::DomainError("exact_bootstrap_distribution takes 1 or 2 samples, got " +
                                        std::to_string(s.size()));
              return s.size() == 1 ? exact_bootstrap_distribution(s[0], st, max_exact, threads)
                                   : exact_bootstrap_distribution(s[0], s[1], st, max_exact, threads);
          },
          py::arg("samples"), py::arg("statistic") = "median", py::arg("p") = 0.5, py::arg("quantile_method") = "linear",
          py::arg("threshold") = py::none(), py::arg("tie_policy") = "lowest", py::arg("max_exact") = 10'000'000,
          py::arg("threads") = 0, py::call_guard<Interruptible>(),
          "The exact bootstrap distribution (of stat(x) - stat(y) for two): values, probabilities, distinct resamples.");

    m.def("distinct_resamples", &distinct_resamples, py::arg("n"), py::arg("k"),
          "C(n+k-1, k-1): distinct bootstrap resamples of n observations with k distinct values (saturating).");

    m.def("bootstrap_indices",
          [](const std::vector<std::int64_t>& sizes, Seed seed, std::int64_t begin, std::int64_t end, Threads threads) {
              std::int64_t width = 0;
              for (auto n : sizes) width += std::max<std::int64_t>(n, 0);
              if (begin < 0 || end < begin) throw hp::DomainError("bootstrap indices: need 0 <= begin <= end");
              RowMajor<std::int64_t> out(end - begin, width);
              hp::stats::bootstrap_indices(sizes, seed, begin, end, out.data(), threads);
              return out;
          },
          py::arg("sizes"), py::arg("seed"), py::arg("begin"), py::arg("end"), py::arg("threads") = 0,
          py::call_guard<Interruptible>(),
          "Resample indices of resamples [begin, end): per row, each sample's indices in turn.");

    m.def("bootstrap_interval",
          [](const DoubleArray& distribution, const std::optional<DoubleArray>& probabilities, double observed,
             const std::vector<DoubleArray>& jackknife_values, const std::string& method, double confidence_level,
             const std::string& alternative) {
              std::vector<Jackknife> jk;
              for (const auto& a : jackknife_values) {
                  Jackknife j;
                  const auto s = as_span(a, "jackknife values");
                  j.values.assign(s.begin(), s.end());
                  j.weights.assign(s.size(), 1.0);
                  j.n = static_cast<std::int64_t>(s.size());
                  jk.push_back(std::move(j));
              }
              const auto d = as_span(distribution, "bootstrap distribution");
              std::span<const double> pr;
              if (probabilities) pr = as_span(*probabilities, "probabilities");
              return hp::stats::bootstrap_interval(d, pr, observed, jk, parse_interval_method(method), confidence_level,
                                                   parse_alternative(alternative));
          },
          py::arg("distribution"), py::arg("probabilities"), py::arg("observed"), py::arg("jackknife"),
          py::arg("method") = "BCa", py::arg("confidence_level") = 0.95, py::arg("alternative") = "two-sided",
          py::call_guard<Interruptible>(),
          "The interval from a bootstrap distribution, the observed value and each sample's jackknife values.");

    m.def("bootstrap_standard_error",
          [](const DoubleArray& distribution, const std::optional<DoubleArray>& probabilities) {
              std::span<const double> pr;
              if (probabilities) pr = as_span(*probabilities, "probabilities");
              return hp::stats::bootstrap_standard_error(as_span(distribution, "bootstrap distribution"), pr);
          },
          py::arg("distribution"), py::arg("probabilities") = py::none());

    m.def("permutation_test",
          [](const std::vector<DoubleArray>& samples, const std::string& statistic, const std::string& permutation_type,
             double p, const std::string& quantile_method, std::optional<double> threshold, const std::string& tie_policy,
             const std::string& alternative, const std::string& method, Count<"n_resamples", 1> n_resamples, Seed seed,
             Threads threads, Count<"max_exact", 0> max_exact) {
              const auto type = parse_permutation_type(permutation_type);
              auto o = permutation_options(alternative, method, n_resamples, seed, threads, max_exact);
              o.statistic = make_statistic(statistic, p, quantile_method, threshold, tie_policy);
              const auto s = spans(samples);
              if (type == PermutationType::samples) check_named_samples(statistic, s.size());
              return permutation_test_samples(s, type, o);
          },
          py::arg("samples"), py::arg("statistic") = "mean", py::arg("permutation_type") = "independent",
          py::arg("p") = 0.5, py::arg("quantile_method") = "linear", py::arg("threshold") = py::none(),
          py::arg("tie_policy") = "lowest", py::arg("alternative") = "two-sided", py::arg("method") = "auto",
          py::arg("n_resamples") = 9999, py::arg("seed") = 0, py::arg("threads") = 0,
          py::arg("max_exact") = std::int64_t{1} << 24, py::call_guard<Interruptible>(),
          "Permutation test of a named statistic: relabelling two groups, or sign flips of paired differences.");

    m.def("plan_permutation",
          [](const std::vector<DoubleArray>& samples, const std::string& permutation_type,
             const std::string& alternative, const std::string& method, Count<"n_resamples", 1> n_resamples,
             Count<"max_exact", 0> max_exact) {
              const auto type = parse_permutation_type(permutation_type);
              const auto plan = plan_permutation(spans(samples), type,
                                                 permutation_options(alternative, method, n_resamples, 0, 1, max_exact));
              return std::make_tuple(plan.exact, plan.arrangements);
          },
          py::arg("samples"), py::arg("permutation_type"), py::arg("alternative"), py::arg("method"),
          py::arg("n_resamples"), py::arg("max_exact"),
          "For a callable statistic: the permutation test's checks, and (exact, arrangements to evaluate).");

    m.def("count_relabellings", &count_relabellings, py::arg("nx"), py::arg("ny"));

    m.def("relabellings",
          [](std::int64_t nx, std::int64_t ny, bool exact, Seed seed, std::int64_t begin, std::int64_t end, Threads threads) {
              if (begin < 0 || end < begin) throw hp::DomainError("relabellings: need 0 <= begin <= end");
              if (nx < 1 || ny < 1) throw hp::DomainError("relabellings: both sample sizes must be positive");
              RowMajor<std::int64_t> out(end - begin, nx + ny);
              hp::stats::relabellings(nx, ny, exact, seed, begin, end, out.data(), threads);
              return out;
          },
          py::arg("nx"), py::arg("ny"), py::arg("exact"), py::arg("seed"), py::arg("begin"), py::arg("end"),
          py::arg("threads") = 0, py::call_guard<Interruptible>(),
          "Rows of pooled indices, x's members first, for arrangements [begin, end).");

    m.def("sign_flips",
          [](const DoubleArray& d, bool exact, Seed seed, std::int64_t begin, std::int64_t end, Threads threads) {
              if (begin < 0 || end < begin) throw hp::DomainError("sign_flips: need 0 <= begin <= end");
              const auto s = as_span(d, "differences");
              RowMajor<double> out(end - begin, static_cast<Eigen::Index>(s.size()));
              hp::stats::sign_flips(s, exact, seed, begin, end, out.data(), threads);
              return out;
          },
          py::arg("d"), py::arg("exact"), py::arg("seed"), py::arg("begin"), py::arg("end"), py::arg("threads") = 0,
          py::call_guard<Interruptible>(), "Rows of signs (+1/-1, in d's order) for arrangements [begin, end).");

    m.def("permutation_pvalue",
          [](const DoubleArray& null_distribution, double observed, const std::string& alternative, bool exact) {
              return hp::stats::permutation_pvalue(as_span(null_distribution, "null distribution"), observed,
                                                   parse_alternative(alternative), exact);
          },
          py::arg("null_distribution"), py::arg("observed"), py::arg("alternative"), py::arg("exact"),
          "scipy.stats.permutation_test's p-value of `observed` against a null distribution.");
}
