// Power by simulation (power_simulate.hpp): draw panels, estimate, count rejections. Simulation s uses only
// RandomStream(seed, s) and results are summed in simulation order, so any thread count gives the same numbers.
#include "healthyplaces/evaluation/power_simulate.hpp"

#include "common.hpp"

#include <Eigen/Cholesky>
#include <Eigen/LU>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <boost/random/normal_distribution.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <sstream>
#include <vector>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/evaluation/power_stepped_wedge.hpp"
#include "healthyplaces/stats/parallel.hpp"
#include "healthyplaces/stats/random.hpp"

namespace hp::evaluation {
namespace {

using detail::inf;

using detail::num;

/// Covariance of one unit's errors plus its random effect, periods x periods.
Eigen::MatrixXd unit_covariance(const SimulationDesign& d) {
    const Eigen::Index T = d.treatment.cols();
    Eigen::MatrixXd s(T, T);
    const double v = d.error_sd * d.error_sd;
    for (Eigen::Index a = 0; a < T; ++a)
        for (Eigen::Index b = 0; b < T; ++b) {
            double r = a == b ? 1.0 : 0.0;
            if (a != b && d.errors == ErrorStructure::ar1) r = std::pow(d.rho, static_cast<double>(std::abs(a - b)));
            if (a != b && d.errors == ErrorStructure::equicorrelated) r = d.rho;
            s(a, b) = v * r + d.unit_sd * d.unit_sd;
        }
    return s;
}

/// GLS with period fixed effects and known covariance: theta-hat = sum_i c_i' y_i and its variance.
struct GlsWeights {
    Eigen::MatrixXd c;  // units x periods
    double variance = 0.0;
};

GlsWeights gls_weights(const SimulationDesign& d) {
    const Eigen::MatrixXd& x = d.treatment;
    const Eigen::Index T = x.cols();
    const Eigen::LLT<Eigen::MatrixXd> llt(unit_covariance(d));
    if (llt.info() != Eigen::Success)
        throw DomainError("power_simulate: the gls estimator needs error_sd > 0 (a positive definite covariance)");
    const Eigen::MatrixXd inv = llt.solve(Eigen::MatrixXd::Identity(T, T));
    const Eigen::MatrixXd info = detail::gls_information(x, inv);
    const Eigen::FullPivLU<Eigen::MatrixXd> lu(info);
    if (!lu.isInvertible())
        throw DomainError("power_simulate: the treatment effect is not identified by this design (confounded with period)");
    const Eigen::MatrixXd minv = lu.inverse();
    const Eigen::VectorXd a = minv.row(T).head(T).transpose();
    const double b = minv(T, T);
    GlsWeights w;
    w.c.resize(x.rows(), T);
    for (Eigen::Index i = 0; i < x.rows(); ++i) w.c.row(i) = (inv * (a + b * x.row(i).transpose())).transpose();
    w.variance = minv(T, T);
    return w;
}

double critical(double alpha, double df) {
    if (!std::isfinite(df))
        return boost::math::quantile(boost::math::complement(boost::math::normal_distribution<double>(), alpha / 2));
    return boost::math::quantile(boost::math::complement(boost::math::students_t_distribution<double>(df), alpha / 2));
}

}  // namespace

std::string_view to_string(ErrorStructure e) noexcept {
    switch (e) {
        case ErrorStructure::independent: return "independent";
        case ErrorStructure::ar1: return "ar1";
        case ErrorStructure::equicorrelated: return "equicorrelated";
    }
    return "independent";
}

ErrorStructure parse_error_structure(std::string_view n) {
    if (n == "independent" || n == "iid") return ErrorStructure::independent;
    if (n == "ar1") return ErrorStructure::ar1;
    if (n == "equicorrelated" || n == "exchangeable") return ErrorStructure::equicorrelated;
    throw DomainError("unknown errors '" + std::string(n) + "': use 'independent', 'ar1' or 'equicorrelated'");
}

std::string_view to_string(SimulationEstimator e) noexcept {
    switch (e) {
        case SimulationEstimator::twfe: return "twfe";
        case SimulationEstimator::cluster_means: return "cluster_means";
        case SimulationEstimator::gls: return "gls";
    }
    return "twfe";
}

SimulationEstimator parse_simulation_estimator(std::string_view n) {
    if (n == "twfe" || n == "did") return SimulationEstimator::twfe;
    if (n == "cluster_means" || n == "ttest") return SimulationEstimator::cluster_means;
    if (n == "gls" || n == "hussey_hughes") return SimulationEstimator::gls;
    throw DomainError("unknown estimator '" + std::string(n) + "': use 'twfe', 'cluster_means' or 'gls'");
}

Eigen::MatrixXd staggered_design(const std::vector<std::pair<std::optional<std::int64_t>, std::int64_t>>& adoption,
                                 std::int64_t periods) {
    if (periods < 1) throw DomainError("PowerDesign.staggered: periods must be >= 1, got " + std::to_string(periods));
    std::int64_t units = 0;
    for (const auto& [first, count] : adoption) {
        if (first && !(*first >= 0 && *first < periods))
            throw DomainError("PowerDesign.staggered: adoption period " + std::to_string(*first) + " is outside 0.." +
                              std::to_string(periods - 1));
        if (count < 0)
            throw DomainError("PowerDesign.staggered: " + std::to_string(count) + " units adopting; counts must be >= 0");
        units += count;
    }
    if (units == 0) throw DomainError("PowerDesign.staggered: no units");
    Eigen::MatrixXd x = Eigen::MatrixXd::Zero(units, periods);
    Eigen::Index row = 0;
    for (const auto& [first, count] : adoption)
        for (std::int64_t c = 0; c < count; ++c, ++row)
            if (first) x.row(row).tail(periods - *first).setOnes();
    return x;
}

Eigen::MatrixXd treatment_matrix(const Panel& p) {
    const auto I = static_cast<Eigen::Index>(p.n_units()), T = static_cast<Eigen::Index>(p.n_periods());
    Eigen::MatrixXd x = Eigen::MatrixXd::Zero(I, T);
    for (Eigen::Index i = 0; i < I; ++i)
        for (Eigen::Index t = 0; t < T; ++t)
            if (p.treated(static_cast<std::size_t>(i), static_cast<std::size_t>(t))) x(i, t) = 1.0;
    return x;
}

PanelMoments panel_moments(const Panel& p) {
    const auto I = static_cast<Eigen::Index>(p.n_units()), T = static_cast<Eigen::Index>(p.n_periods());
    if (I < 3 || T < 2)
        throw DataError("panel_moments: needs at least 3 units and 2 periods, got " + std::to_string(I) + " x " +
                        std::to_string(T));
    const double nan = std::numeric_limits<double>::quiet_NaN();
    // Untreated, observed cells; deviations from each period's mean over them.
    Eigen::MatrixXd dev = p.outcome;
    for (Eigen::Index i = 0; i < I; ++i)
        for (Eigen::Index t = 0; t < T; ++t)
            if (p.treated(static_cast<std::size_t>(i), static_cast<std::size_t>(t))) dev(i, t) = nan;
    double ss = 0;
    std::size_t cells = 0;
    for (Eigen::Index t = 0; t < T; ++t) {
        double s = 0;
        std::size_t n = 0;
        for (Eigen::Index i = 0; i < I; ++i)
            if (!std::isnan(dev(i, t))) s += dev(i, t), ++n;
        const double mean = n ? s / static_cast<double>(n) : nan;
        for (Eigen::Index i = 0; i < I; ++i) {
            dev(i, t) -= mean;
            if (!std::isnan(dev(i, t))) ss += dev(i, t) * dev(i, t), ++cells;
        }
    }
    const double var = cells ? ss / static_cast<double>(cells) * static_cast<double>(I) / static_cast<double>(I - 1) : nan;
    double cov_sum = 0;
    std::size_t pairs = 0;
    for (Eigen::Index s = 0; s < T; ++s)
        for (Eigen::Index t = s + 1; t < T; ++t) {
            double sp = 0;
            std::size_t n = 0;
            for (Eigen::Index i = 0; i < I; ++i)
                if (!std::isnan(dev(i, s)) && !std::isnan(dev(i, t))) sp += dev(i, s) * dev(i, t), ++n;
            if (n >= 3) cov_sum += sp / static_cast<double>(n - 1), ++pairs;
        }
    if (pairs == 0 || !(var > 0))
        throw DataError("panel_moments: too few untreated unit-periods to estimate a variance and a correlation");
    PanelMoments m;
    m.rho = std::min(std::max(cov_sum / static_cast<double>(pairs) / var, 0.0), 0.999);
    m.sd = std::sqrt(var);
    m.unit_sd = m.sd * std::sqrt(m.rho);
    m.error_sd = m.sd * std::sqrt(1 - m.rho);
    return m;
}

ClusterNoise cluster_noise(double icc, double sd, double cluster_size) {
    if (!(icc >= 0 && icc < 1)) throw DomainError("PowerDesign.with_icc: icc must lie in [0, 1), got " + num(icc));
    if (!(cluster_size >= 1))
        throw DomainError("PowerDesign.with_icc: cluster_size must be >= 1, got " + num(cluster_size));
    return {sd * std::sqrt(icc), sd * std::sqrt((1 - icc) / cluster_size)};
}

void check_simulation_options(double effect, const SimulationOptions& o) {
    if (!std::isfinite(effect)) throw DomainError("power_simulate: effect must be finite, got " + num(effect));
    if (!(o.alpha > 0 && o.alpha < 1)) throw DomainError("power_simulate: alpha must lie in (0, 1), got " + num(o.alpha));
    if (o.n_sims < 1) throw DomainError("power_simulate: n_sims must be >= 1, got " + std::to_string(o.n_sims));
}

SimulationPower power_from_pvalues(std::span<const double> pvalues, double alpha) {
    if (!(alpha > 0 && alpha < 1)) throw DomainError("power_simulate: alpha must lie in (0, 1), got " + num(alpha));
    if (pvalues.empty()) throw DomainError("power_simulate: n_sims must be >= 1, got 0");
    SimulationPower out;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    out.mean_estimate = out.sd_estimate = out.mean_se = nan;
    out.n_sims = static_cast<std::int64_t>(pvalues.size());
    for (std::size_t s = 0; s < pvalues.size(); ++s) {
        const double p = pvalues[s];
        if (!(p >= 0 && p <= 1))
            throw DataError("power_simulate: the estimator returned p-value " + num(p) + " for simulation " +
                            std::to_string(s) + "; not in [0, 1]");
        out.rejections += p < alpha;
    }
    const double n = static_cast<double>(out.n_sims);
    out.power = static_cast<double>(out.rejections) / n;
    out.mc_se = std::sqrt(out.power * (1 - out.power) / n);
    return out;
}

void check_simulation_design(const SimulationDesign& d, SimulationEstimator estimator) {
    check_design(d.treatment, false);
    auto sd = [](double v, const char* field) {
        if (!(std::isfinite(v) && v >= 0))
            throw DomainError(std::string("power_simulate: ") + field + " must be finite and >= 0, got " + num(v));
    };
    sd(d.unit_sd, "unit_sd");
    sd(d.period_sd, "period_sd");
    sd(d.error_sd, "error_sd");
    if (!(d.rho >= 0 && d.rho < 1)) throw DomainError("power_simulate: rho must lie in [0, 1), got " + num(d.rho));
    const Eigen::Index I = d.treatment.rows(), T = d.treatment.cols();
    const double treated = d.treatment.sum();
    if (treated == 0 || treated == static_cast<double>(d.treatment.size()))
        throw DomainError("power_simulate: the design needs treated and untreated unit-periods");
    if (estimator == SimulationEstimator::twfe && (T < 2 || I < 3 || I * T <= I + T))
        throw DomainError("power_simulate: the twfe estimator needs at least 2 periods and 3 units (got " +
                          std::to_string(I) + " units x " + std::to_string(T) + " periods); use 'cluster_means'");
    if (estimator == SimulationEstimator::cluster_means) {
        Eigen::Index ever = 0;
        for (Eigen::Index i = 0; i < I; ++i) ever += d.treatment.row(i).sum() > 0;
        if (ever == 0 || ever == I || I < 3)
            throw DomainError("power_simulate: the cluster_means estimator needs ever-treated and never-treated units "
                              "and at least 3 units; got " + std::to_string(ever) + " of " + std::to_string(I) +
                              " units treated");
    }
}

namespace {

/// Draws simulation `index` into y (units x periods, already sized): the one place panels are drawn.
void draw_panel(const SimulationDesign& d, double effect, std::uint64_t seed, std::int64_t index, Eigen::VectorXd& period,
                Eigen::MatrixXd& y) {
    const Eigen::Index I = d.treatment.rows(), T = d.treatment.cols();
    stats::RandomStream rs(seed, static_cast<std::uint64_t>(index));
    boost::random::normal_distribution<double> normal;
    for (Eigen::Index t = 0; t < T; ++t) period[t] = d.period_sd * normal(rs);
    const double s = d.error_sd, rho = d.rho;
    const double innov = s * std::sqrt(1 - rho * rho), shared = s * std::sqrt(rho), own = s * std::sqrt(1 - rho);
    for (Eigen::Index i = 0; i < I; ++i) {
        const double u = d.unit_sd * normal(rs);
        const double w = d.errors == ErrorStructure::equicorrelated ? normal(rs) : 0.0;
        double e = 0.0;
        for (Eigen::Index t = 0; t < T; ++t) {
            const double z = normal(rs);
            switch (d.errors) {
                case ErrorStructure::independent: e = s * z; break;
                case ErrorStructure::ar1: e = t == 0 ? s * z : rho * e + innov * z; break;
                case ErrorStructure::equicorrelated: e = shared * w + own * z; break;
            }
            y(i, t) = period[t] + u + effect * d.treatment(i, t) + e;
        }
    }
}

/// TWFE for a fixed design, many outcomes: the double-demeaned treatment xd is computed once. Because xd's rows
/// and columns sum to 0, theta = sum xd y / sum xd^2 and unit i's score sum_t xd_it e_it =
/// sum_t xd_it (y_it - ybar_.t) - theta sum_t xd_it^2 need only the period means: no demeaned copy of y.
/// Same numbers as estimate_twfe up to rounding.
struct TwfeFast {
    Eigen::MatrixXd xd;
    Eigen::VectorXd row_ss;
    double sxx = 0.0, scale = 0.0, df = 0.0;

