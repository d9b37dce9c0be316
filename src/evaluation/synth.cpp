#include "healthyplaces/evaluation/synth.hpp"

#include "common.hpp"

#include <Eigen/Dense>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <numeric>
#include <string>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/base/params.hpp"
#include "healthyplaces/numerics/simplex_qp.hpp"
#include "healthyplaces/stats/parallel.hpp"
#include "healthyplaces/stats/test_result.hpp"

namespace hp::evaluation {
namespace {

using detail::inf;
using detail::nan;

// ---- the nested problem ----------------------------------------------------------------------------------

struct Scaled {
    Eigen::MatrixXd x0;  // k x J, each predictor divided by its sd over the J + 1 units
    Eigen::VectorXd x1;
};

Scaled scale(const SynthMatrices& m) {
    const auto k = m.x1.size();
    const auto J = m.x0.cols();
    Scaled s{m.x0, m.x1};
    for (Eigen::Index r = 0; r < k; ++r) {
        const double mean = (m.x0.row(r).sum() + m.x1(r)) / static_cast<double>(J + 1);
        const double ss = (m.x0.row(r).array() - mean).square().sum() + (m.x1(r) - mean) * (m.x1(r) - mean);
        const double sd = std::sqrt(ss / static_cast<double>(J));
        if (!(sd > 0) || !std::isfinite(sd))
            throw DomainError("synthetic control: predictor " + std::to_string(r + 1) +
                              " has the same value for every unit, so it cannot be scaled; remove it");
        s.x0.row(r) /= sd;
        s.x1(r) /= sd;
    }
    return s;
}

struct Inner {
    Inner(const Scaled& scaled, const SynthMatrices& mats) : s(scaled), m(mats) {}
    const Scaled& s;
    const SynthMatrices& m;
    std::size_t evaluations = 0;
    Eigen::MatrixXd H;
    Eigen::VectorXd c;
    Eigen::MatrixXd vx0;

    // W for a given (normalised, nonnegative) v.
    Eigen::VectorXd weights(const Eigen::VectorXd& v) {
        ++evaluations;
        vx0 = v.asDiagonal() * s.x0;
        H.noalias() = s.x0.transpose() * vx0;
        c.noalias() = -(vx0.transpose() * s.x1);
        return numerics::simplex_qp(H, c).w;
    }
    double loss_v(const Eigen::VectorXd& w) const { return (m.z1 - m.z0 * w).squaredNorm() / static_cast<double>(m.z1.size()); }
    // Synth's objective for the unconstrained search variable: V = |x| / sum |x|.
    double operator()(const Eigen::VectorXd& x) {
        const double total = x.cwiseAbs().sum();
        if (!(total > 0) || !std::isfinite(total)) return inf;
        return loss_v(weights(x.cwiseAbs() / total));
    }
};

// Nelder-Mead with the usual coefficients (reflection 1, expansion 2, contraction and shrink 1/2); the first
// simplex steps 10% of the largest coordinate along each axis, as R's optim does.
double nelder_mead(Inner& f, Eigen::VectorXd& x, const VSearchOptions& o) {
    const auto n = x.size();
    std::vector<Eigen::VectorXd> pts(static_cast<std::size_t>(n + 1), x);
    std::vector<double> val(static_cast<std::size_t>(n + 1));
    const double step = 0.1 * std::max(x.cwiseAbs().maxCoeff(), 1e-3);
    for (Eigen::Index i = 0; i < n; ++i) pts[static_cast<std::size_t>(i + 1)](i) += step;
    std::size_t evals = 0;
    for (std::size_t i = 0; i < pts.size(); ++i, ++evals) val[i] = f(pts[i]);
    std::vector<std::size_t> order(pts.size());
    Eigen::VectorXd centre(n), xr(n), xe(n), xc(n);
    while (true) {
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return val[a] < val[b]; });
        const auto best = order.front(), worst = order.back(), second = order[order.size() - 2];
        if (val[worst] - val[best] <= o.relative_tolerance * (std::abs(val[best]) + o.relative_tolerance) ||
            evals >= o.max_evaluations)
            break;
        centre.setZero();
        for (std::size_t i = 0; i < pts.size(); ++i)
            if (i != worst) centre += pts[i];
        centre /= static_cast<double>(n);
        xr = 2.0 * centre - pts[worst];
        const double fr = f(xr);
        ++evals;
        if (fr < val[best]) {
            xe = 3.0 * centre - 2.0 * pts[worst];
            const double fe = f(xe);
            ++evals;
            if (fe < fr) pts[worst] = xe, val[worst] = fe;
            else pts[worst] = xr, val[worst] = fr;
            continue;
        }
        if (fr < val[second]) {
            pts[worst] = xr, val[worst] = fr;
            continue;
        }
        const bool outside = fr < val[worst];
        xc = outside ? Eigen::VectorXd(centre + 0.5 * (xr - centre)) : Eigen::VectorXd(centre + 0.5 * (pts[worst] - centre));
        const double fc = f(xc);
        ++evals;
        if (fc < (outside ? fr : val[worst])) {
            pts[worst] = xc, val[worst] = fc;
            continue;
        }
        for (std::size_t i = 0; i < pts.size(); ++i) {
            if (i == best) continue;
            pts[i] = pts[best] + 0.5 * (pts[i] - pts[best]);
            val[i] = f(pts[i]);
            ++evals;
        }
    }
    const auto best = static_cast<std::size_t>(std::min_element(val.begin(), val.end()) - val.begin());
    x = pts[best];
    return val[best];
}

