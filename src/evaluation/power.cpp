// Analytic power: the shared Wald power and solver, Whitehead's ordinal formula, cluster trials and
// difference-in-differences with serial correlation (include/healthyplaces/evaluation/power.hpp).
#include "healthyplaces/evaluation/power.hpp"

#include "common.hpp"

#include <boost/math/distributions/non_central_t.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <boost/math/tools/roots.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <numeric>
#include <sstream>

#include "healthyplaces/base/error.hpp"

namespace hp::evaluation {
namespace {

using detail::num;

double z_upper(double p) {  // z with upper tail probability p
    return boost::math::quantile(boost::math::complement(boost::math::normal_distribution<double>(), p));
}

double phi(double x) { return boost::math::cdf(boost::math::normal_distribution<double>(), x); }

}  // namespace

std::string_view to_string(PowerSolved s) noexcept {
    switch (s) {
        case PowerSolved::power: return "power";
        case PowerSolved::n: return "n";
        case PowerSolved::effect: return "effect";
    }
    return "power";
}

double n_required(double n) { return std::ceil(n - 1e-9); }

double wald_power(double effect, double se, double alpha, double df) {
    const double d = std::abs(effect) / se;
    if (!std::isfinite(df)) {
        const double z = z_upper(alpha / 2);
        return phi(d - z) + phi(-d - z);
    }
    const double tc = boost::math::quantile(boost::math::complement(boost::math::students_t_distribution<double>(df), alpha / 2));
    if (d == 0) return alpha;
    const boost::math::non_central_t_distribution<double> nct(df, d);
    return boost::math::cdf(boost::math::complement(nct, tc)) + boost::math::cdf(nct, -tc);
}

namespace detail {

PowerSolved check_unknowns(std::string_view who, double alpha, const std::optional<double>& effect,
                           const std::optional<double>& n, const std::optional<double>& power) {
    const std::string w(who);
    if (!(alpha > 0 && alpha < 1)) throw DomainError(w + ": alpha must lie in (0, 1), got " + num(alpha));
    const int unknown = !effect.has_value() + !n.has_value() + !power.has_value();
    if (unknown != 1)
        throw DomainError(w + ": leave exactly one of effect, n and power unset (None) to solve for it; " +
                          std::to_string(unknown) + " are unset");
    if (power && !(*power > 0 && *power < 1)) throw DomainError(w + ": power must lie in (0, 1), got " + num(*power));
    if (power && *power <= alpha)
        throw DomainError(w + ": power " + num(*power) + " must exceed alpha " + num(alpha) +
                          " (a test rejects with probability alpha when there is no effect)");
    if (n && !(std::isfinite(*n) && *n > 0)) throw DomainError(w + ": n must be finite and > 0, got " + num(*n));
    if (effect && !std::isfinite(*effect)) throw DomainError(w + ": effect must be finite, got " + num(*effect));
    if (!power) return PowerSolved::power;
    return n ? PowerSolved::effect : PowerSolved::n;
}

double solve_increasing(const std::function<double(double)>& f, double target, double lo, double hi,
                        std::string_view who, std::string_view what) {
    const double flo = f(lo) - target, fhi = f(hi) - target;
    if (flo >= 0) return lo;
    if (fhi < 0)
        throw DomainError(std::string(who) + ": power " + num(target) + " cannot be reached by any " +
                          std::string(what) + " up to " + num(hi) + " (power there is " + num(fhi + target) + ")");
    std::uintmax_t iters = 200;
    // to the last bit or so (52 of 53): the sample size is then the root of the two-tailed power to ~4e-16
    const auto tol = boost::math::tools::eps_tolerance<double>(52);
    const auto r = boost::math::tools::toms748_solve([&](double x) { return f(x) - target; }, lo, hi, flo, fhi, tol, iters);
    return 0.5 * (r.first + r.second);
}

void solve_wald(PowerResult& out, PowerSolved solved, const std::optional<double>& effect,
                const std::optional<double>& n, const std::optional<double>& power, double alpha,
                const std::function<double(double)>& se_of, double n_lo, double n_hi, std::string_view who,
                std::string_view n_what) {
    if (solved == PowerSolved::power) {
        out.effect = *effect;
        out.n = *n;
        out.power = wald_power(out.effect, se_of(out.n), alpha);
    } else if (solved == PowerSolved::n) {
        out.effect = *effect;
        out.power = *power;
        out.n = solve_increasing([&](double nn) { return wald_power(out.effect, se_of(nn), alpha); }, *power, n_lo,
                                 n_hi, who, n_what);
    } else {
        out.n = *n;
        out.power = *power;
        const double se = se_of(out.n);
        out.effect = solve_increasing([&](double d) { return wald_power(d, se, alpha); }, *power, 0.0, 100 * se, who,
                                      "effect");
    }
    out.standard_error = se_of(out.n);
}

}  // namespace detail

// ---- ordinal ----------------------------------------------------------------------------------------------

namespace {
void check_probabilities(std::span<const double> p, std::string_view field) {
    if (p.size() < 2)
        throw DomainError("power_ordinal: " + std::string(field) + " needs at least 2 categories, got " +
                          std::to_string(p.size()));
    double s = 0;
    for (std::size_t i = 0; i < p.size(); ++i) {
        if (!(std::isfinite(p[i]) && p[i] >= 0))
            throw DomainError("power_ordinal: " + std::string(field) + " category " + std::to_string(i + 1) +
                              " has probability " + num(p[i]) + "; probabilities must be >= 0 and sum to 1");
        s += p[i];
    }
    if (std::abs(s - 1) > 1e-9)
        throw DomainError("power_ordinal: " + std::string(field) + " sum to " + num(s) +
                          "; category probabilities must sum to 1");
}
void check_odds_ratio(double r) {
    if (!(std::isfinite(r) && r > 0))
        throw DomainError("power_ordinal: odds_ratio must be finite and > 0, got " + num(r));
}
}  // namespace

std::vector<double> proportional_odds_shift(std::span<const double> control, double odds_ratio) {
    check_probabilities(control, "control probabilities");
    check_odds_ratio(odds_ratio);
    const std::size_t k = control.size();
    // Upper cumulative S_j = P(Y >= j); the treated odds S/(1-S) are OR times the control's.
    std::vector<double> upper(k + 1, 0.0);
    for (std::size_t j = k; j-- > 0;) upper[j] = upper[j + 1] + control[j];
    upper[0] = 1.0;
    std::vector<double> shifted(k + 1, 0.0);
    shifted[0] = 1.0;
    for (std::size_t j = 1; j < k; ++j) {
        const double s = std::clamp(upper[j], 0.0, 1.0);
        shifted[j] = odds_ratio * s / (1 - s + odds_ratio * s);
    }
    std::vector<double> treated(k);
    for (std::size_t j = 0; j < k; ++j) treated[j] = std::max(0.0, shifted[j] - shifted[j + 1]);
    return treated;
}

double common_odds_ratio(std::span<const double> control, std::span<const double> treated) {
    check_probabilities(control, "control probabilities");
    if (treated.size() != control.size())
        throw DomainError("power_ordinal: treated has " + std::to_string(treated.size()) + " categories but control has " +
                          std::to_string(control.size()));
    check_probabilities(treated, "treated probabilities");
    const std::size_t k = control.size();
    // Upper cumulative sums P(Y >= j), j = 1..k-1, added from the best category down.
    std::vector<double> sc(k, 0.0), st(k, 0.0);
    double ac = 0, at = 0;
    for (std::size_t j = k; j-- > 1;) {
        ac += control[j];
        at += treated[j];
        sc[j] = ac;
        st[j] = at;
    }
    std::vector<double> lor(k, std::numeric_limits<double>::quiet_NaN());
    double lo = std::numeric_limits<double>::infinity(), hi = -lo, big = 0, sum = 0;
    std::size_t ok = 0;
    for (std::size_t j = 1; j < k; ++j) {
        const double v = std::log(st[j] / (1 - st[j])) - std::log(sc[j] / (1 - sc[j]));
        lor[j] = v;
        if (!std::isfinite(v)) continue;
        ++ok;
        sum += v;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
        big = std::max(big, std::abs(v));
    }
    if (ok == 0) throw DomainError("power_ordinal: no cut has probability strictly between 0 and 1 in both arms");
    const double spread = hi - lo;
    if (spread > 0.05 * std::max(big, 1e-12) + 1e-9 && spread > 0.01) {
        std::string cuts;
        for (std::size_t j = 1; j < k; ++j) {
            if (!std::isfinite(lor[j])) continue;
            char buf[64];
            std::snprintf(buf, sizeof buf, "%zu|%zu: OR %.4g", j, j + 1, std::exp(lor[j]));
            cuts += (cuts.empty() ? "" : ", ") + std::string(buf);
        }
        throw DomainError("power_ordinal: the treated probabilities are not proportional odds to the control's "
                          "(cumulative odds ratios by cut " + cuts + "); give odds_ratio instead");
    }
    return std::exp(sum / static_cast<double>(ok));
}

PowerResult power_ordinal(std::span<const double> control, std::optional<double> odds_ratio,
                          std::optional<double> n_total, std::optional<double> power,
                          const OrdinalPowerOptions& options) {
    const char* who = "power_ordinal";
    check_probabilities(control, "control probabilities");
    if (!options.treated.empty()) {
        if (odds_ratio) throw DomainError("power_ordinal: give odds_ratio or treated probabilities, not both");
        odds_ratio = common_odds_ratio(control, options.treated);
    }
    if (odds_ratio) check_odds_ratio(*odds_ratio);
    const double a = options.allocation_ratio;
    if (!(std::isfinite(a) && a > 0))
        throw DomainError(std::string(who) + ": allocation_ratio (treated per control) must be finite and > 0, got " + num(a));
    const auto solved = detail::check_unknowns(who, options.alpha, odds_ratio, n_total, power);
    if (odds_ratio && *odds_ratio == 1 && solved == PowerSolved::n)
        throw DomainError(std::string(who) + ": odds_ratio 1 is no effect; no sample size detects it");

    struct At {
        std::vector<double> treated, mean;
        double info;  // 1 - sum pbar^3
    };
    auto at = [&](double r) {
        At x;
        x.treated = proportional_odds_shift(control, r);
        x.mean.resize(control.size());
        double s3 = 0;
        for (std::size_t i = 0; i < control.size(); ++i) {
            x.mean[i] = (control[i] + a * x.treated[i]) / (1 + a);
            s3 += x.mean[i] * x.mean[i] * x.mean[i];
        }
        x.info = 1 - s3;
        return x;
    };
    auto se_of = [&](double r, double n) {
        const double info = at(r).info;
        if (!(info > 0))
            throw DomainError(std::string(who) + ": every participant falls in one category, so no odds ratio is estimable");
        return std::sqrt(3 * (a + 1) * (a + 1) / (a * n * info));
    };
    auto power_at = [&](double r, double n) { return wald_power(std::log(r), se_of(r, n), options.alpha); };

    PowerResult out;
    out.alpha = options.alpha;
    out.solved = solved;
    if (solved == PowerSolved::power) {
        out.effect = *odds_ratio;
        out.n = *n_total;
        out.power = power_at(out.effect, out.n);
    } else if (solved == PowerSolved::n) {
        out.effect = *odds_ratio;
        out.power = *power;
        // Whitehead's closed form (one tail) starts the bracket; the two-tailed root lies just below it.
        const double z = z_upper(options.alpha / 2) + z_upper(1 - *power);
        const double lr = std::log(out.effect);
        const double closed = 3 * (a + 1) * (a + 1) * z * z / (a * lr * lr * at(out.effect).info);
        out.n = detail::solve_increasing([&](double n) { return power_at(out.effect, n); }, *power, closed * 0.5,
                                         closed * 1.01, who, "total sample size");
    } else {
        out.n = *n_total;
        out.power = *power;
        const double lr = detail::solve_increasing([&](double lr) { return power_at(std::exp(lr), out.n); },
                                                   *power, 1e-12, 30.0, who, "log odds ratio");
        out.effect = std::exp(lr);
    }
    const auto x = at(out.effect);
    out.standard_error = se_of(out.effect, out.n);
    out.control_probabilities.assign(control.begin(), control.end());
    out.treated_probabilities = x.treated;
    out.mean_probabilities = x.mean;
    out.n_label = "total participants";
    out.effect_label = "odds ratio";
    out.details = {{"allocation_ratio", a}, {"log_odds_ratio", std::log(out.effect)}};
    out.method = "Whitehead (1993) proportional odds: var(log OR) = 3(A+1)^2 / (A n (1 - sum pbar^3)), A = " +
                 num(a) + ", two-sided normal test";
    return out;
}

// ---- cluster-randomised trials ------------------------------------------------------------------------------

std::string_view to_string(OutcomeKind k) noexcept { return k == OutcomeKind::binary ? "binary" : "continuous"; }

OutcomeKind parse_outcome_kind(std::string_view s) {
    if (s == "continuous") return OutcomeKind::continuous;
    if (s == "binary") return OutcomeKind::binary;
    throw DomainError("unknown outcome '" + std::string(s) + "': use 'continuous' or 'binary'");
}

double design_effect(double m, double icc, double cv) {
    if (!(std::isfinite(m) && m >= 1)) throw DomainError("cluster_size must be finite and >= 1, got " + num(m));
    if (!(icc >= 0 && icc < 1)) throw DomainError("icc must lie in [0, 1), got " + num(icc));
    if (!(std::isfinite(cv) && cv >= 0)) throw DomainError("cv (of cluster sizes) must be finite and >= 0, got " + num(cv));
    return 1 + ((cv * cv + 1) * m - 1) * icc;
}

PowerResult power_cluster(std::optional<double> effect, std::optional<double> k, std::optional<double> power,
                          const ClusterPowerOptions& o) {
    const char* who = "power_cluster";
    if (o.treated_proportion) {
        if (effect || std::isnan(o.control_proportion))
            throw DomainError(std::string(who) + ": treated_proportion needs control_proportion and replaces effect");
        effect = *o.treated_proportion - o.control_proportion;
    }
    if (o.outcome == OutcomeKind::binary && std::isnan(o.control_proportion))
        throw DomainError(std::string(who) + ": a binary outcome needs control_proportion (p0)");
    const auto solved = detail::check_unknowns(who, o.alpha, effect, k, power);
    double de;
    try {
        de = design_effect(o.cluster_size, o.icc, o.cv);
    } catch (const DomainError& e) {
        throw DomainError(std::string(who) + ": " + e.what());
    }
    const bool binary = o.outcome == OutcomeKind::binary;
    const double p0 = o.control_proportion;
    if (binary) {
        if (!(p0 > 0 && p0 < 1)) throw DomainError(std::string(who) + ": control_proportion must lie in (0, 1), got " + num(p0));
        if (effect && !(p0 + *effect > 0 && p0 + *effect < 1))
            throw DomainError(std::string(who) + ": control_proportion + effect = " + num(p0 + *effect) +
                              " must lie in (0, 1)");
    } else if (!(std::isfinite(o.sd) && o.sd > 0)) {
        throw DomainError(std::string(who) + ": sd must be finite and > 0, got " + num(o.sd));
    }
    if (o.t_correction && k && *k <= 1)
        throw DomainError(std::string(who) + ": the t correction needs more than 1 cluster per arm (df = 2(k - 1)), got " + num(*k));
    if (solved == PowerSolved::n && *effect == 0)
        throw DomainError(std::string(who) + ": effect 0 is no effect; no number of clusters detects it");

    auto se_of = [&](double d, double kk) {
        const double v = binary ? p0 * (1 - p0) + (p0 + d) * (1 - p0 - d) : 2 * o.sd * o.sd;
        return std::sqrt(v * de / (kk * o.cluster_size));
    };
    auto df_of = [&](double kk) { return o.t_correction ? 2 * (kk - 1) : std::numeric_limits<double>::infinity(); };
    auto power_at = [&](double d, double kk) { return wald_power(d, se_of(d, kk), o.alpha, df_of(kk)); };

    PowerResult out;
    out.alpha = o.alpha;
    out.solved = solved;
    if (solved == PowerSolved::power) {
        out.effect = *effect;
        out.n = *k;
        out.power = power_at(out.effect, out.n);
    } else if (solved == PowerSolved::n) {
        out.effect = *effect;
        out.power = *power;
        out.n = detail::solve_increasing([&](double kk) { return power_at(out.effect, kk); }, *power,
                                         o.t_correction ? 1.5 : 1e-9, 1e9, who, "number of clusters per arm");
    } else {
        out.n = *k;
        out.power = *power;
        const double hi = binary ? (1 - p0) * (1 - 1e-12) : 1e6 * o.sd;
        out.effect = detail::solve_increasing([&](double d) { return power_at(d, out.n); }, *power, 0.0, hi, who,
                                              binary ? "treated proportion below 1" : "difference");
    }
    out.standard_error = se_of(out.effect, out.n);
    out.design_effect = de;
    out.df = df_of(out.n);
    out.n_label = "clusters per arm";
    out.effect_label = binary ? "difference in proportions" : "difference in means";
    out.details = {{"cluster_size", o.cluster_size}, {"icc", o.icc}, {"cv", o.cv},
                   {"individuals_per_arm", out.n * o.cluster_size}};
    if (binary) out.details.emplace_back("treated_proportion", p0 + out.effect);
    out.method = std::string("cluster randomised, ") + (binary ? "binary" : "continuous") +
                 " outcome: var = " + (binary ? "(p0 q0 + p1 q1)" : "2 sd^2") + " DE / (k m), DE = 1 + ((cv^2 + 1) m - 1) ICC = " +
                 num(de) + (o.t_correction ? ", t test with 2(k - 1) df" : ", normal test");
    return out;
}

// ---- difference-in-differences ------------------------------------------------------------------------------

std::string_view to_string(PrePostAnalysis e) noexcept {
    switch (e) {
        case PrePostAnalysis::post: return "post";
        case PrePostAnalysis::did: return "did";
        case PrePostAnalysis::ancova: return "ancova";
    }
    return "did";
}

PrePostAnalysis parse_pre_post_analysis(std::string_view name) {
    if (name == "post") return PrePostAnalysis::post;
    if (name == "did" || name == "diff" || name == "difference-in-differences") return PrePostAnalysis::did;
    if (name == "ancova") return PrePostAnalysis::ancova;
    throw DomainError("unknown estimator '" + std::string(name) + "': use 'post', 'did' or 'ancova'");
}

double did_variance_factor(PrePostAnalysis e, std::size_t m, std::size_t r, double rho) {
    if (m < 1 || r < 1)
        throw DomainError("power_did: pre_periods and post_periods must be >= 1, got " + std::to_string(m) + " and " +
                          std::to_string(r));
    if (!(rho >= 0 && rho < 1)) throw DomainError("power_did: rho must lie in [0, 1), got " + num(rho));
    const double md = static_cast<double>(m), rd = static_cast<double>(r);
    const double post = (1 + (rd - 1) * rho) / rd, pre = (1 + (md - 1) * rho) / md;
    switch (e) {
        case PrePostAnalysis::post: return post;
        case PrePostAnalysis::did: return pre + post - 2 * rho;
        case PrePostAnalysis::ancova: return post - md * rho * rho / (1 + (md - 1) * rho);
    }
    return pre + post - 2 * rho;
}

PowerResult power_did(std::optional<double> effect, std::optional<double> n, std::optional<double> power,
                      const DidPowerOptions& o) {
    const char* who = "power_did";
    const auto solved = detail::check_unknowns(who, o.alpha, effect, n, power);
    if (!(std::isfinite(o.sd) && o.sd > 0)) throw DomainError(std::string(who) + ": sd must be finite and > 0, got " + num(o.sd));
    if (!(std::isfinite(o.ratio) && o.ratio > 0))
        throw DomainError(std::string(who) + ": ratio (control units per treated unit) must be finite and > 0, got " + num(o.ratio));
    const double f = did_variance_factor(o.estimator, o.pre_periods, o.post_periods, o.rho);
    if (!(f > 0))
        throw DomainError(std::string(who) + ": with rho = " + num(o.rho) +
                          " the estimator's variance is 0 (outcomes perfectly persistent); nothing to compute");
    if (solved == PowerSolved::n && *effect == 0)
        throw DomainError(std::string(who) + ": effect 0 is no effect; no number of units detects it");
    auto se_of = [&](double nn) { return o.sd * std::sqrt((1 / nn + 1 / (o.ratio * nn)) * f); };

    PowerResult out;
    out.alpha = o.alpha;
    out.solved = solved;
    detail::solve_wald(out, solved, effect, n, power, o.alpha, se_of, 1e-9, 1e12, who, "number of treated units");
    out.design_effect = f;
    out.n_label = "treated units";
    out.effect_label = "difference in means";
    out.details = {{"sd", o.sd}, {"rho", o.rho}, {"pre_periods", static_cast<double>(o.pre_periods)},
                   {"post_periods", static_cast<double>(o.post_periods)}, {"ratio", o.ratio},
                   {"control_units", out.n * o.ratio}};
    out.method = "difference-in-differences power (McKenzie 2012), estimator " + std::string(to_string(o.estimator)) +
                 ", " + std::to_string(o.pre_periods) + " pre and " + std::to_string(o.post_periods) +
                 " post periods, rho = " + num(o.rho) + ": var = sd^2 (1/n1 + 1/n0) f, f = " + num(f) +
                 ", normal test";
    return out;
}

}  // namespace hp::evaluation