    explicit TwfeFast(const Eigen::MatrixXd& x) {
        const Eigen::Index I = x.rows(), T = x.cols();
        xd = x;
        const Eigen::VectorXd r = x.rowwise().mean();
        const Eigen::RowVectorXd c = x.colwise().mean();
        xd.colwise() -= r;
        xd.rowwise() -= c;
        xd.array() += x.mean();
        row_ss = xd.rowwise().squaredNorm();
        sxx = row_ss.sum();
        if (!(sxx > 1e-12 * static_cast<double>(x.size())))
            throw DomainError("power_simulate: treatment is collinear with the unit and period effects (twfe)");
        const double G = static_cast<double>(I), N = static_cast<double>(I * T), K = static_cast<double>(T);
        scale = G / (G - 1) * (N - 1) / (N - K) / (sxx * sxx);
        df = G - 1;
    }

    EffectEstimate operator()(const Eigen::MatrixXd& y, Eigen::RowVectorXd& colmean) const {
        const Eigen::Index I = y.rows(), T = y.cols();
        colmean = y.colwise().mean();
        double a = 0.0;
        for (Eigen::Index t = 0; t < T; ++t)
            for (Eigen::Index i = 0; i < I; ++i) a += xd(i, t) * y(i, t);
        EffectEstimate out;
        out.estimate = a / sxx;
        double meat = 0.0;
        for (Eigen::Index i = 0; i < I; ++i) {
            double sc = 0.0;
            for (Eigen::Index t = 0; t < T; ++t) sc += xd(i, t) * (y(i, t) - colmean[t]);
            sc -= out.estimate * row_ss[i];
            meat += sc * sc;
        }
        out.se = std::sqrt(meat * scale);
        out.df = df;
        return out;
    }
};

}  // namespace

Eigen::MatrixXd simulate_panel(const SimulationDesign& d, double effect, std::uint64_t seed, std::int64_t index) {
    Eigen::VectorXd period(d.treatment.cols());
    Eigen::MatrixXd y(d.treatment.rows(), d.treatment.cols());
    draw_panel(d, effect, seed, index, period, y);
    return y;
}

EffectEstimate estimate_twfe(const Eigen::MatrixXd& y, const Eigen::MatrixXd& x) {
    const Eigen::Index I = y.rows(), T = y.cols();
    if (x.rows() != I || x.cols() != T)
        throw DomainError("estimate_twfe: outcome and treatment must have the same shape");
    if (T < 2 || I < 3 || I * T <= I + T) throw DomainError("estimate_twfe: needs at least 2 periods and 3 units");
    if (!y.allFinite()) throw DataError("estimate_twfe: the outcome has a NaN or infinite value (the panel must be balanced)");
    auto demean = [&](const Eigen::MatrixXd& m) {
        const Eigen::VectorXd r = m.rowwise().mean();
        const Eigen::RowVectorXd c = m.colwise().mean();
        const double g = m.mean();
        Eigen::MatrixXd out = m;
        out.colwise() -= r;
        out.rowwise() -= c;
        out.array() += g;
        return out;
    };
    const Eigen::MatrixXd yd = demean(y), xd = demean(x);
    const double sxx = xd.squaredNorm();
    if (!(sxx > 1e-12 * static_cast<double>(x.size())))
        throw DomainError("estimate_twfe: treatment is collinear with the unit and period effects");
    EffectEstimate out;
    out.estimate = (xd.array() * yd.array()).sum() / sxx;
    const Eigen::MatrixXd e = yd - out.estimate * xd;
    const Eigen::VectorXd score = (xd.array() * e.array()).rowwise().sum();
    // CR1 with the unit effects (nested in the clusters) not counted in K, as fixest and Stata's xtreg, fe do:
    // counting them (statsmodels with dummies, K = I + T) inflates the SE by sqrt((N-1)/(N-I-T)), ~12% at T = 5.
    const double G = static_cast<double>(I), N = static_cast<double>(I * T), K = static_cast<double>(T);
    out.se = std::sqrt(score.squaredNorm() / (sxx * sxx) * G / (G - 1) * (N - 1) / (N - K));
    out.df = G - 1;
    return out;
}

EffectEstimate estimate_cluster_means(const Eigen::MatrixXd& y, const Eigen::MatrixXd& x) {
    const Eigen::Index I = y.rows(), T = y.cols();
    if (x.rows() != I || x.cols() != T)
        throw DomainError("estimate_cluster_means: outcome and treatment must have the same shape");
    if (!y.allFinite()) throw DataError("estimate_cluster_means: the outcome has a NaN or infinite value");
    std::vector<Eigen::Index> post;
    for (Eigen::Index t = 0; t < T; ++t)
        if (x.col(t).sum() > 0) post.push_back(t);
    double s[2] = {0, 0}, ss[2] = {0, 0};
    double n[2] = {0, 0};
    std::vector<double> mean(static_cast<std::size_t>(I));
    for (Eigen::Index i = 0; i < I; ++i) {
        double m = 0;
        for (auto t : post) m += y(i, t);
        m /= static_cast<double>(post.size());
        const int g = x.row(i).sum() > 0 ? 1 : 0;
        mean[static_cast<std::size_t>(i)] = m;
        s[g] += m;
        n[g] += 1;
    }
    if (n[0] < 1 || n[1] < 1 || n[0] + n[1] < 3)
        throw DomainError("estimate_cluster_means: needs treated and untreated units, at least 3 in all");
    const double m0 = s[0] / n[0], m1 = s[1] / n[1];
    for (Eigen::Index i = 0; i < I; ++i) {
        const int g = x.row(i).sum() > 0 ? 1 : 0;
        const double dv = mean[static_cast<std::size_t>(i)] - (g ? m1 : m0);
        ss[g] += dv * dv;
    }
    EffectEstimate out;
    out.df = n[0] + n[1] - 2;
    const double sp2 = (ss[0] + ss[1]) / out.df;
    out.estimate = m1 - m0;
    out.se = std::sqrt(sp2 * (1 / n[0] + 1 / n[1]));
    return out;
}

SimulationPower simulate_power(const SimulationDesign& d, double effect, const SimulationOptions& o) {
    check_simulation_design(d, o.estimator);
    check_simulation_options(effect, o);

    GlsWeights gls;
    if (o.estimator == SimulationEstimator::gls) gls = gls_weights(d);
    std::vector<double> est(static_cast<std::size_t>(o.n_sims)), se(est.size());
    std::vector<unsigned char> reject(est.size());
    // The reference df is fixed by the design, so the critical value is computed once.
    double df = inf;
    if (o.estimator == SimulationEstimator::twfe) df = static_cast<double>(d.treatment.rows()) - 1;
    if (o.estimator == SimulationEstimator::cluster_means) df = static_cast<double>(d.treatment.rows()) - 2;
    const double crit = critical(o.alpha, df);

    std::optional<TwfeFast> twfe;
    if (o.estimator == SimulationEstimator::twfe) twfe.emplace(d.treatment);
    stats::parallel_for(o.n_sims, o.threads, [&](std::int64_t b, std::int64_t e, int) {
        // per-thread buffers: a simulation allocates nothing
        Eigen::MatrixXd y(d.treatment.rows(), d.treatment.cols());
        Eigen::VectorXd period(d.treatment.cols());
        Eigen::RowVectorXd colmean(d.treatment.cols());
        for (std::int64_t s = b; s < e; ++s) {
            draw_panel(d, effect, o.seed, s, period, y);
            EffectEstimate r;
            switch (o.estimator) {
                case SimulationEstimator::twfe: r = (*twfe)(y, colmean); break;
                case SimulationEstimator::cluster_means: r = estimate_cluster_means(y, d.treatment); break;
                case SimulationEstimator::gls:
                    r.estimate = (gls.c.array() * y.array()).sum();
                    r.se = std::sqrt(gls.variance);
                    r.df = inf;
                    break;
            }
            const auto k = static_cast<std::size_t>(s);
            est[k] = r.estimate;
            se[k] = r.se;
            reject[k] = std::abs(r.estimate) > crit * r.se;
        }
    });

    SimulationPower out;
    out.n_sims = o.n_sims;
    double sum = 0, sumse = 0;
    for (std::size_t k = 0; k < est.size(); ++k) {
        out.rejections += reject[k];
        sum += est[k];
        sumse += se[k];
    }
    const double n = static_cast<double>(o.n_sims);
    out.mean_estimate = sum / n;
    out.mean_se = sumse / n;
    double ss = 0;
    for (double v : est) ss += (v - out.mean_estimate) * (v - out.mean_estimate);
    out.sd_estimate = o.n_sims > 1 ? std::sqrt(ss / (n - 1)) : 0.0;
    out.power = static_cast<double>(out.rejections) / n;
    out.mc_se = std::sqrt(out.power * (1 - out.power) / n);
    out.method = "simulation, " + std::to_string(o.n_sims) + " panels of " + std::to_string(d.treatment.rows()) +
                 " units x " + std::to_string(d.treatment.cols()) + " periods, " + std::string(to_string(d.errors)) +
                 " errors, estimator " + std::string(to_string(o.estimator)) +
                 (o.estimator == SimulationEstimator::twfe ? " (cluster-robust SE, t with G - 1 df)"
                  : o.estimator == SimulationEstimator::cluster_means ? " (pooled t on unit means)"
                                                                        : " (known covariance, z test)");
    return out;
}

}  // namespace hp::evaluation
