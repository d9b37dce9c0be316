// Synthetic control (include/healthyplaces/evaluation/{simplex_qp,synth,augsynth}.hpp). The Python layer,
// healthyplaces/evaluation/_synth.py, wraps the results in objects with summary() and plot().
#include "box.hpp"

#include <optional>
#include <tuple>

namespace {
namespace he = hp::evaluation;

using Special = std::tuple<std::string, std::vector<std::int64_t>, std::string>;

he::VSearchOptions search_options(Count<"max_evaluations", 1> max_evaluations, Count<"restarts", 0> restarts, bool regression_start) {
    he::VSearchOptions s;
    s.max_evaluations = max_evaluations;
    s.restarts = restarts;
    s.regression_start = regression_start;
    return s;
}

he::SynthOptions synth_options(const std::string& treated, std::optional<std::int64_t> treatment_period,
                               const std::vector<std::string>& donors, const std::vector<std::string>& predictors,
                               const std::vector<std::int64_t>& predictor_periods, const std::vector<Special>& special,
                               const std::vector<std::int64_t>& optimisation_periods, std::optional<Eigen::VectorXd> v,
                               bool in_space_placebos, double placebo_mspe_cutoff, bool leave_one_out, int threads,
                               Count<"max_evaluations", 1> max_evaluations, Count<"restarts", 0> restarts, bool regression_start) {
    he::SynthOptions o;
    o.treated = treated;
    o.treatment_period = treatment_period;
    o.donors = donors;
    o.predictors = predictors;
    o.predictor_periods = predictor_periods;
    for (const auto& [var, periods, op] : special) o.special_predictors.push_back({var, periods, op});
    o.optimisation_periods = optimisation_periods;
    o.v = std::move(v);
    o.in_space_placebos = in_space_placebos;
    o.placebo_mspe_cutoff = placebo_mspe_cutoff;
    o.leave_one_out = leave_one_out;
    o.threads = threads;
    o.search = search_options(max_evaluations, restarts, regression_start);
    return o;
}

}  // namespace