// Synth's regression-based start: regress the outcome of every unit and period on the scaled predictors (with
// an intercept); diag(B B') without the intercept row, normalised. Empty when the regression is singular.
std::optional<Eigen::VectorXd> regression_start(const Scaled& s, const SynthMatrices& m) {
    const auto k = s.x1.size();
    const auto units = s.x0.cols() + 1;
    if (units < k + 1) return std::nullopt;
    Eigen::MatrixXd X(units, k + 1);
    Eigen::MatrixXd Z(units, m.z1.size());
    X(0, 0) = 1.0;
    X.row(0).tail(k) = s.x1.transpose();
    Z.row(0) = m.z1.transpose();
    X.bottomRows(units - 1).col(0).setOnes();
    X.bottomRows(units - 1).rightCols(k) = s.x0.transpose();
    Z.bottomRows(units - 1) = m.z0.transpose();
    const Eigen::MatrixXd XtX = X.transpose() * X;
    Eigen::FullPivLU<Eigen::MatrixXd> lu(XtX);
    if (!lu.isInvertible()) return std::nullopt;
    const Eigen::MatrixXd B = lu.solve(X.transpose() * Z);  // (k + 1) x T
    Eigen::VectorXd v = B.bottomRows(k).rowwise().squaredNorm();
    const double total = v.sum();
    if (!(total > 0) || !v.allFinite()) return std::nullopt;
    return Eigen::VectorXd(v / total);
}

void check_matrices(const SynthMatrices& m) {
    const auto k = m.x1.size();
    if (k == 0) throw DomainError("synthetic control needs at least one predictor");
    if (m.x0.rows() != k)
        throw DomainError("synthetic control: the donors have " + std::to_string(m.x0.rows()) +
                          " predictors but the treated unit has " + std::to_string(k));
    if (m.x0.cols() < 1) throw DomainError("synthetic control needs at least one donor unit");
    if (m.z1.size() == 0) throw DomainError("synthetic control needs at least one period to fit V on");
    if (m.z0.rows() != m.z1.size() || m.z0.cols() != m.x0.cols())
        throw DomainError("synthetic control: the donors' outcome matrix is " + std::to_string(m.z0.rows()) + " x " +
                          std::to_string(m.z0.cols()) + " but " + std::to_string(m.z1.size()) + " periods and " +
                          std::to_string(m.x0.cols()) + " donors were expected");
    if (!m.x0.allFinite() || !m.x1.allFinite() || !m.z0.allFinite() || !m.z1.allFinite())
        throw DomainError("synthetic control: predictors and outcomes must be finite (no NaN)");
}

