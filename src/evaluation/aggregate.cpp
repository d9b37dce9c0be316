#include "healthyplaces/evaluation/aggregate.hpp"

#include "common.hpp"

#include <boost/math/distributions/normal.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "healthyplaces/base/error.hpp"

namespace hp::evaluation {
namespace {

using Eigen::MatrixXd;
using Eigen::VectorXd;
using detail::nan;

struct Setup {
    const AttGtResult& r;
    std::size_t n;
    std::map<std::int64_t, double> pg;  // share of units in each cohort
    std::vector<double> pg_cell;        // the cell's cohort share
};

/// Influence function of a weighted average of cells (weights pg / sum pg over `keep`), plus, if
/// `weights_estimated`, the term for estimating the cohort shares (did's wif).
VectorXd weighted_cells(const Setup& s, const std::vector<std::size_t>& keep, bool weights_estimated,
                        double& estimate) {
    double total = 0;
    for (auto c : keep) total += s.pg_cell[c];
    VectorXd psi = VectorXd::Zero(static_cast<Eigen::Index>(s.n));
    estimate = 0;
    for (auto c : keep) {
        const double w = s.pg_cell[c] / total;
        estimate += w * s.r.att[static_cast<Eigen::Index>(c)];
        psi.noalias() += w * s.r.influence.col(static_cast<Eigen::Index>(c));
    }
    if (weights_estimated) {
        // d/d pg of sum_k pg_k att_k / sum_k pg_k, with pg_k estimated by the mean of 1(G_i = g_k).
        for (std::size_t i = 0; i < s.n; ++i) {
            double num = 0, den = 0;
            for (auto c : keep) {
                const double dev = (s.r.unit_group[i] == s.r.group[c] ? 1.0 : 0.0) - s.pg_cell[c];
                num += dev * s.r.att[static_cast<Eigen::Index>(c)];
                den += dev;
            }
            psi[static_cast<Eigen::Index>(i)] += num / total - den * estimate / total;
        }
    }
    return psi;
}

}  // namespace

AggregateKind parse_aggregate_kind(std::string_view name) {
    if (name == "simple") return AggregateKind::simple;
    if (name == "dynamic" || name == "event" || name == "event_study") return AggregateKind::dynamic;
    if (name == "group" || name == "cohort") return AggregateKind::group;
    if (name == "calendar") return AggregateKind::calendar;
    throw DomainError("unknown aggregation \"" + std::string(name) + "\": use simple, dynamic, group or calendar");
}

std::string to_string(AggregateKind k) {
    switch (k) {
        case AggregateKind::simple: return "simple";
        case AggregateKind::dynamic: return "dynamic";
        case AggregateKind::group: return "group";
        case AggregateKind::calendar: return "calendar";
    }
    return "?";
}

AggregateResult aggregate(const AttGtResult& r, const AggregateOptions& o) {
    const std::size_t n = r.unit_group.size(), K = r.group.size();
    if (K == 0 || n == 0) throw DomainError("nothing to aggregate: the group-time result is empty");
    Setup s{r, n, {}, {}};
    for (auto g : r.cohorts) {
        double count = 0;
        for (auto G : r.unit_group) count += G == g;
        s.pg[g] = count / static_cast<double>(n);
    }
    s.pg_cell.resize(K);
    for (std::size_t c = 0; c < K; ++c) s.pg_cell[c] = s.pg.at(r.group[c]);
    const double max_e = o.max_e ? static_cast<double>(*o.max_e) : std::numeric_limits<double>::infinity();
    const double min_e = o.min_e ? static_cast<double>(*o.min_e) : -std::numeric_limits<double>::infinity();
    if (o.balance_e && *o.balance_e < 0)
        throw DomainError("balance_e must be 0 or more, got " + std::to_string(*o.balance_e));
    auto e_of = [&](std::size_t c) { return r.period[c] - r.group[c]; };
    auto post = [&](std::size_t c) { return r.group[c] <= r.period[c] && static_cast<double>(e_of(c)) <= max_e; };

    AggregateResult a;
    a.kind = o.kind;
    const MultiplierOptions boot = o.bootstrap ? *o.bootstrap : r.options.bootstrap;
    const bool band = o.uniform_band ? *o.uniform_band : r.options.uniform_band;
    a.confidence_level = boot.confidence_level;
    std::vector<VectorXd> parts;  // influence per label
    std::vector<double> est;

    if (o.kind == AggregateKind::simple) {
        std::vector<std::size_t> keep;
        for (std::size_t c = 0; c < K; ++c)
            if (post(c)) keep.push_back(c);
        if (keep.empty()) throw DomainError("simple aggregation: no post-treatment cell (check max_e)");
        a.overall_influence = weighted_cells(s, keep, true, a.overall_att);
    } else if (o.kind == AggregateKind::group) {
        std::vector<double> pgg;
        for (auto g : r.cohorts) {
            std::vector<std::size_t> keep;
            for (std::size_t c = 0; c < K; ++c)
                if (r.group[c] == g && post(c)) keep.push_back(c);
            if (keep.empty()) continue;
            double e = 0;
            parts.push_back(weighted_cells(s, keep, false, e));  // equal weights: one cohort
            est.push_back(e);
            a.label.push_back(g);
            pgg.push_back(s.pg.at(g));
        }
        if (parts.empty()) throw DomainError("group aggregation: no cohort has a post-treatment cell");
        // Overall: cohort-share-weighted mean of the cohort effects, with the share-estimation term.
        double total = 0;
        for (double p : pgg) total += p;
        a.overall_att = 0;
        a.overall_influence = VectorXd::Zero(static_cast<Eigen::Index>(n));
        for (std::size_t j = 0; j < parts.size(); ++j) {
            a.overall_att += pgg[j] / total * est[j];
            a.overall_influence.noalias() += pgg[j] / total * parts[j];
        }
        for (std::size_t i = 0; i < n; ++i) {
            double num = 0, den = 0;
            for (std::size_t j = 0; j < parts.size(); ++j) {
                const double dev = (r.unit_group[i] == a.label[j] ? 1.0 : 0.0) - pgg[j];
                num += dev * est[j];
                den += dev;
            }
            a.overall_influence[static_cast<Eigen::Index>(i)] += num / total - den * a.overall_att / total;
        }
    } else if (o.kind == AggregateKind::dynamic) {
        std::vector<bool> include(K, true);
        std::vector<std::int64_t> es;
        const std::int64_t t_max = r.periods.back(), t_min = r.periods.front();
        if (o.balance_e)
            for (std::size_t c = 0; c < K; ++c) include[c] = t_max - r.group[c] >= *o.balance_e;
        for (std::size_t c = 0; c < K; ++c)
            if (include[c]) es.push_back(e_of(c));
        std::sort(es.begin(), es.end());
        es.erase(std::unique(es.begin(), es.end()), es.end());
        std::vector<std::int64_t> kept;
        for (auto e : es) {
            if (o.balance_e && !(e <= *o.balance_e && e >= *o.balance_e - t_max + t_min)) continue;
            if (static_cast<double>(e) < min_e || static_cast<double>(e) > max_e) continue;
            kept.push_back(e);
        }
        for (auto e : kept) {
            std::vector<std::size_t> keep;
            for (std::size_t c = 0; c < K; ++c)
                if (include[c] && e_of(c) == e) keep.push_back(c);
            double v = 0;
            parts.push_back(weighted_cells(s, keep, true, v));
            est.push_back(v);
            a.label.push_back(e);
        }
        if (parts.empty()) throw DomainError("dynamic aggregation: no event time left (check min_e, max_e, balance_e)");
        std::size_t npos = 0;
        for (auto e : a.label) npos += e >= 0;
        if (npos == 0) {
            a.overall_att = nan;
            a.overall_influence = VectorXd::Constant(static_cast<Eigen::Index>(n), nan);
        } else {
            a.overall_att = 0;
            a.overall_influence = VectorXd::Zero(static_cast<Eigen::Index>(n));
            for (std::size_t j = 0; j < parts.size(); ++j)
                if (a.label[j] >= 0) {
                    a.overall_att += est[j] / static_cast<double>(npos);
                    a.overall_influence.noalias() += parts[j] / static_cast<double>(npos);
                }
        }
    } else {  // calendar
        const std::int64_t min_g = *std::min_element(r.group.begin(), r.group.end());
        std::vector<std::int64_t> ts(r.period.begin(), r.period.end());
        std::sort(ts.begin(), ts.end());
        ts.erase(std::unique(ts.begin(), ts.end()), ts.end());
        for (auto t : ts) {
            if (t < min_g) continue;
            std::vector<std::size_t> keep;
            for (std::size_t c = 0; c < K; ++c)
                if (r.period[c] == t && post(c)) keep.push_back(c);
            if (keep.empty()) continue;
            double v = 0;
            parts.push_back(weighted_cells(s, keep, true, v));
            est.push_back(v);
            a.label.push_back(t);
        }
        if (parts.empty()) throw DomainError("calendar aggregation: no period with a treated cohort");
        a.overall_att = 0;
        a.overall_influence = VectorXd::Zero(static_cast<Eigen::Index>(n));
        const auto m = static_cast<double>(parts.size());
        for (std::size_t j = 0; j < parts.size(); ++j) {
            a.overall_att += est[j] / m;
            a.overall_influence.noalias() += parts[j] / m;
        }
    }

    // One bootstrap run over the labels and the overall effect (the band covers the labels only).
    const auto L = static_cast<Eigen::Index>(parts.size());
    MatrixXd psi(static_cast<Eigen::Index>(n), L + 1);
    VectorXd all(L + 1);
    for (Eigen::Index j = 0; j < L; ++j) {
        psi.col(j) = parts[static_cast<std::size_t>(j)];
        all[j] = est[static_cast<std::size_t>(j)];
    }
    psi.col(L) = a.overall_influence;
    all[L] = a.overall_att;
    VectorXd se, se_an, lo, hi;
    if (!a.overall_influence.allFinite()) psi.col(L).setZero();
    fill_inference(psi, all, boot, band && L > 0, L, se, se_an, lo, hi, a.critical_value, a.uniform);
    a.att = all.head(L);
    a.se = se.head(L);
    a.se_analytic = se_an.head(L);
    a.ci_low = lo.head(L);
    a.ci_high = hi.head(L);
    a.influence = psi.leftCols(L);
    a.overall_se = se[L];
    a.overall_se_analytic = se_an[L];
    const double z = boost::math::quantile(boost::math::normal(), 1 - (1 - boot.confidence_level) / 2);
    a.overall_ci_low = a.overall_att - z * a.overall_se;
    a.overall_ci_high = a.overall_att + z * a.overall_se;
    return a;
}

}  // namespace hp::evaluation
