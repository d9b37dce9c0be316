#pragma once
// The two-way fixed-effects event study: one coefficient per period relative to adoption (leads and lags),
// y_it = unit_i + period_t + sum_{e != reference} beta_e 1{t - adoption_i = e} + covariates, never-treated and
// not-yet-treated units serving as controls through the fixed effects. The leads are a check of parallel
// trends before adoption (a joint Wald test); the lags trace the effect as it builds.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "healthyplaces/evaluation/panel.hpp"
#include "healthyplaces/numerics/regression.hpp"

namespace hp::evaluation {

struct EventStudyOptions {
    /// The event time left out (its coefficient is 0 by construction): -1, the last period before adoption.
    std::int64_t reference = -1;
    /// Bin event times below `min_event` into min_event and above `max_event` into max_event (the endpoints then
    /// mean "this far or further"); nullopt keeps every event time.
    std::optional<std::int64_t> min_event, max_event;
    numerics::CovType cov_type = numerics::CovType::cluster;  ///< clusters are units
    bool use_t = true;
    double confidence_level = 0.95;
    std::vector<std::string> covariates;
};

struct EventStudyResult {
    std::vector<std::int64_t> event_time;  ///< estimated event times, ascending (the reference excluded)
    std::vector<double> estimate, standard_error, statistic, pvalue, ci_low, ci_high;
    std::vector<std::size_t> n_obs_event;  ///< treated unit-periods behind each coefficient
    std::int64_t reference = -1;
    bool binned_low = false, binned_high = false;
    /// Joint test that every lead (event time < 0 other than the reference) is zero; NaN without leads or when
    /// the leads' covariance is singular (more leads than a cluster-robust covariance of G clusters can test).
    numerics::WaldTest pretrend;
    std::size_t n_leads = 0;
    double df = 0;
    std::size_t n_obs = 0, n_units = 0, n_clusters = 0;
    std::string outcome_name;
    numerics::OlsFit fit;  ///< event-time terms named "e=-3", "e=0", ... then covariates; fixed effects absorbed
};

/// DomainError (naming unit and period) for no treated unit, a treated unit without a period before adoption, a
/// constant outcome, the reference event time outside the window or not observed for any treated unit, an
/// event-time dummy collinear with the fixed effects (every unit treated at once: no control); DataError for a
/// missing covariate value; DomainError naming confidence_level outside (0, 1).
EventStudyResult event_study(const Panel& panel, const EventStudyOptions& options = {});

}  // namespace hp::evaluation
