// hp::evaluation power and sample size (include/healthyplaces/evaluation/power*.hpp). The Python layer
// (healthyplaces/evaluation/_power.py) wraps the results in PowerResult with summary() and a power curve.
#include "box.hpp"

#include <optional>

namespace {
namespace he = hp::evaluation;
using Matrix = Eigen::MatrixXd;

he::SimulationDesign simulation_design(const Matrix& treatment, double unit_sd, double period_sd, double error_sd,
                                       double rho, std::string_view errors) {
    he::SimulationDesign d;
    d.treatment = treatment;
    d.unit_sd = unit_sd;
    d.period_sd = period_sd;
    d.error_sd = error_sd;
    d.rho = rho;
    d.errors = he::parse_error_structure(errors);
    return d;
}
}  // namespace

void bind_evaluation_power(py::module_& m) {
    py::class_<he::PowerResult>(m, "PowerResult", "Power, size and effect of a design (one of them solved for).")
        .def_readonly("power", &he::PowerResult::power)
        .def_readonly("n", &he::PowerResult::n)
        .def_readonly("effect", &he::PowerResult::effect)
        .def_readonly("alpha", &he::PowerResult::alpha)
        .def_property_readonly("solved", [](const he::PowerResult& r) { return std::string(he::to_string(r.solved)); })
        .def_readonly("n_label", &he::PowerResult::n_label)
        .def_readonly("effect_label", &he::PowerResult::effect_label)
        .def_readonly("method", &he::PowerResult::method)
        .def_readonly("standard_error", &he::PowerResult::standard_error)
        .def_readonly("design_effect", &he::PowerResult::design_effect)
        .def_readonly("df", &he::PowerResult::df)
        .def_readonly("control_probabilities", &he::PowerResult::control_probabilities)
        .def_readonly("treated_probabilities", &he::PowerResult::treated_probabilities)
        .def_readonly("mean_probabilities", &he::PowerResult::mean_probabilities)
        .def_readonly("details", &he::PowerResult::details, "design-specific numbers as (name, value) pairs");
    m.def("n_required", &he::n_required, py::arg("n"), "n rounded up to a whole number (within 1e-9).");

    m.def("wald_power", &he::wald_power, py::arg("effect"), py::arg("se"), py::arg("alpha") = 0.05,
          py::arg("df") = std::numeric_limits<double>::infinity(),
          "Two-sided power of a Wald test (normal, or non-central t when df is finite).");

    m.def("proportional_odds_shift", [](const std::vector<double>& control, double odds_ratio) {
              return he::proportional_odds_shift(control, odds_ratio);
          }, py::arg("control"), py::arg("odds_ratio"),
          "Treated-arm category probabilities implied by proportional odds.");
    m.def("common_odds_ratio", [](const std::vector<double>& control, const std::vector<double>& treated) {
              return he::common_odds_ratio(control, treated);
          }, py::arg("control"), py::arg("treated"),
          "The common (proportional) odds ratio of treated over control category probabilities.");
    m.def("power_ordinal",
          [](const std::vector<double>& control, std::optional<double> odds_ratio, std::optional<double> n,
             std::optional<double> power, double alpha, double allocation_ratio, std::vector<double> treated) {
              he::OrdinalPowerOptions o;
              o.alpha = alpha;
              o.allocation_ratio = allocation_ratio;
              o.treated = std::move(treated);
              return he::power_ordinal(control, odds_ratio, n, power, o);
          },
          py::arg("control"), py::arg("odds_ratio") = py::none(), py::arg("n") = py::none(),
          py::arg("power") = py::none(), py::arg("alpha") = 0.05, py::arg("allocation_ratio") = 1.0,
          py::arg("treated") = std::vector<double>{},
          "Whitehead (1993) power / total size / odds ratio for an ordinal outcome (or from treated probabilities).");

    m.def("design_effect", &he::design_effect, py::arg("cluster_size"), py::arg("icc"), py::arg("cv") = 0.0);
    m.def("power_cluster",
          [](std::optional<double> effect, std::optional<double> clusters, std::optional<double> power, double alpha,
             std::string_view outcome, double sd, double control_proportion, double cluster_size, double icc,
             double cv, bool t_correction, std::optional<double> treated_proportion) {
              he::ClusterPowerOptions o;
              o.alpha = alpha;
              o.outcome = he::parse_outcome_kind(outcome);
              o.treated_proportion = treated_proportion;
              o.sd = sd;
              o.control_proportion = control_proportion;
              o.cluster_size = cluster_size;
              o.icc = icc;
              o.cv = cv;
              o.t_correction = t_correction;
              return he::power_cluster(effect, clusters, power, o);
          },
          py::arg("effect") = py::none(), py::arg("clusters_per_arm") = py::none(), py::arg("power") = py::none(),
          py::arg("alpha") = 0.05, py::arg("outcome") = "continuous", py::arg("sd") = 1.0,
          py::arg("control_proportion") = std::numeric_limits<double>::quiet_NaN(), py::arg("cluster_size") = 1.0,
          py::arg("icc") = 0.0, py::arg("cv") = 0.0, py::arg("t_correction") = false,
          py::arg("treated_proportion") = py::none(),
          "Cluster-randomised trial: power / clusters per arm / difference.");

    m.def("stepped_wedge_design", &he::stepped_wedge_design, py::arg("steps"), py::arg("clusters_per_step"),
          py::arg("baseline_periods") = 1);
    m.def("parallel_design", &he::parallel_design, py::arg("clusters_per_arm"), py::arg("periods") = 1);
    m.def("parallel_baseline_design", &he::parallel_baseline_design, py::arg("clusters_per_arm"),
          py::arg("baseline_periods"), py::arg("periods_after"));
    m.def("make_design",
          [](std::string_view kind, std::optional<std::size_t> steps, std::optional<std::size_t> clusters_per_step,
             std::optional<std::size_t> clusters_per_arm, std::optional<std::size_t> periods, std::size_t baseline) {
              he::DesignShape s;
              s.steps = steps;
              s.clusters_per_step = clusters_per_step;
              s.clusters_per_arm = clusters_per_arm;
              s.periods = periods;
              s.baseline_periods = baseline;
              return he::make_design(he::parse_design_kind(kind), s);
          },
          py::arg("kind") = "stepped_wedge", py::arg("steps") = py::none(), py::arg("clusters_per_step") = py::none(),
          py::arg("clusters_per_arm") = py::none(), py::arg("periods") = py::none(), py::arg("baseline_periods") = 1,
          "A clusters x periods 0/1 design by kind: stepped_wedge, parallel or parallel_baseline.");
    m.def("staggered_design", &he::staggered_design, py::arg("adoption"), py::arg("periods"),
          "Staggered adoption: [(first treated period index or None, units), ...] x periods.");
    m.def("check_design", &he::check_design, py::arg("design"), py::arg("require_switch"));
    m.def("hussey_hughes_variance", &he::hussey_hughes_variance, py::arg("design"), py::arg("s2"), py::arg("t2"));
    m.def("gls_variance", &he::gls_variance, py::arg("design"), py::arg("within"));
    m.def("power_stepped_wedge",
          [](const Matrix& design, std::optional<double> effect, std::optional<double> mm, std::optional<double> power,
             double alpha, double sigma, std::optional<double> tau, bool require_switch, std::optional<double> icc) {
              he::SteppedWedgePowerOptions o;
              o.alpha = alpha;
              o.sigma = sigma;
              o.tau = tau;
              o.icc = icc;
              o.require_switch = require_switch;
              return he::power_stepped_wedge(design, effect, mm, power, o);
          },
          py::arg("design"), py::arg("effect") = py::none(), py::arg("m") = py::none(), py::arg("power") = py::none(),
          py::arg("alpha") = 0.05, py::arg("sigma") = 1.0, py::arg("tau") = py::none(),
          py::arg("require_switch") = true, py::arg("icc") = py::none(),
          "Hussey-Hughes power / individuals per cluster-period / effect for a clusters x periods 0/1 design.");

    m.def("did_variance_factor", [](std::string_view estimator, std::size_t pre, std::size_t post, double rho) {
              return he::did_variance_factor(he::parse_pre_post_analysis(estimator), pre, post, rho);
          }, py::arg("estimator"), py::arg("pre_periods"), py::arg("post_periods"), py::arg("rho"));
    m.def("power_did",
          [](std::optional<double> effect, std::optional<double> n, std::optional<double> power, double alpha, double sd,
             double rho, std::size_t pre, std::size_t post, double ratio, std::string_view estimator) {
              he::DidPowerOptions o;
              o.alpha = alpha;
              o.sd = sd;
              o.rho = rho;
              o.pre_periods = pre;
              o.post_periods = post;
              o.ratio = ratio;
              o.estimator = he::parse_pre_post_analysis(estimator);
              return he::power_did(effect, n, power, o);
          },
          py::arg("effect") = py::none(), py::arg("n") = py::none(), py::arg("power") = py::none(),
          py::arg("alpha") = 0.05, py::arg("sd") = 1.0, py::arg("rho") = 0.0, py::arg("pre_periods") = 1,
          py::arg("post_periods") = 1, py::arg("ratio") = 1.0, py::arg("estimator") = "did",
          "Difference-in-differences (or POST, ANCOVA) power / treated units / effect with equal serial correlation.");

    py::class_<he::EffectEstimate>(m, "EffectEstimate")
        .def_readonly("estimate", &he::EffectEstimate::estimate)
        .def_readonly("se", &he::EffectEstimate::se)
        .def_readonly("df", &he::EffectEstimate::df);
    py::class_<he::SimulationPower>(m, "SimulationPower")
        .def_readonly("power", &he::SimulationPower::power)
        .def_readonly("mc_se", &he::SimulationPower::mc_se)
        .def_readonly("n_sims", &he::SimulationPower::n_sims)
        .def_readonly("rejections", &he::SimulationPower::rejections)
        .def_readonly("mean_estimate", &he::SimulationPower::mean_estimate)
        .def_readonly("sd_estimate", &he::SimulationPower::sd_estimate)
        .def_readonly("mean_se", &he::SimulationPower::mean_se)
        .def_readonly("method", &he::SimulationPower::method);
    m.def("panel_moments", [](const he::Panel& panel) {
              const auto mo = he::panel_moments(panel);
              return std::make_tuple(mo.sd, mo.rho, mo.unit_sd, mo.error_sd);
          }, py::arg("panel"), py::call_guard<Interruptible>(),
          "(sd, rho, unit_sd, error_sd): planning values from the panel's untreated cells.");
    m.def("treatment_matrix", &he::treatment_matrix, py::arg("panel"),
          "units x periods, 1 from each unit's adoption period on.");
    m.def("cluster_noise", [](double icc, double sd, double cluster_size) {
              const auto c = he::cluster_noise(icc, sd, cluster_size);
              return std::make_pair(c.unit_sd, c.error_sd);
          }, py::arg("icc"), py::arg("sd") = 1.0, py::arg("cluster_size") = 1.0,
          "(unit_sd, error_sd) of clusters of cluster_size with intra-cluster correlation icc and total SD sd.");
    m.def("check_simulation_options", [](double effect, double alpha, Count<"n_sims", 1> n_sims) {
              he::SimulationOptions o;
              o.alpha = alpha;
              o.n_sims = n_sims;
              he::check_simulation_options(effect, o);
          }, py::arg("effect"), py::arg("alpha"), py::arg("n_sims"));
    m.def("power_from_pvalues", [](const std::vector<double>& pvalues, double alpha) {
              return he::power_from_pvalues(pvalues, alpha);
          }, py::arg("pvalues"), py::arg("alpha"), "Simulated power from a caller's p-values (one per simulation).");
    m.def("estimate_twfe", &he::estimate_twfe, py::arg("outcome"), py::arg("treatment"),
          "Two-way fixed effects static ATT with CR1 cluster-robust (unit) SE; balanced units x periods.");
    m.def("estimate_cluster_means", &he::estimate_cluster_means, py::arg("outcome"), py::arg("treatment"),
          "Pooled two-sample t on unit means over the treated periods.");
    m.def("simulate_panel",
          [](const Matrix& treatment, double effect, double unit_sd, double period_sd, double error_sd, double rho,
             std::string_view errors, Seed seed, Count<"index", 0, INT64_MAX> index) {
              const auto d = simulation_design(treatment, unit_sd, period_sd, error_sd, rho, errors);
              hp::evaluation::check_design(d.treatment, false);
              return he::simulate_panel(d, effect, seed, index);
          },
          py::arg("treatment"), py::arg("effect"), py::arg("unit_sd") = 0.0, py::arg("period_sd") = 0.0,
          py::arg("error_sd") = 1.0, py::arg("rho") = 0.0, py::arg("errors") = "independent", py::arg("seed") = 0,
          py::arg("index") = 0, "The panel (units x periods) of simulation `index`: what simulate_power used.");
    m.def("simulate_power",
          [](const Matrix& treatment, double effect, double unit_sd, double period_sd, double error_sd, double rho,
             std::string_view errors, std::string_view estimator, double alpha, Count<"n_sims", 1> n_sims, Seed seed,
             Threads threads) {
              const auto d = simulation_design(treatment, unit_sd, period_sd, error_sd, rho, errors);
              he::SimulationOptions o;
              o.alpha = alpha;
              o.n_sims = n_sims;
              o.seed = seed;
              o.threads = threads;
              o.estimator = he::parse_simulation_estimator(estimator);
              return he::simulate_power(d, effect, o);
          },
          py::call_guard<Interruptible>(),
          py::arg("treatment"), py::arg("effect"), py::arg("unit_sd") = 0.0, py::arg("period_sd") = 0.0,
          py::arg("error_sd") = 1.0, py::arg("rho") = 0.0, py::arg("errors") = "independent",
          py::arg("estimator") = "twfe", py::arg("alpha") = 0.05, py::arg("n_sims") = 1000, py::arg("seed") = 0,
          py::arg("threads") = 0, "Simulated power with its Monte Carlo SE; identical for any thread count.");
}
