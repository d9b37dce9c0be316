#pragma once
// Aggregating group-time effects (Callaway and Sant'Anna 2021, section 3; R's did::aggte):
//   simple    the average of all post-treatment ATT(g,t) weighted by cohort size;
//   dynamic   event-study effects by time since adoption e = t - g (cohort-size weights within e), and
//             their mean over e >= 0;
//   group     each cohort's average effect over its post-treatment periods, and their cohort-size-weighted
//             mean (the headline "overall ATT");
//   calendar  each period's cohort-size-weighted effect over cohorts already treated, and their mean.
// Standard errors come from the aggregated influence function, including the term for estimating the
// cohort-size weights; uniform bands over e, g or t by the multiplier bootstrap.
#include <Eigen/Core>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "healthyplaces/evaluation/att_gt.hpp"

namespace hp::evaluation {

enum class AggregateKind { simple, dynamic, group, calendar };

struct AggregateOptions {
    AggregateKind kind = AggregateKind::group;
    std::optional<std::int64_t> min_e;      ///< dynamic: shortest event time reported
    std::optional<std::int64_t> max_e;      ///< longest event time used (every kind; as did's max_e)
    std::optional<std::int64_t> balance_e;  ///< dynamic: only cohorts observed at least this long after adoption
    /// nullopt: the att_gt run's bootstrap settings (same seed: the same draws)
    std::optional<MultiplierOptions> bootstrap;
    std::optional<bool> uniform_band;
};

struct AggregateResult {
    AggregateKind kind = AggregateKind::group;
    double overall_att = 0, overall_se = 0, overall_se_analytic = 0;
    double overall_ci_low = 0, overall_ci_high = 0;  ///< pointwise
    std::vector<std::int64_t> label;  ///< event time, cohort or period; empty for simple
    Eigen::VectorXd att, se, se_analytic, ci_low, ci_high;
    double critical_value = 0;
    bool uniform = false;
    double confidence_level = 0.95;
    Eigen::MatrixXd influence;          ///< units x labels
    Eigen::VectorXd overall_influence;  ///< units
};

/// DomainError when no cell is left to aggregate (e.g. min_e > max_e, or balance_e longer than any cohort
/// is observed) or for a negative balance_e.
AggregateResult aggregate(const AttGtResult& result, const AggregateOptions& options = {});

/// "simple", "dynamic" (or "event", "event_study"), "group" (or "cohort"), "calendar"; DomainError listing them
/// otherwise.
AggregateKind parse_aggregate_kind(std::string_view name);
std::string to_string(AggregateKind kind);

}  // namespace hp::evaluation
