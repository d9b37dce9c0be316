// hp::stats ordinal summaries on numpy arrays.
#include "box.hpp"


void bind_stats(py::module_& m) {

    py::class_<hp::stats::TestResult>(m, "TestResult", "Result of a hypothesis test (fields it does not define are NaN).")
        .def_readonly("statistic", &hp::stats::TestResult::statistic)
        .def_readonly("pvalue", &hp::stats::TestResult::pvalue)
        .def_property_readonly("alternative", [](const hp::stats::TestResult& r) { return std::string(hp::stats::to_string(r.alternative)); })
        .def_readonly("method", &hp::stats::TestResult::method)
        .def_readonly("n", &hp::stats::TestResult::n)
        .def_readonly("df", &hp::stats::TestResult::df)
        .def_readonly("zstatistic", &hp::stats::TestResult::zstatistic);

    py::class_<hp::stats::Estimate>(m, "Estimate", "A point estimate with its confidence interval.")
        .def_readonly("estimate", &hp::stats::Estimate::estimate)
        .def_readonly("ci_low", &hp::stats::Estimate::ci_low)
        .def_readonly("ci_high", &hp::stats::Estimate::ci_high)
        .def_readonly("confidence_level", &hp::stats::Estimate::confidence_level)
        .def_readonly("method", &hp::stats::Estimate::method)
        .def_readonly("n", &hp::stats::Estimate::n)
        .def_readonly("standard_error", &hp::stats::Estimate::standard_error);

    py::native_enum<hp::stats::QuantileMethod>(m, "QuantileMethod", "enum.Enum")
        .value("inverted_cdf", hp::stats::QuantileMethod::inverted_cdf)
        .value("lower", hp::stats::QuantileMethod::lower)
        .value("higher", hp::stats::QuantileMethod::higher)
        .value("nearest", hp::stats::QuantileMethod::nearest)
        .value("midpoint", hp::stats::QuantileMethod::midpoint)
        .value("linear", hp::stats::QuantileMethod::linear)
        .finalize();

    py::class_<hp::stats::Frequencies>(m, "Frequencies",
                                              "Counts at each level lo..hi, and the missing (NaN) values.\n\n"
                                              "Examples\n--------\n"
                                              ">>> import healthyplaces as hp\n"
                                              ">>> f = hp.stats.frequencies([1, 2, 2, float('nan')], 1, 4)\n"
                                              ">>> list(f.counts), f.n_missing\n"
                                              "([1, 2, 0, 0], 1)\n")
        .def_readonly("lo", &hp::stats::Frequencies::lo)
        .def_readonly("hi", &hp::stats::Frequencies::hi)
        .def_readonly("counts", &hp::stats::Frequencies::counts)
        .def_readonly("n_missing", &hp::stats::Frequencies::n_missing)
        .def_property_readonly("n", &hp::stats::Frequencies::n)
        .def("count", &hp::stats::Frequencies::count, py::arg("level"))
        .def("__repr__", [](const hp::stats::Frequencies& f) {
            std::string s = "Frequencies(";
            for (int l = f.lo; l <= f.hi; ++l) s += (l > f.lo ? ", " : "") + std::to_string(l) + ": " + std::to_string(f.count(l));
            return s + ", missing: " + std::to_string(f.n_missing) + ")";
        });

    py::class_<hp::stats::OrdinalSummary>(m, "OrdinalSummary",
                                                 "Frequencies, all modes, median, quartiles, mean.\n\n"
                                                 "Examples\n--------\n"
                                                 ">>> import healthyplaces as hp\n"
                                                 ">>> s = hp.stats.summarise([1, 2, 2, 3, 3], 1, 4)\n"
                                                 ">>> list(s.modes), s.median, s.mean\n"
                                                 "([2, 3], 2.0, 2.2)\n")
        .def_readonly("frequencies", &hp::stats::OrdinalSummary::frequencies)
        .def_readonly("modes", &hp::stats::OrdinalSummary::modes)
        .def_readonly("median", &hp::stats::OrdinalSummary::median)
        .def_readonly("q1", &hp::stats::OrdinalSummary::q1)
        .def_readonly("q3", &hp::stats::OrdinalSummary::q3)
        .def_readonly("mean", &hp::stats::OrdinalSummary::mean)
        .def_readonly("method", &hp::stats::OrdinalSummary::method)
        .def_property_readonly("n", &hp::stats::OrdinalSummary::n)
        .def("__repr__", [](const hp::stats::OrdinalSummary& s) {
            std::string modes;
            for (int v : s.modes) modes += (modes.empty() ? "" : ", ") + std::to_string(v);
            return "OrdinalSummary(n=" + std::to_string(s.n()) + ", modes=[" + modes + "], median=" +
                   std::to_string(s.median) + ")";
        });

    m.def("frequencies", [](const DoubleArray& xs, int lo, int hi) { return hp::stats::frequencies(as_span(xs), lo, hi); },
          py::arg("xs"), py::arg("lo"), py::arg("hi"),
          "Tally levels lo..hi; NaN counts as missing; anything else off the scale raises DomainError.");
    m.def("modes", [](const DoubleArray& xs, int lo, int hi) { return hp::stats::modes(hp::stats::frequencies(as_span(xs), lo, hi)); },
          py::arg("xs"), py::arg("lo"), py::arg("hi"), "Every most-common level, ascending (ties reported, never broken).");
    m.def("quantile",
          [](const DoubleArray& xs, double p, int lo, int hi, hp::stats::QuantileMethod method) {
              return hp::stats::quantile(hp::stats::frequencies(as_span(xs), lo, hi), p, method);
          },
          py::arg("xs"), py::arg("p"), py::arg("lo"), py::arg("hi"), py::arg("method") = hp::stats::QuantileMethod::linear,
          "Quantile computed from the counts; methods and results as numpy.quantile.");
    m.def("summarise",
          [](const DoubleArray& xs, int lo, int hi, hp::stats::QuantileMethod method) {
              return hp::stats::summarise(as_span(xs), lo, hi, method);
          },
          py::arg("xs"), py::arg("lo"), py::arg("hi"), py::arg("method") = hp::stats::QuantileMethod::linear);
    m.def("check_confidence_level", &hp::stats::check_confidence_level, py::arg("level"),
          py::arg("what") = "confidence_level",
          "DomainError unless 0 < level < 1; the one check of a confidence level (docs/conventions.md).");
    m.def("parse_quantile_method", &hp::stats::parse_quantile_method, py::arg("name"));

    bind_stats_rank(m);
    bind_stats_effect(m);
    bind_stats_resampling(m);
}