void check_search_options(const VSearchOptions& s) {
    check_count(static_cast<std::int64_t>(s.max_evaluations), "synthetic control: max_evaluations", 1);
    check_count(static_cast<std::int64_t>(s.restarts), "synthetic control: restarts", 0);
}

}  // namespace

SynthWeights synth_weights(const SynthMatrices& m, const std::optional<Eigen::VectorXd>& v_given,
                           const VSearchOptions& search) {
    check_search_options(search);
    check_matrices(m);
    const auto k = m.x1.size();
    const Scaled s = scale(m);
    Inner inner(s, m);
    Eigen::VectorXd v;
    if (v_given) {
        if (v_given->size() != k)
            throw DomainError("synthetic control: V has " + std::to_string(v_given->size()) + " entries for " +
                              std::to_string(k) + " predictors");
        if (!v_given->allFinite() || (v_given->array() < 0).any() || !(v_given->sum() > 0))
            throw DomainError("synthetic control: V must be nonnegative and not all zero");
        v = *v_given / v_given->sum();
    } else if (k == 1) {
        v = Eigen::VectorXd::Ones(1);
    } else {
        std::vector<Eigen::VectorXd> starts{Eigen::VectorXd::Constant(k, 1.0 / static_cast<double>(k))};
        if (search.regression_start)
            if (auto r = regression_start(s, m)) starts.push_back(*r);
        double best = inf;
        for (auto x : starts) {
            double loss = nelder_mead(inner, x, search);
            for (std::size_t r = 0; r < search.restarts; ++r) {
                Eigen::VectorXd y = x.cwiseAbs() / x.cwiseAbs().sum();
                const double again = nelder_mead(inner, y, search);
                if (!(again < loss - 1e-12 * (1 + std::abs(loss)))) {
                    if (again < loss) loss = again, x = y;
                    break;
                }
                loss = again;
                x = y;
            }
            if (loss < best) {
                best = loss;
                v = x.cwiseAbs() / x.cwiseAbs().sum();
            }
        }
    }
    SynthWeights out;
    out.w = inner.weights(v);
    out.v = v;
    out.loss_v = inner.loss_v(out.w);
    const Eigen::VectorXd d = s.x1 - s.x0 * out.w;
    out.loss_w = d.dot(v.asDiagonal() * d);
    out.evaluations = inner.evaluations;
    return out;
}

// ---- the panel-level analysis ------------------------------------------------------------------------------

