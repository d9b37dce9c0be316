#include "healthyplaces/evaluation/event_study.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/evaluation/did.hpp"
#include "healthyplaces/stats/test_result.hpp"

namespace hp::evaluation {

EventStudyResult event_study(const Panel& panel, const EventStudyOptions& options) {
    const std::string who = "event study";
    stats::check_confidence_level(options.confidence_level, "confidence_level");
    require_varying_outcome(panel, who);
    require_pre_periods(panel, who, 1);
    if (panel.cohorts().size() == 1) require_never_treated(panel, who);
    const auto ref = options.reference;
    if (options.min_event && options.max_event && *options.min_event > *options.max_event)
        throw DomainError(who + ": min_event " + std::to_string(*options.min_event) + " is after max_event " +
                          std::to_string(*options.max_event));
    if ((options.min_event && ref <= *options.min_event) || (options.max_event && ref >= *options.max_event))
        throw DomainError(who + ": the reference event time " + std::to_string(ref) +
                          " must lie strictly inside the binning window [" +
                          (options.min_event ? std::to_string(*options.min_event) : std::string("-inf")) + ", " +
                          (options.max_event ? std::to_string(*options.max_event) : std::string("inf")) +
                          "], or it would absorb the binned periods");

    const PanelCells cells = observed_cells(panel, options.covariates, who);
    const auto N = cells.y.size();
    const auto C = cells.covariates.cols();

    // each treated cell's (binned) event time; never-treated cells have none
    constexpr auto none = std::numeric_limits<std::int64_t>::min();
    std::vector<std::int64_t> event(static_cast<std::size_t>(N), none);
    std::vector<std::int64_t> times;
    bool reference_seen = false;
    EventStudyResult res;
    for (Eigen::Index r = 0; r < N; ++r) {
        const auto i = cells.unit[static_cast<std::size_t>(r)];
        if (!panel.adoption[i]) continue;
        auto e = panel.periods[cells.period[static_cast<std::size_t>(r)]] - *panel.adoption[i];
        if (options.min_event && e < *options.min_event) e = *options.min_event, res.binned_low = true;
        if (options.max_event && e > *options.max_event) e = *options.max_event, res.binned_high = true;
        event[static_cast<std::size_t>(r)] = e;
        if (e == ref) reference_seen = true;
        else times.push_back(e);
    }
    if (!reference_seen)
        throw DomainError(who + ": no treated unit is observed at the reference event time " + std::to_string(ref) +
                          " (the period " + std::to_string(-ref) + " before its adoption); choose another reference");
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());
    const auto E = static_cast<Eigen::Index>(times.size());
    if (E == 0) throw DomainError(who + ": the treated units are observed only at the reference event time");

    Eigen::MatrixXd M = Eigen::MatrixXd::Zero(N, 1 + E + C);
    M.col(0) = cells.y;
    res.n_obs_event.assign(times.size(), 0);
    for (Eigen::Index r = 0; r < N; ++r) {
        const auto e = event[static_cast<std::size_t>(r)];
        if (e == none || e == ref) continue;
        const auto k = std::lower_bound(times.begin(), times.end(), e) - times.begin();
        M(r, 1 + k) = 1;
        ++res.n_obs_event[static_cast<std::size_t>(k)];
    }
    M.rightCols(C) = cells.covariates;
    numerics::OlsOptions o;
    o.cov_type = options.cov_type;
    o.use_t = options.use_t;
    o.confidence_level = options.confidence_level;
    o.absorbed = numerics::absorb_two_way(M, cells.unit, cells.period, panel.n_units(), panel.n_periods());
    require_not_absorbed(cells.covariates, M.rightCols(C), options.covariates, who);
    std::vector<std::string> names;
    for (const auto e : times) names.push_back("e=" + std::to_string(e));
    for (const auto& c : options.covariates) names.push_back(c);
    std::vector<std::int64_t> clusters(cells.unit.begin(), cells.unit.end());
    const Eigen::VectorXd y = M.col(0);
    res.fit = numerics::ols(M.rightCols(E + C), y, std::move(names), o, clusters);

    res.event_time = times;
    res.reference = ref;
    for (Eigen::Index k = 0; k < E; ++k) {
        res.estimate.push_back(res.fit.params(k));
        res.standard_error.push_back(res.fit.bse(k));
        res.statistic.push_back(res.fit.statistic(k));
        res.pvalue.push_back(res.fit.pvalues(k));
        res.ci_low.push_back(res.fit.ci_low(k));
        res.ci_high.push_back(res.fit.ci_high(k));
    }
    std::vector<std::size_t> leads;
    for (std::size_t k = 0; k < times.size(); ++k)
        if (times[k] < 0) leads.push_back(k);
    res.n_leads = leads.size();
    if (leads.empty()) {
        res.pretrend.statistic = res.pretrend.pvalue = std::numeric_limits<double>::quiet_NaN();
    } else {
        try {
            res.pretrend = numerics::wald_test(res.fit, leads);
        } catch (const DomainError&) {
            // more leads than the clusters can test jointly: the estimates stand, the joint test is NaN
            res.pretrend.statistic = res.pretrend.pvalue = std::numeric_limits<double>::quiet_NaN();
            res.pretrend.df_num = static_cast<double>(leads.size());
            res.pretrend.df_denom = res.fit.df;
            res.pretrend.f = res.fit.use_t;
        }
    }
    res.df = res.fit.df;
    res.n_obs = static_cast<std::size_t>(N);
    res.n_units = panel.n_units();
    res.n_clusters = res.fit.n_clusters;
    res.outcome_name = panel.outcome_name;
    return res;
}

}  // namespace hp::evaluation
