// hp::evaluation bindings: Callaway-Sant'Anna group-time effects (include/healthyplaces/evaluation/att_gt.hpp),
// their aggregation (aggregate.hpp) and the logit they use. Python wraps them in
// healthyplaces/evaluation/_att_gt.py.
#include "box.hpp"

namespace {
namespace he = hp::evaluation;

std::string name(auto value) { return std::string(he::to_string(value)); }

he::MultiplierOptions boot_of(std::int64_t n_resamples, std::uint64_t seed, std::string_view weights, double confidence_level,
                              int threads) {
    return he::multiplier_options(n_resamples, seed, he::parse_multiplier(weights), confidence_level, threads);
}
}  // namespace

void bind_evaluation_att_gt(py::module_& m) {
    py::class_<he::AttGtResult>(m, "AttGtResult", "Group-time average treatment effects ATT(g, t) (one entry per "
                                                  "cohort and period) with standard errors and bands.")
        .def_readonly("group", &he::AttGtResult::group)
        .def_readonly("period", &he::AttGtResult::period)
        .def_readonly("base", &he::AttGtResult::base)
        .def_readonly("n_treated", &he::AttGtResult::n_treated)
        .def_readonly("n_control", &he::AttGtResult::n_control)
        .def_readonly("att", &he::AttGtResult::att)
        .def_readonly("se", &he::AttGtResult::se)
        .def_readonly("se_analytic", &he::AttGtResult::se_analytic)
        .def_readonly("ci_low", &he::AttGtResult::ci_low)
        .def_readonly("ci_high", &he::AttGtResult::ci_high)
        .def_readonly("critical_value", &he::AttGtResult::critical_value)
        .def_readonly("uniform", &he::AttGtResult::uniform)
        .def_readonly("influence", &he::AttGtResult::influence, "units x cells (a copy)")
        .def_readonly("units", &he::AttGtResult::units)
        .def_readonly("unit_group", &he::AttGtResult::unit_group, "each unit's cohort, 0 = never treated")
        .def_readonly("cohorts", &he::AttGtResult::cohorts)
        .def_readonly("periods", &he::AttGtResult::periods)
        .def_readonly("outcome_name", &he::AttGtResult::outcome_name)
        .def_property_readonly("control", [](const he::AttGtResult& r) { return name(r.options.control); })
        .def_property_readonly("estimator", [](const he::AttGtResult& r) { return name(r.options.estimator); })
        .def_property_readonly("base_period", [](const he::AttGtResult& r) { return name(r.options.base_period); })
        .def_property_readonly("anticipation", [](const he::AttGtResult& r) { return r.options.anticipation; })
        .def_property_readonly("covariates", [](const he::AttGtResult& r) { return r.options.covariates; })
        .def_property_readonly("n_resamples", [](const he::AttGtResult& r) { return r.options.bootstrap.n_resamples; })
        .def_property_readonly("seed", [](const he::AttGtResult& r) { return r.options.bootstrap.seed; })
        .def_property_readonly("weights", [](const he::AttGtResult& r) { return name(r.options.bootstrap.weights); })
        .def_property_readonly("confidence_level", [](const he::AttGtResult& r) { return r.options.bootstrap.confidence_level; })
        .def_property_readonly("threads", [](const he::AttGtResult& r) { return r.options.bootstrap.threads; })
        .def(py::pickle(
            [](const he::AttGtResult& r) {
                const auto& o = r.options;
                return py::make_tuple(
                    py::make_tuple(r.group, r.period, r.base, r.n_treated, r.n_control, r.att, r.se, r.se_analytic,
                                   r.ci_low, r.ci_high, r.critical_value, r.uniform, r.influence),
                    py::make_tuple(r.units, r.unit_group, r.cohorts, r.periods, r.outcome_name),
                    py::make_tuple(name(o.control), name(o.estimator), name(o.base_period), o.anticipation,
                                   o.covariates, o.bootstrap.n_resamples, o.bootstrap.seed, name(o.bootstrap.weights),
                                   o.bootstrap.confidence_level, o.bootstrap.threads, o.uniform_band));
            },
            [](const py::tuple& t) {
                if (t.size() != 3) throw hp::DataError("not a pickled AttGtResult");
                he::AttGtResult r;
                const auto a = t[0].cast<py::tuple>(), b = t[1].cast<py::tuple>(), c = t[2].cast<py::tuple>();
                r.group = a[0].cast<std::vector<std::int64_t>>();
                r.period = a[1].cast<std::vector<std::int64_t>>();
                r.base = a[2].cast<std::vector<std::int64_t>>();
                r.n_treated = a[3].cast<std::vector<std::size_t>>();
                r.n_control = a[4].cast<std::vector<std::size_t>>();
                r.att = a[5].cast<Eigen::VectorXd>();
                r.se = a[6].cast<Eigen::VectorXd>();
                r.se_analytic = a[7].cast<Eigen::VectorXd>();
                r.ci_low = a[8].cast<Eigen::VectorXd>();
                r.ci_high = a[9].cast<Eigen::VectorXd>();
                r.critical_value = a[10].cast<double>();
                r.uniform = a[11].cast<bool>();
                r.influence = a[12].cast<Eigen::MatrixXd>();
                r.units = b[0].cast<std::vector<std::string>>();
                r.unit_group = b[1].cast<std::vector<std::int64_t>>();
                r.cohorts = b[2].cast<std::vector<std::int64_t>>();
                r.periods = b[3].cast<std::vector<std::int64_t>>();
                r.outcome_name = b[4].cast<std::string>();
                r.options.control = he::parse_control_group(c[0].cast<std::string>());
                r.options.estimator = he::parse_did_estimator(c[1].cast<std::string>());
                r.options.base_period = he::parse_base_period(c[2].cast<std::string>());
                r.options.anticipation = c[3].cast<std::int64_t>();
                r.options.covariates = c[4].cast<std::vector<std::string>>();
                r.options.bootstrap = boot_of(c[5].cast<std::int64_t>(), c[6].cast<std::uint64_t>(),
                                              c[7].cast<std::string>(), c[8].cast<double>(), c[9].cast<int>());
                r.options.uniform_band = c[10].cast<bool>();
                return r;
            }));

    py::class_<he::AggregateResult>(m, "AggregateResult", "Aggregated group-time effects (simple, dynamic, group "
                                                          "or calendar) with the overall effect.")
        .def_property_readonly("kind", [](const he::AggregateResult& a) { return he::to_string(a.kind); })
        .def_readonly("overall_att", &he::AggregateResult::overall_att)
        .def_readonly("overall_se", &he::AggregateResult::overall_se)
        .def_readonly("overall_se_analytic", &he::AggregateResult::overall_se_analytic)
        .def_readonly("overall_ci_low", &he::AggregateResult::overall_ci_low)
        .def_readonly("overall_ci_high", &he::AggregateResult::overall_ci_high)
        .def_readonly("label", &he::AggregateResult::label)
        .def_readonly("att", &he::AggregateResult::att)
        .def_readonly("se", &he::AggregateResult::se)
        .def_readonly("se_analytic", &he::AggregateResult::se_analytic)
        .def_readonly("ci_low", &he::AggregateResult::ci_low)
        .def_readonly("ci_high", &he::AggregateResult::ci_high)
        .def_readonly("critical_value", &he::AggregateResult::critical_value)
        .def_readonly("uniform", &he::AggregateResult::uniform)
        .def_readonly("confidence_level", &he::AggregateResult::confidence_level)
        .def_readonly("influence", &he::AggregateResult::influence)
        .def_readonly("overall_influence", &he::AggregateResult::overall_influence);

    m.def(
        "att_gt",
        [](const he::Panel& panel, const std::string& control, const std::string& estimator,
           const std::string& base_period, std::int64_t anticipation, const std::vector<std::string>& covariates,
           Count<"n_resamples", 0> n_resamples, Seed seed, const std::string& weights, double confidence_level, Threads threads,
           bool uniform_band) {
            he::AttGtOptions o;
            o.control = he::parse_control_group(control);
            o.estimator = he::parse_did_estimator(estimator);
            o.base_period = he::parse_base_period(base_period);
            o.anticipation = anticipation;
            o.covariates = covariates;
            o.bootstrap = boot_of(n_resamples, seed, weights, confidence_level, threads);
            o.uniform_band = uniform_band;
            return he::att_gt(panel, o);
        },
        py::call_guard<Interruptible>(),
        py::arg("panel"), py::arg("control") = "never", py::arg("estimator") = "dr", py::arg("base_period") = "varying",
        py::arg("anticipation") = 0, py::arg("covariates") = std::vector<std::string>{}, py::arg("n_resamples") = 1000,
        py::arg("seed") = 0, py::arg("weights") = "rademacher", py::arg("confidence_level") = 0.95, py::arg("threads") = 0,
        py::arg("uniform_band") = true,
        "Callaway-Sant'Anna group-time average treatment effects on a balanced panel.");

    m.def(
        "aggregate",
        [](const he::AttGtResult& r, const std::string& kind, std::optional<std::int64_t> min_e,
           std::optional<std::int64_t> max_e, std::optional<std::int64_t> balance_e, std::optional<Count<"n_resamples", 0>> n_resamples,
           std::optional<Seed> seed, std::optional<std::string> weights, std::optional<double> confidence_level,
           std::optional<Threads> threads, std::optional<bool> uniform_band) {
            he::AggregateOptions o;
            o.kind = he::parse_aggregate_kind(kind);
            o.min_e = min_e;
            o.max_e = max_e;
            o.balance_e = balance_e;
            const auto& b = r.options.bootstrap;
            o.bootstrap = boot_of(n_resamples ? *n_resamples : static_cast<std::int64_t>(b.n_resamples), seed ? *seed : b.seed,
                                  weights ? *weights : name(b.weights), confidence_level ? *confidence_level : b.confidence_level,
                                  threads ? *threads : b.threads);
            o.uniform_band = uniform_band;
            return he::aggregate(r, o);
        },
        py::call_guard<Interruptible>(),
        py::arg("result"), py::arg("kind") = "group", py::arg("min_e") = py::none(), py::arg("max_e") = py::none(),
        py::arg("balance_e") = py::none(), py::arg("n_resamples") = py::none(), py::arg("seed") = py::none(),
        py::arg("weights") = py::none(), py::arg("confidence_level") = py::none(), py::arg("threads") = py::none(),
        py::arg("uniform_band") = py::none(),
        "Aggregate group-time effects: kind = simple, dynamic, group or calendar (did's aggte). Bootstrap settings "
        "default to the att_gt run's.");

    py::class_<he::PreTest>(m, "PreTest", "did's Wald pre-test of parallel trends: statistic, pvalue, df.")
        .def_readonly("statistic", &he::PreTest::statistic)
        .def_readonly("pvalue", &he::PreTest::pvalue)
        .def_readonly("df", &he::PreTest::df);
    m.def("pretest", &he::pretest, py::arg("result"), py::call_guard<Interruptible>(),
          "Wald pre-test that every pre-treatment ATT(g, t) is 0 (chi-square with one df per cell).");
    m.def("pointwise_pvalues", &he::pointwise_pvalues, py::arg("result"), py::call_guard<Interruptible>(),
          "Two-sided normal p-values of each ATT(g, t) = 0.");

}
