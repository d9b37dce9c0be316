#include "healthyplaces/evaluation/bacon.hpp"

#include <algorithm>
#include <cmath>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/evaluation/did.hpp"
#include "healthyplaces/numerics/regression.hpp"

namespace hp::evaluation {

std::string_view to_string(BaconType t) noexcept {
    switch (t) {
        case BaconType::earlier_vs_later: return "earlier vs later treated";
        case BaconType::later_vs_earlier: return "later vs earlier treated";
        case BaconType::treated_vs_never: return "treated vs never treated";
    }
    return "treated vs never treated";
}

namespace {

/// One timing group: its units' mean outcome per period, its share of units and of periods treated.
struct Group {
    std::optional<std::int64_t> adoption;
    Eigen::VectorXd mean;  // per period
    double share = 0;      // n_g: share of the panel's units
    double treated = 0;    // D-bar_g: share of the periods in which the group is treated
};

/// Mean of a group's per-period means over the periods [from, to) (indices).
double window_mean(const Eigen::VectorXd& m, std::size_t from, std::size_t to) {
    return m.segment(static_cast<Eigen::Index>(from), static_cast<Eigen::Index>(to - from)).mean();
}

}  // namespace

BaconResult bacon(const Panel& panel) {
    const std::string who = "the Goodman-Bacon decomposition";
    require_balanced(panel, who);
    require_varying_outcome(panel, who);
    require_pre_periods(panel, who, 1);
    const auto T = panel.n_periods();
    for (const auto i : panel.treated_units())
        if (*panel.adoption[i] > panel.periods.back())
            throw DomainError(who + ": unit \"" + panel.units[i] + "\" adopts in period " + std::to_string(*panel.adoption[i]) +
                              ", after the panel's last period " + std::to_string(panel.periods.back()) +
                              "; code it never treated or drop it");
    const auto cohorts = panel.cohorts();
    const bool has_never = !panel.never_treated().empty();
    if (cohorts.size() + (has_never ? 1 : 0) < 2)
        throw DomainError(who + " needs at least two timing groups (adoption periods or never treated); every unit adopts in period " +
                          std::to_string(cohorts.front()));

    // timing groups: cohorts ascending, then the never treated
    std::vector<Group> groups;
    const double U = static_cast<double>(panel.n_units());
    auto make_group = [&](std::optional<std::int64_t> a) {
        Group g;
        g.adoption = a;
        g.mean = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(T));
        double n = 0;
        for (std::size_t i = 0; i < panel.n_units(); ++i)
            if (panel.adoption[i] == a) {
                g.mean += panel.outcome.row(static_cast<Eigen::Index>(i)).transpose();
                n += 1;
            }
        g.mean /= n;
        g.share = n / U;
        if (a) {
            double treated = 0;
            for (const auto p : panel.periods) treated += p >= *a;
            g.treated = treated / static_cast<double>(T);
        }
        return g;
    };
    for (const auto c : cohorts) groups.push_back(make_group(c));
    // index of a group's first treated period
    auto first_treated = [&](const Group& g) {
        return static_cast<std::size_t>(std::lower_bound(panel.periods.begin(), panel.periods.end(), *g.adoption) -
                                        panel.periods.begin());
    };

    BaconResult res;
    res.outcome_name = panel.outcome_name;
    std::vector<double> s;  // unnormalised weights
    if (has_never) {
        const Group never = make_group(std::nullopt);
        for (const auto& k : groups) {
            const auto a = first_treated(k);
            BaconComparison c;
            c.type = BaconType::treated_vs_never;
            c.treated = *k.adoption;
            c.estimate = (window_mean(k.mean, a, T) - window_mean(k.mean, 0, a)) -
                         (window_mean(never.mean, a, T) - window_mean(never.mean, 0, a));
            const double nkU = k.share / (k.share + never.share);
            s.push_back(std::pow(k.share + never.share, 2) * nkU * (1 - nkU) * k.treated * (1 - k.treated));
            res.comparisons.push_back(c);
        }
    }
    for (std::size_t x = 0; x < groups.size(); ++x)
        for (std::size_t z = x + 1; z < groups.size(); ++z) {
            const Group& k = groups[x];  // earlier
            const Group& l = groups[z];  // later
            const auto ak = first_treated(k), al = first_treated(l);
            const double nkl = k.share / (k.share + l.share);
            // earlier adopters against the later, before the later adopt: periods [0, al)
            BaconComparison early;
            early.type = BaconType::earlier_vs_later;
            early.treated = *k.adoption;
            early.control = l.adoption;
            early.estimate = (window_mean(k.mean, ak, al) - window_mean(k.mean, 0, ak)) -
                             (window_mean(l.mean, ak, al) - window_mean(l.mean, 0, ak));
            s.push_back(std::pow((k.share + l.share) * (1 - l.treated), 2) * nkl * (1 - nkl) *
                        (k.treated - l.treated) / (1 - l.treated) * (1 - k.treated) / (1 - l.treated));
            res.comparisons.push_back(early);
            // later adopters against the earlier, after the earlier adopted: periods [ak, T)
            BaconComparison late;
            late.type = BaconType::later_vs_earlier;
            late.treated = *l.adoption;
            late.control = k.adoption;
            late.estimate = (window_mean(l.mean, al, T) - window_mean(l.mean, ak, al)) -
                            (window_mean(k.mean, al, T) - window_mean(k.mean, ak, al));
            s.push_back(std::pow((k.share + l.share) * k.treated, 2) * nkl * (1 - nkl) * (l.treated / k.treated) *
                        (k.treated - l.treated) / k.treated);
            res.comparisons.push_back(late);
        }
    double total = 0;
    for (const double v : s) total += v;
    for (std::size_t c = 0; c < s.size(); ++c) {
        res.comparisons[c].weight = s[c] / total;
        res.weighted_sum += res.comparisons[c].weight * res.comparisons[c].estimate;
    }

    // the two-way estimate itself, fitted directly
    const PanelCells cells = observed_cells(panel, {}, who);
    const auto N = cells.y.size();
    Eigen::MatrixXd M(N, 2);
    M.col(0) = cells.y;
    for (Eigen::Index r = 0; r < N; ++r)
        M(r, 1) = panel.treated(cells.unit[static_cast<std::size_t>(r)], cells.period[static_cast<std::size_t>(r)]) ? 1 : 0;
    numerics::OlsOptions o;
    o.absorbed = numerics::absorb_two_way(M, cells.unit, cells.period, panel.n_units(), T);
    const Eigen::VectorXd y = M.col(0);
    res.twfe = numerics::ols(M.rightCols(1), y, {"treated"}, o).params(0);
    return res;
}

std::vector<BaconTypeSummary> summarise_by_type(const BaconResult& r) {
    std::vector<BaconTypeSummary> out;
    std::vector<double> product;
    for (const auto& c : r.comparisons) {
        auto it = std::find_if(out.begin(), out.end(), [&](const BaconTypeSummary& s) { return s.type == c.type; });
        if (it == out.end()) {
            out.push_back({c.type, 0.0, 0.0, 0});
            product.push_back(0.0);
            it = out.end() - 1;
        }
        const auto k = static_cast<std::size_t>(it - out.begin());
        it->weight += c.weight;
        product[k] += c.estimate * c.weight;
        ++it->comparisons;
    }
    for (std::size_t k = 0; k < out.size(); ++k) out[k].estimate = product[k] / out[k].weight;
    return out;
}

}  // namespace hp::evaluation