namespace {

std::string period_range(const std::vector<std::int64_t>& p) {
    if (p.empty()) return "no periods";
    if (p.size() == 1) return std::to_string(p.front());
    return std::to_string(p.front()) + "-" + std::to_string(p.back());
}

struct Prepared {
    std::vector<std::size_t> donors;          // unit indices
    std::size_t treated = 0;
    std::size_t first_post = 0;               // period index of treatment
    std::vector<std::size_t> opt_periods;     // period indices
    Eigen::MatrixXd X;                        // k x units: every unit's predictors (NaN where not computable)
    std::vector<std::string> labels;
    std::vector<std::string> missing;         // per unit, empty or why a predictor is missing
};

const Eigen::MatrixXd& variable(const Panel& p, const std::string& name) {
    if (name == p.outcome_name) return p.outcome;
    return p.covariates[p.covariate_index(name)];
}

std::vector<std::size_t> period_indices(const Panel& p, const std::vector<std::int64_t>& periods, std::size_t first_post,
                                        const std::string& what) {
    std::vector<std::size_t> out;
    for (const auto t : periods) {
        const auto i = p.period_index(t);
        if (i >= first_post)
            throw DomainError("synthetic control: " + what + " period " + std::to_string(t) +
                              " is not before the treatment period " + std::to_string(p.periods[first_post]));
        out.push_back(i);
    }
    return out;
}

Prepared prepare(const Panel& p, const SynthOptions& o) {
    const std::string method = "synthetic control";
    Prepared pr;
    if (o.treated.empty()) throw DomainError("synthetic control: name the treated unit");
    pr.treated = p.unit_index(o.treated);
    std::int64_t start;
    if (o.treatment_period) start = *o.treatment_period;
    else if (p.adoption[pr.treated]) start = *p.adoption[pr.treated];
    else
        throw DomainError("synthetic control: unit \"" + o.treated +
                          "\" has no adoption period in the panel; give the treatment period");
    const auto it = std::lower_bound(p.periods.begin(), p.periods.end(), start);
    pr.first_post = static_cast<std::size_t>(it - p.periods.begin());
    if (pr.first_post == 0)
        throw DomainError("synthetic control: unit \"" + o.treated + "\" is treated from period " + std::to_string(start) +
                          " but the panel starts in " + std::to_string(p.periods.front()) + ": no pre-periods");
    if (pr.first_post >= p.n_periods())
        throw DomainError("synthetic control: treatment period " + std::to_string(start) + " of unit \"" + o.treated +
                          "\" is after the panel's last period " + std::to_string(p.periods.back()) + ": no post-periods");

    if (!o.donors.empty()) {
        for (const auto& d : o.donors) {
            const auto i = p.unit_index(d);
            if (i == pr.treated) throw DomainError("synthetic control: the treated unit \"" + d + "\" is listed as a donor");
            if (std::find(pr.donors.begin(), pr.donors.end(), i) != pr.donors.end())
                throw DomainError("synthetic control: donor \"" + d + "\" is listed twice");
            pr.donors.push_back(i);
        }
    } else {
        for (std::size_t i = 0; i < p.n_units(); ++i)
            if (i != pr.treated && !p.adoption[i]) pr.donors.push_back(i);
    }
    if (pr.donors.empty())
        throw DomainError("synthetic control: no donor units (every unit other than \"" + o.treated + "\" is treated)");

    // Outcomes: the treated unit and every donor observed in every period.
    std::vector<std::size_t> used{pr.treated};
    used.insert(used.end(), pr.donors.begin(), pr.donors.end());
    for (const auto i : used)
        for (std::size_t t = 0; t < p.n_periods(); ++t)
            if (!p.observed(i, t))
                throw DomainError(method + " needs every unit observed in every period, but unit \"" + p.units[i] +
                                  "\", period " + std::to_string(p.periods[t]) + " has no " + p.outcome_name);
    {
        bool varies = false;
        const double y0 = p.outcome(static_cast<Eigen::Index>(pr.treated), 0);
        for (const auto i : used)
            for (std::size_t t = 0; t < p.n_periods() && !varies; ++t)
                varies = p.outcome(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(t)) != y0;
        if (!varies)
            throw DomainError(method + ": " + p.outcome_name + " is the same (" + stats::format_number(y0) +
                              ") for every unit and period, so no effect can be estimated");
    }

    std::vector<std::int64_t> pre(p.periods.begin(), p.periods.begin() + static_cast<std::ptrdiff_t>(pr.first_post));
    pr.opt_periods = period_indices(p, o.optimisation_periods.empty() ? pre : o.optimisation_periods, pr.first_post,
                                    "optimisation");
    const auto pred_periods =
        period_indices(p, o.predictor_periods.empty() ? pre : o.predictor_periods, pr.first_post, "predictor");

    struct Row {
        const Eigen::MatrixXd* values;
        std::vector<std::size_t> periods;
        std::string label;
    };
    std::vector<Row> rows;
    const std::string pp = period_range(o.predictor_periods.empty() ? pre : o.predictor_periods);
    for (const auto& name : o.predictors) rows.push_back({&variable(p, name), pred_periods, name});
    for (const auto& sp : o.special_predictors) {
        if (sp.op != "mean")
            throw DomainError("synthetic control: special predictor \"" + sp.variable + "\" asks for \"" + sp.op +
                              "\"; only \"mean\" is supported");
        if (sp.periods.empty())
            throw DomainError("synthetic control: special predictor \"" + sp.variable + "\" has no periods");
        rows.push_back({&variable(p, sp.variable), period_indices(p, sp.periods, pr.first_post, "special predictor"),
                        sp.variable + " (" + period_range(sp.periods) + ")"});
    }
    if (rows.empty()) {
        // Synth needs predictors; the natural default is the outcome in every pre-period.
        for (std::size_t t = 0; t < pr.first_post; ++t)
            rows.push_back({&p.outcome, {t}, p.outcome_name + " (" + std::to_string(p.periods[t]) + ")"});
    }
    const auto k = static_cast<Eigen::Index>(rows.size());
    pr.X = Eigen::MatrixXd::Constant(k, static_cast<Eigen::Index>(p.n_units()), nan);
    for (Eigen::Index r = 0; r < k; ++r) {
        const auto& row = rows[static_cast<std::size_t>(r)];
        pr.labels.push_back(row.label);
        for (const auto i : used) {
            double sum = 0;
            std::size_t n = 0;
            for (const auto t : row.periods) {
                const double x = (*row.values)(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(t));
                if (!std::isnan(x)) sum += x, ++n;
            }
            if (n == 0) {
                std::vector<std::int64_t> ps;
                for (const auto t : row.periods) ps.push_back(p.periods[t]);
                throw DomainError("synthetic control: predictor \"" + row.label + "\" has no value for unit \"" +
                                  p.units[i] + "\" in period" + (ps.size() == 1 ? " " : "s ") + period_range(ps) +
                                  " (all missing)");
            }
            pr.X(r, static_cast<Eigen::Index>(i)) = sum / static_cast<double>(n);
        }
    }
    return pr;
}

SynthFit fit_one(const Panel& p, const Prepared& pr, std::size_t treated, const std::vector<std::size_t>& donors,
                 const SynthOptions& o) {
    SynthMatrices m;
    const auto k = pr.X.rows();
    const auto J = static_cast<Eigen::Index>(donors.size());
    const auto T = static_cast<Eigen::Index>(pr.opt_periods.size());
    m.x1 = pr.X.col(static_cast<Eigen::Index>(treated));
    m.x0.resize(k, J);
    m.z1.resize(T);
    m.z0.resize(T, J);
    for (Eigen::Index t = 0; t < T; ++t)
        m.z1(t) = p.outcome(static_cast<Eigen::Index>(treated), static_cast<Eigen::Index>(pr.opt_periods[static_cast<std::size_t>(t)]));
    for (Eigen::Index j = 0; j < J; ++j) {
        const auto u = static_cast<Eigen::Index>(donors[static_cast<std::size_t>(j)]);
        m.x0.col(j) = pr.X.col(u);
        for (Eigen::Index t = 0; t < T; ++t)
            m.z0(t, j) = p.outcome(u, static_cast<Eigen::Index>(pr.opt_periods[static_cast<std::size_t>(t)]));
    }
    SynthWeights sw;
    try {
        sw = synth_weights(m, o.v, o.search);
    } catch (const DomainError& e) {
        throw DomainError(std::string(e.what()) + " (fitting unit \"" + p.units[treated] + "\")");
    }
    SynthFit f;
    f.treated = p.units[treated];
    for (const auto d : donors) f.donors.push_back(p.units[d]);
    f.weights = sw.w;
    f.v = sw.v;
    f.treated_predictors = m.x1;
    f.synthetic_predictors = m.x0 * sw.w;
    const auto Tall = static_cast<Eigen::Index>(p.n_periods());
    f.treated_path = p.outcome.row(static_cast<Eigen::Index>(treated)).transpose();
    f.synthetic_path = Eigen::VectorXd::Zero(Tall);
    for (Eigen::Index j = 0; j < J; ++j)
        if (sw.w(j) != 0) f.synthetic_path += sw.w(j) * p.outcome.row(static_cast<Eigen::Index>(donors[static_cast<std::size_t>(j)])).transpose();
    f.gaps = f.treated_path - f.synthetic_path;
    const auto T0 = static_cast<Eigen::Index>(pr.first_post);
    f.pre_rmspe = std::sqrt(f.gaps.head(T0).squaredNorm() / static_cast<double>(T0));
    f.post_rmspe = std::sqrt(f.gaps.tail(Tall - T0).squaredNorm() / static_cast<double>(Tall - T0));
    f.rmspe_ratio = f.pre_rmspe > 0 ? f.post_rmspe / f.pre_rmspe : inf;
    f.loss_v = sw.loss_v;
    f.loss_w = sw.loss_w;
    return f;
}

// Calls fn(item) for item in [0, n) on `threads` threads, each taking the next item when free.
template <class Fn>
void each_item(std::size_t n, int threads, Fn&& fn) {
    std::atomic<std::size_t> next{0};
    const int t = stats::resolve_threads(threads, static_cast<std::int64_t>(n));
    stats::parallel_for(t, t, [&](std::int64_t, std::int64_t, int) {
        for (std::size_t i = next++; i < n; i = next++) {
            hp::check_cancelled();  // fits take long: stop between them
            fn(i);
        }
    });
}

SynthResult run(const Panel& p, const SynthOptions& o) {
    check_search_options(o.search);  // before the panel's checks and the placebos' runs
    const Prepared pr = prepare(p, o);
    SynthResult res;
    res.periods = p.periods;
    res.treatment_period = p.periods[pr.first_post];
    for (const auto t : pr.opt_periods) res.optimisation_periods.push_back(p.periods[t]);
    res.predictor_labels = pr.labels;
    res.donor_mean_predictors = Eigen::VectorXd::Zero(pr.X.rows());
    for (const auto d : pr.donors) res.donor_mean_predictors += pr.X.col(static_cast<Eigen::Index>(d));
    res.donor_mean_predictors /= static_cast<double>(pr.donors.size());
    if (o.v && o.v->size() != pr.X.rows())
        throw DomainError("synthetic control: V has " + std::to_string(o.v->size()) + " entries but there are " +
                          std::to_string(pr.X.rows()) + " predictors");

    // Work items: 0 = the real fit, 1..J = placebos; handed out one at a time (fits differ in cost), each
    // depending only on its index, so the result does not depend on the thread count.
    const std::size_t J = pr.donors.size();
    const bool with_placebos = o.in_space_placebos && J >= 2;
    if (with_placebos) res.in_space_placebos.resize(J);
    each_item(with_placebos ? J + 1 : 1, o.threads, [&](std::size_t item) {
        if (item == 0) {
            res.fit = fit_one(p, pr, pr.treated, pr.donors, o);
            return;
        }
        const std::size_t j = item - 1;
        std::vector<std::size_t> pool;
        for (std::size_t d = 0; d < J; ++d)
            if (d != j) pool.push_back(pr.donors[d]);
        res.in_space_placebos[j].fit = fit_one(p, pr, pr.donors[j], pool, o);
    });
    const Eigen::Index post = res.fit.gaps.size() - static_cast<Eigen::Index>(pr.first_post);
    res.mean_post_gap = post > 0 ? res.fit.gaps.tail(post).sum() / static_cast<double>(post)
                                 : std::numeric_limits<double>::quiet_NaN();
    if (with_placebos) {
        const double cutoff = o.placebo_mspe_cutoff * res.fit.pre_rmspe * res.fit.pre_rmspe;
        std::size_t at_least = 1, kept = 1;
        for (auto& pl : res.in_space_placebos) {
            pl.kept = !(pl.fit.pre_rmspe * pl.fit.pre_rmspe > cutoff);
            if (!pl.kept) continue;
            ++kept;
            if (pl.fit.rmspe_ratio >= res.fit.rmspe_ratio) ++at_least;
        }
        res.rank = at_least;
        res.pvalue = static_cast<double>(at_least) / static_cast<double>(kept);
    }
    if (o.leave_one_out) {
        std::vector<std::size_t> positive;
        for (std::size_t j = 0; j < J; ++j)
            if (res.fit.weights(static_cast<Eigen::Index>(j)) > 1e-6) positive.push_back(j);
        if (J >= 2) {
            res.leave_one_out.resize(positive.size());
            each_item(positive.size(), o.threads, [&](std::size_t a) {
                const auto drop = positive[a];
                std::vector<std::size_t> pool;
                for (std::size_t d = 0; d < J; ++d)
                    if (d != drop) pool.push_back(pr.donors[d]);
                auto& out = res.leave_one_out[a];
                out.dropped = p.units[pr.donors[drop]];
                out.fit = fit_one(p, pr, pr.treated, pool, o);
            });
        }
    }
    return res;
}

}  // namespace

