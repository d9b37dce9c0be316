// hp::evaluation difference-in-differences (regression.hpp, did.hpp, event_study.hpp, bacon.hpp). The Python
// layer (healthyplaces/evaluation/_did.py) builds the panel and wraps the results.
#include "box.hpp"

#include <optional>

namespace {
namespace he = hp::evaluation;

py::array_t<std::int64_t> int_array(const std::vector<std::int64_t>& v) {
    return py::array_t<std::int64_t>(static_cast<py::ssize_t>(v.size()), v.data());
}
}  // namespace

void bind_evaluation_did(py::module_& m) {
    py::class_<he::DidResult>(m, "DidResult", "A difference-in-differences estimate (2x2 or two-way fixed effects).")
        .def_property_readonly("method", [](const he::DidResult& r) { return std::string(he::to_string(r.method)); })
        .def_readonly("att", &he::DidResult::att)
        .def_readonly("standard_error", &he::DidResult::standard_error)
        .def_readonly("statistic", &he::DidResult::statistic)
        .def_readonly("pvalue", &he::DidResult::pvalue)
        .def_readonly("ci_low", &he::DidResult::ci_low)
        .def_readonly("ci_high", &he::DidResult::ci_high)
        .def_readonly("df", &he::DidResult::df)
        .def_readonly("n_obs", &he::DidResult::n_obs)
        .def_readonly("n_units", &he::DidResult::n_units)
        .def_readonly("n_periods", &he::DidResult::n_periods)
        .def_readonly("n_treated", &he::DidResult::n_treated)
        .def_readonly("n_clusters", &he::DidResult::n_clusters)
        .def_readonly("means", &he::DidResult::means)
        .def_property_readonly("table", [](const he::DidResult& r) { return he::means_table(r); },
                               "rows control, treated, difference x columns before, after, change")
        .def_property_readonly("treated_mean", [](const he::DidResult& r) { return array_of(r.treated_mean); })
        .def_property_readonly("control_mean", [](const he::DidResult& r) { return array_of(r.control_mean); })
        .def_property_readonly("periods", [](const he::DidResult& r) { return int_array(r.periods); })
        .def_readonly("cohorts", &he::DidResult::cohorts)
        .def_readonly("outcome_name", &he::DidResult::outcome_name)
        .def_readonly("fit", &he::DidResult::fit);

    m.def(
        "did",
        [](const he::Panel& panel, std::string_view method, std::string_view cov_type, bool use_t, double confidence_level,
           std::vector<std::string> covariates) {
            he::DidOptions o;
            o.method = he::parse_did_method(method);
            o.cov_type = hp::numerics::parse_cov_type(cov_type);
            o.use_t = use_t;
            o.confidence_level = confidence_level;
            o.covariates = std::move(covariates);
            return he::did(panel, o);
        },
        py::call_guard<Interruptible>(),
        py::arg("panel"), py::arg("method") = "auto", py::arg("cov_type") = "cluster", py::arg("use_t") = true,
        py::arg("confidence_level") = 0.95, py::arg("covariates") = std::vector<std::string>{},
        "Difference-in-differences: 2x2 regression (two periods) or two-way fixed effects (more, or staggered).");

    py::class_<he::EventStudyResult>(m, "EventStudyResult", "A two-way fixed-effects event study: one coefficient per "
                                                            "event time, and the joint pre-trend test.")
        .def_readonly("event_time", &he::EventStudyResult::event_time)
        .def_property_readonly("estimate", [](const he::EventStudyResult& r) { return array_of(r.estimate); })
        .def_property_readonly("standard_error", [](const he::EventStudyResult& r) { return array_of(r.standard_error); })
        .def_property_readonly("statistic", [](const he::EventStudyResult& r) { return array_of(r.statistic); })
        .def_property_readonly("pvalue", [](const he::EventStudyResult& r) { return array_of(r.pvalue); })
        .def_property_readonly("ci_low", [](const he::EventStudyResult& r) { return array_of(r.ci_low); })
        .def_property_readonly("ci_high", [](const he::EventStudyResult& r) { return array_of(r.ci_high); })
        .def_readonly("n_obs_event", &he::EventStudyResult::n_obs_event)
        .def_readonly("reference", &he::EventStudyResult::reference)
        .def_readonly("binned_low", &he::EventStudyResult::binned_low)
        .def_readonly("binned_high", &he::EventStudyResult::binned_high)
        .def_property_readonly("pretrend", [](const he::EventStudyResult& r) {
            return py::make_tuple(r.pretrend.statistic, r.pretrend.pvalue, r.pretrend.df_num, r.pretrend.df_denom,
                                  r.pretrend.f);
        }, "(statistic, pvalue, df_num, df_denom, is_f) of the joint test that the leads are zero")
        .def_readonly("n_leads", &he::EventStudyResult::n_leads)
        .def_readonly("df", &he::EventStudyResult::df)
        .def_readonly("n_obs", &he::EventStudyResult::n_obs)
        .def_readonly("n_units", &he::EventStudyResult::n_units)
        .def_readonly("n_clusters", &he::EventStudyResult::n_clusters)
        .def_readonly("outcome_name", &he::EventStudyResult::outcome_name)
        .def_readonly("fit", &he::EventStudyResult::fit);

    m.def(
        "event_study",
        [](const he::Panel& panel, std::int64_t reference, std::optional<std::int64_t> min_event,
           std::optional<std::int64_t> max_event, std::string_view cov_type, bool use_t, double confidence_level,
           std::vector<std::string> covariates) {
            he::EventStudyOptions o;
            o.reference = reference;
            o.min_event = min_event;
            o.max_event = max_event;
            o.cov_type = hp::numerics::parse_cov_type(cov_type);
            o.use_t = use_t;
            o.confidence_level = confidence_level;
            o.covariates = std::move(covariates);
            return he::event_study(panel, o);
        },
        py::call_guard<Interruptible>(),
        py::arg("panel"), py::arg("reference") = -1, py::arg("min_event") = py::none(), py::arg("max_event") = py::none(),
        py::arg("cov_type") = "cluster", py::arg("use_t") = true, py::arg("confidence_level") = 0.95,
        py::arg("covariates") = std::vector<std::string>{},
        "Two-way fixed-effects event study with leads and lags relative to adoption.");

    py::class_<he::BaconComparison>(m, "BaconComparison", "One 2x2 comparison of the Goodman-Bacon decomposition.")
        .def_property_readonly("type", [](const he::BaconComparison& c) { return std::string(he::to_string(c.type)); })
        .def_readonly("treated", &he::BaconComparison::treated)
        .def_readonly("control", &he::BaconComparison::control)
        .def_readonly("estimate", &he::BaconComparison::estimate)
        .def_readonly("weight", &he::BaconComparison::weight);
    py::class_<he::BaconResult>(m, "BaconResult", "The two-way fixed-effects estimate as a weighted sum of 2x2s.")
        .def_readonly("comparisons", &he::BaconResult::comparisons)
        .def_readonly("twfe", &he::BaconResult::twfe)
        .def_readonly("weighted_sum", &he::BaconResult::weighted_sum)
        .def_readonly("outcome_name", &he::BaconResult::outcome_name);
    m.def("bacon", &he::bacon, py::arg("panel"), py::call_guard<Interruptible>(),
          "The Goodman-Bacon (2021) decomposition of the two-way fixed-effects estimate.");
    py::class_<he::BaconTypeSummary>(m, "BaconTypeSummary", "One type of 2x2 comparison, summed.")
        .def_property_readonly("type", [](const he::BaconTypeSummary& s) { return std::string(he::to_string(s.type)); })
        .def_readonly("weight", &he::BaconTypeSummary::weight)
        .def_readonly("estimate", &he::BaconTypeSummary::estimate)
        .def_readonly("comparisons", &he::BaconTypeSummary::comparisons);
    m.def("summarise_by_type", &he::summarise_by_type, py::arg("result"),
          "Per type of comparison (in order of appearance): total weight, weighted mean estimate, count.");
}