void bind_evaluation_synth(py::module_& m) {

    py::class_<he::SynthWeights>(m, "SynthWeights", "Donor weights W and predictor weights V of one synthetic control.")
        .def_readonly("w", &he::SynthWeights::w)
        .def_readonly("v", &he::SynthWeights::v)
        .def_readonly("loss_v", &he::SynthWeights::loss_v)
        .def_readonly("loss_w", &he::SynthWeights::loss_w)
        .def_readonly("evaluations", &he::SynthWeights::evaluations);
    m.def("synth_weights", [](const Eigen::VectorXd& x1, const Eigen::MatrixXd& x0, const Eigen::VectorXd& z1,
                              const Eigen::MatrixXd& z0, std::optional<Eigen::VectorXd> v, Count<"max_evaluations", 1> max_evaluations,
                              Count<"restarts", 0> restarts, bool regression_start) {
              he::SynthMatrices mats{x1, x0, z1, z0};
              return he::synth_weights(mats, v, search_options(max_evaluations, restarts, regression_start));
          }, py::call_guard<Interruptible>(),
          py::arg("x1"), py::arg("x0"), py::arg("z1"), py::arg("z0"), py::arg("v") = py::none(),
          py::arg("max_evaluations") = 4000, py::arg("restarts") = 3, py::arg("regression_start") = true,
          "Synth's nested problem on matrices: X (predictors x donors), Z (periods x donors).");

    py::class_<he::SynthFit>(m, "SynthFit", "One synthetic control: weights, predictors and paths over every period.")
        .def_readonly("treated", &he::SynthFit::treated)
        .def_readonly("donors", &he::SynthFit::donors)
        .def_readonly("weights", &he::SynthFit::weights)
        .def_readonly("v", &he::SynthFit::v)
        .def_readonly("treated_predictors", &he::SynthFit::treated_predictors)
        .def_readonly("synthetic_predictors", &he::SynthFit::synthetic_predictors)
        .def_readonly("treated_path", &he::SynthFit::treated_path)
        .def_readonly("synthetic_path", &he::SynthFit::synthetic_path)
        .def_readonly("gaps", &he::SynthFit::gaps)
        .def_readonly("pre_rmspe", &he::SynthFit::pre_rmspe)
        .def_readonly("post_rmspe", &he::SynthFit::post_rmspe)
        .def_readonly("rmspe_ratio", &he::SynthFit::rmspe_ratio)
        .def_readonly("loss_v", &he::SynthFit::loss_v)
        .def_readonly("loss_w", &he::SynthFit::loss_w);
    py::class_<he::SynthPlacebo>(m, "SynthPlacebo", "An in-space placebo: a donor treated in its place.")
        .def_readonly("fit", &he::SynthPlacebo::fit)
        .def_readonly("kept", &he::SynthPlacebo::kept);
    py::class_<he::LeaveOneOut>(m, "LeaveOneOut", "The fit without one donor.")
        .def_readonly("dropped", &he::LeaveOneOut::dropped)
        .def_readonly("fit", &he::LeaveOneOut::fit);
    py::class_<he::SynthResult>(m, "SynthResult", "Synthetic control with its placebos.")
        .def_readonly("fit", &he::SynthResult::fit)
        .def_property_readonly("periods", [](const he::SynthResult& r) {
            return py::array_t<std::int64_t>(static_cast<py::ssize_t>(r.periods.size()), r.periods.data());
        })
        .def_readonly("treatment_period", &he::SynthResult::treatment_period)
        .def_readonly("optimisation_periods", &he::SynthResult::optimisation_periods)
        .def_readonly("predictor_labels", &he::SynthResult::predictor_labels)
        .def_readonly("donor_mean_predictors", &he::SynthResult::donor_mean_predictors)
        .def_readonly("in_space_placebos", &he::SynthResult::in_space_placebos)
        .def_readonly("pvalue", &he::SynthResult::pvalue)
        .def_readonly("rank", &he::SynthResult::rank)
        .def_readonly("mean_post_gap", &he::SynthResult::mean_post_gap)
        .def_readonly("leave_one_out", &he::SynthResult::leave_one_out);

    auto synth_doc = "Synthetic control on a panel: V by nested minimisation of the pre-period MSPE (or given), W "
                     "on the simplex, in-space placebos with the permutation p-value, leave-one-out donors.";
    m.def("synth", [](const he::Panel& panel, const std::string& treated, std::optional<std::int64_t> treatment_period,
                      const std::vector<std::string>& donors, const std::vector<std::string>& predictors,
                      const std::vector<std::int64_t>& predictor_periods, const std::vector<Special>& special,
                      const std::vector<std::int64_t>& optimisation_periods, std::optional<Eigen::VectorXd> v,
                      bool in_space_placebos, double cutoff, bool loo, Threads threads, Count<"max_evaluations", 1> max_evaluations,
                      Count<"restarts", 0> restarts, bool regression_start) {
              const auto o = synth_options(treated, treatment_period, donors, predictors, predictor_periods, special,
                                           optimisation_periods, std::move(v), in_space_placebos, cutoff, loo, threads,
                                           max_evaluations, restarts, regression_start);
              return he::synth(panel, o);
          }, py::call_guard<Interruptible>(),
          py::arg("panel"), py::arg("treated"), py::arg("treatment_period") = py::none(),
          py::arg("donors") = std::vector<std::string>{}, py::arg("predictors") = std::vector<std::string>{},
          py::arg("predictor_periods") = std::vector<std::int64_t>{}, py::arg("special_predictors") = std::vector<Special>{},
          py::arg("optimisation_periods") = std::vector<std::int64_t>{}, py::arg("v") = py::none(),
          py::arg("in_space_placebos") = true, py::arg("placebo_mspe_cutoff") = std::numeric_limits<double>::infinity(),
          py::arg("leave_one_out") = false, py::arg("threads") = 0, py::arg("max_evaluations") = 4000,
          py::arg("restarts") = 3, py::arg("regression_start") = true, synth_doc);
    m.def("synth_in_time", [](const he::Panel& panel, std::int64_t placebo_period, const std::string& treated,
                              std::optional<std::int64_t> treatment_period, const std::vector<std::string>& donors,
                              const std::vector<std::string>& predictors, const std::vector<std::int64_t>& predictor_periods,
                              const std::vector<Special>& special, const std::vector<std::int64_t>& optimisation_periods,
                              std::optional<Eigen::VectorXd> v, Threads threads, Count<"max_evaluations", 1> max_evaluations,
                              Count<"restarts", 0> restarts, bool regression_start) {
              const auto o = synth_options(treated, treatment_period, donors, predictors, predictor_periods, special,
                                           optimisation_periods, std::move(v), false,
                                           std::numeric_limits<double>::infinity(), false, threads, max_evaluations,
                                           restarts, regression_start);
              return he::synth_in_time(panel, o, placebo_period);
          }, py::call_guard<Interruptible>(),
          py::arg("panel"), py::arg("placebo_period"), py::arg("treated"), py::arg("treatment_period") = py::none(),
          py::arg("donors") = std::vector<std::string>{}, py::arg("predictors") = std::vector<std::string>{},
          py::arg("predictor_periods") = std::vector<std::int64_t>{}, py::arg("special_predictors") = std::vector<Special>{},
          py::arg("optimisation_periods") = std::vector<std::int64_t>{}, py::arg("v") = py::none(),
          py::arg("threads") = 0, py::arg("max_evaluations") = 4000, py::arg("restarts") = 3,
          py::arg("regression_start") = true, "In-time placebo: treatment moved to placebo_period.");

    py::class_<he::AugsynthResult>(m, "AugsynthResult", "Ridge-augmented synthetic control.")
        .def_readonly("treated", &he::AugsynthResult::treated)
        .def_readonly("donors", &he::AugsynthResult::donors)
        .def_property_readonly("periods", [](const he::AugsynthResult& r) {
            return py::array_t<std::int64_t>(static_cast<py::ssize_t>(r.periods.size()), r.periods.data());
        })
        .def_readonly("treatment_period", &he::AugsynthResult::treatment_period)
        .def_readonly("scm_weights", &he::AugsynthResult::scm_weights)
        .def_readonly("weights", &he::AugsynthResult::weights)
        .def_readonly("treated_path", &he::AugsynthResult::treated_path)
        .def_readonly("synthetic_path", &he::AugsynthResult::synthetic_path)
        .def_readonly("scm_path", &he::AugsynthResult::scm_path)
        .def_readonly("estimates", &he::AugsynthResult::estimates)
        .def_readonly("se", &he::AugsynthResult::se)
        .def_readonly("att", &he::AugsynthResult::att)
        .def_readonly("att_se", &he::AugsynthResult::att_se)
        .def_readonly("att_pvalue", &he::AugsynthResult::att_pvalue)
        .def_readonly("lambda_", &he::AugsynthResult::lambda)
        .def_readonly("lambdas", &he::AugsynthResult::lambdas)
        .def_readonly("cv_error", &he::AugsynthResult::cv_error)
        .def_readonly("cv_se", &he::AugsynthResult::cv_se)
        .def_readonly("l2_imbalance", &he::AugsynthResult::l2_imbalance)
        .def_readonly("scm_l2_imbalance", &he::AugsynthResult::scm_l2_imbalance)
        .def_readonly("scaled_l2_imbalance", &he::AugsynthResult::scaled_l2_imbalance)
        .def_readonly("pre_rmspe", &he::AugsynthResult::pre_rmspe);
    m.def("augsynth", [](const he::Panel& panel, const std::string& treated, std::optional<std::int64_t> treatment_period,
                         const std::vector<std::string>& donors, std::optional<double> lambda,
                         Count<"n_lambda", 1, he::max_n_lambda> n_lambda,
                         double lambda_min_ratio, bool min_1se, Count<"holdout", 1> holdout, bool jackknife, Threads threads) {
              he::AugsynthOptions o;
              o.treated = treated;
              o.treatment_period = treatment_period;
              o.donors = donors;
              o.lambda = lambda;
              o.n_lambda = n_lambda;
              o.lambda_min_ratio = lambda_min_ratio;
              o.min_1se = min_1se;
              o.holdout = holdout;
              o.jackknife = jackknife;
              o.threads = threads;
              return he::augsynth(panel, o);
          }, py::call_guard<Interruptible>(),
          py::arg("panel"), py::arg("treated"), py::arg("treatment_period") = py::none(),
          py::arg("donors") = std::vector<std::string>{}, py::arg("lambda_") = py::none(), py::arg("n_lambda") = 20,
          py::arg("lambda_min_ratio") = 1e-8, py::arg("min_1se") = true, py::arg("holdout") = 1,
          py::arg("jackknife") = true, py::arg("threads") = 0,
          "Ridge-augmented synthetic control (augsynth's progfunc='Ridge'), lambda by leave-one-period-out CV.");
    m.def("ridge_augmented_weights", [](const Eigen::MatrixXd& x0, const Eigen::VectorXd& x1, double lambda) {
              return he::ridge_augmented_weights(x0, x1, lambda);
          }, py::arg("x0"), py::arg("x1"), py::arg("lambda_"),
          "(simplex weights, ridge-augmented weights) for pre-period outcomes X0 (periods x donors) and X1.");
}
