// Single step or staged (include/healthyplaces/appraisal/staging.hpp): the decision tree between integrating
// now, piloting first and doing the minimum, with the pilot's standard error from hp::evaluation's power
// functions. Results cross as dicts; healthyplaces.appraisal._staging shapes them.
#include "box.hpp"

#include <limits>
#include <optional>

namespace {
namespace ha = hp::appraisal;

py::dict staging_dict(const ha::StagedDecision& d) {
    py::dict out;
    out["method"] = d.method;
    out["se"] = d.se;
    out["prior_mean"] = d.prior_mean;
    out["prior_sd"] = d.prior_sd;
    out["threshold"] = d.threshold;
    out["threshold_now"] = d.threshold_now;
    out["break_even"] = d.break_even;
    out["ev_integrate_now"] = d.ev_integrate_now;
    out["ev_pilot"] = d.ev_pilot;
    out["ev_do_minimum"] = d.ev_do_minimum;
    out["best"] = std::string(ha::to_string(d.best));
    out["p_integrate"] = d.p_integrate;
    out["evsi"] = d.evsi;
    out["engs"] = d.engs;
    out["evpi"] = d.evpi;
    out["pilot_cost"] = d.pilot_cost;
    out["delay_cost"] = d.delay_cost;
    out["sigma_pre"] = d.sigma_pre;
    out["se_ev_pilot"] = d.se_ev_pilot;
    out["se_p_integrate"] = d.se_p_integrate;
    out["se_evsi"] = d.se_evsi;
    out["se_evpi"] = d.se_evpi;
    out["n_sims"] = d.n_sims;
    out["seed"] = d.seed;
    py::dict c;
    c["a_now"] = d.coefficients.a_now;
    c["c_now"] = d.coefficients.c_now;
    c["a_after"] = d.coefficients.a_after;
    c["c_after"] = d.coefficients.c_after;
    out["coefficients"] = c;
    out["discount_factor"] = d.coefficients.discount_factor;
    py::list tree;
    for (const auto& n : d.tree)
        tree.append(py::make_tuple(n.id, n.parent, n.kind, n.label, n.probability, n.value, n.chosen));
    out["tree"] = tree;
    return out;
}
}  // namespace

void bind_appraisal_staging(py::module_& m) {
    py::class_<ha::StagedDecision>(m, "StagedDecision", "The staged decision's numbers (see as_dict).")
        .def("as_dict", &staging_dict);
    m.def(
        "staged_decision",
        [](const hp::finance::Uncertain& prior, double se, const std::string& scale, double value_per_unit,
           Count<"horizon", 1, 10000> horizon, Count<"lag", 0, 10000> lag, double restructuring_cost,
           double running_cost, double do_minimum, Count<"pilot_years", 1, 10000> pilot_years,
           double pilot_cost, double rate, bool declining, const std::string& rule, double threshold, double alpha,
           Count<"n_sims", 0> n_sims, Seed seed, Threads threads) {
            ha::StagingModel model;
            model.scale = ha::parse_effect_scale(scale);
            model.value_per_unit = value_per_unit;
            model.horizon = static_cast<int>(horizon.value);
            model.lag = static_cast<int>(lag.value);
            model.restructuring_cost = restructuring_cost;
            model.running_cost = running_cost;
            model.do_minimum = do_minimum;
            model.pilot_years = static_cast<int>(pilot_years.value);
            model.pilot_cost = pilot_cost;
            model.discounting.rate = rate;
            model.discounting.declining = declining;
            const ha::DecisionRule r{ha::parse_rule_kind(rule), threshold, alpha};
            if (n_sims == 0) return ha::staged_decision(prior, se, model, r);
            return ha::simulate_staged_decision(prior, se, model, r, {n_sims.value, seed.value, threads.value});
        },
        py::arg("prior"), py::arg("se"), py::arg("scale") = "per_year", py::arg("value_per_unit") = 1.0,
        py::arg("horizon") = 10, py::arg("lag") = 1, py::arg("restructuring_cost") = 0.0,
        py::arg("running_cost") = 0.0, py::arg("do_minimum") = 0.0, py::arg("pilot_years") = 1,
        py::arg("pilot_cost") = 0.0, py::arg("rate") = 0.035, py::arg("declining") = false,
        py::arg("rule") = "optimal", py::arg("threshold") = 0.0, py::arg("alpha") = 0.05, py::arg("n_sims") = 0,
        py::arg("seed") = 0, py::arg("threads") = 0, py::call_guard<Interruptible>(),
        "Integrate now, pilot then decide, or do minimum: the closed form (n_sims=0, normal prior) or Monte Carlo.");

    m.def(
        "pilot_standard_error",
        [](const std::string& design, double clusters_per_arm, double n_treated,
           const std::optional<Eigen::MatrixXd>& treatment, std::int64_t steps, std::int64_t clusters_per_step,
           std::int64_t baseline_periods, double cluster_size, double icc, double sd, double cv,
           std::int64_t pre_periods, std::int64_t post_periods, double rho, double ratio,
           const std::string& estimator) {
            auto count = [](std::int64_t v, const char* name) {
                if (v < 0)
                    throw hp::DomainError(std::string("single_step_or_staged: ") + name + " must be >= 0, got " +
                                          std::to_string(v));
                return static_cast<std::size_t>(v);
            };
            ha::PilotDesign p;
            p.kind = ha::parse_pilot_design_kind(design);
            p.clusters_per_arm = clusters_per_arm;
            p.cluster.sd = sd;
            p.cluster.cluster_size = cluster_size;
            p.cluster.icc = icc;
            p.cluster.cv = cv;
            p.n_treated = n_treated;
            p.did.sd = sd;
            p.did.rho = rho;
            p.did.pre_periods = count(pre_periods, "pre_periods");
            p.did.post_periods = count(post_periods, "post_periods");
            p.did.ratio = ratio;
            p.did.estimator = hp::evaluation::parse_pre_post_analysis(estimator);
            if (p.kind == ha::PilotDesignKind::stepped_wedge)
                p.design = treatment ? *treatment
                                     : hp::evaluation::stepped_wedge_design(
                                           count(steps, "steps"), count(clusters_per_step, "clusters_per_step"),
                                           count(baseline_periods, "baseline_periods"));
            p.cluster_size = cluster_size;
            p.stepped_wedge.sigma = sd;
            p.stepped_wedge.icc = icc;
            return ha::pilot_standard_error(p);
        },
        py::arg("design"), py::arg("clusters_per_arm") = 0.0, py::arg("n_treated") = 0.0,
        py::arg("treatment") = py::none(), py::arg("steps") = 0, py::arg("clusters_per_step") = 0,
        py::arg("baseline_periods") = 1, py::arg("cluster_size") = 1.0, py::arg("icc") = 0.0, py::arg("sd") = 1.0,
        py::arg("cv") = 0.0, py::arg("pre_periods") = 1, py::arg("post_periods") = 1, py::arg("rho") = 0.0,
        py::arg("ratio") = 1.0, py::arg("estimator") = "did",
        "The pilot estimate's standard error from power_cluster, power_did or power_stepped_wedge.");

    m.def(
        "effect_posterior",
        [](const hp::finance::Uncertain& prior, double se, double estimate) {
            const auto p = ha::effect_posterior(prior, se, estimate);
            return py::make_tuple(p.mean, p.sd);
        },
        py::arg("prior"), py::arg("se"), py::arg("estimate"), "The effect's posterior (mean, sd) given an estimate.");
}