SynthResult synth(const Panel& panel, const SynthOptions& options) { return run(panel, options); }

SynthResult synth_in_time(const Panel& panel, const SynthOptions& options, std::int64_t placebo_period) {
    const auto treated = panel.unit_index(options.treated);
    std::int64_t real;
    if (options.treatment_period) real = *options.treatment_period;
    else if (panel.adoption[treated]) real = *panel.adoption[treated];
    else
        throw DomainError("synthetic control: unit \"" + options.treated +
                          "\" has no adoption period in the panel; give the treatment period");
    if (placebo_period >= real)
        throw DomainError("in-time placebo: the placebo period " + std::to_string(placebo_period) +
                          " must be before the real treatment period " + std::to_string(real));
    const auto first_real = static_cast<std::size_t>(std::lower_bound(panel.periods.begin(), panel.periods.end(), real) -
                                                     panel.periods.begin());
    if (first_real < 2 || panel.period_index(placebo_period) == 0)
        throw DomainError("in-time placebo: period " + std::to_string(placebo_period) +
                          " leaves no pre-period before it in the panel");
    std::vector<std::size_t> all(panel.n_units());
    std::iota(all.begin(), all.end(), std::size_t{0});
    Panel pre = subpanel(panel, all, 0, first_real - 1);
    SynthOptions o = options;
    o.treatment_period = placebo_period;
    auto clip = [&](std::vector<std::int64_t>& ps) {
        ps.erase(std::remove_if(ps.begin(), ps.end(), [&](std::int64_t t) { return t >= placebo_period; }), ps.end());
    };
    const bool had_pred = !o.predictor_periods.empty(), had_opt = !o.optimisation_periods.empty();
    clip(o.predictor_periods);
    clip(o.optimisation_periods);
    if (had_pred && o.predictor_periods.empty())
        throw DomainError("in-time placebo: no predictor period is before the placebo period " + std::to_string(placebo_period));
    if (had_opt && o.optimisation_periods.empty())
        throw DomainError("in-time placebo: no optimisation period is before the placebo period " + std::to_string(placebo_period));
    for (auto& sp : o.special_predictors) {
        clip(sp.periods);
        if (sp.periods.empty())
            throw DomainError("in-time placebo: special predictor \"" + sp.variable +
                              "\" has no period before the placebo period " + std::to_string(placebo_period));
    }
    return run(pre, o);
}

}  // namespace hp::evaluation
