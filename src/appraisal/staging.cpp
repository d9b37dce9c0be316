#include "healthyplaces/appraisal/staging.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <optional>

#include "healthyplaces/appraisal/normal.hpp"
#include "healthyplaces/base/cancel.hpp"
#include "healthyplaces/base/error.hpp"
#include "healthyplaces/base/params.hpp"
#include "healthyplaces/stats/fast_variates.hpp"
#include "healthyplaces/stats/parallel.hpp"
#include "healthyplaces/stats/random.hpp"
#include "healthyplaces/stats/test_result.hpp"

namespace hp::appraisal {

// Private helpers carry the part's name: the box compiles as one translation unit.
namespace staging_detail {

constexpr const char* who = "single_step_or_staged: ";
constexpr std::int64_t block = 1024;  // draws per RandomStream block
constexpr int quadrature_nodes = 4096;

std::string num(double x) { return stats::format_number(x); }

double pdf(double z) { return std::exp(-0.5 * z * z) / std::sqrt(2.0 * std::numbers::pi); }
double cdf(double z) { return 0.5 * std::erfc(-z / std::numbers::sqrt2); }

void check_se(double se) {
    if (!(std::isfinite(se) && se > 0))
        throw DomainError(std::string(who) + "se (the pilot estimate's standard error) must be finite and > 0, got " +
                          num(se));
}

// The rule's threshold on the estimate when it does not depend on the prior (threshold and significance rules).
std::optional<double> user_threshold(const DecisionRule& rule, double se) {
    switch (rule.kind) {
        case RuleKind::optimal: return std::nullopt;
        case RuleKind::threshold:
            if (!std::isfinite(rule.threshold))
                throw DomainError(std::string(who) + "rule threshold must be finite, got " + num(rule.threshold));
            return rule.threshold;
        case RuleKind::significance:
            if (!(rule.alpha > 0 && rule.alpha < 1))
                throw DomainError(std::string(who) + "rule alpha must lie in (0, 1), got " + num(rule.alpha));
            return finance::quantile(finance::Uncertain::normal(0, 1), 1 - rule.alpha / 2) * se;
    }
    return std::nullopt;
}

/// The posterior mean of θ given x for a prior represented by equal-probability nodes (log-sum-exp weights).
struct Quadrature {
    std::vector<double> nodes;
    explicit Quadrature(const finance::Uncertain& prior) {
        nodes.resize(quadrature_nodes);
        for (int i = 0; i < quadrature_nodes; ++i)
            nodes[static_cast<std::size_t>(i)] = finance::quantile(prior, (i + 0.5) / quadrature_nodes);
    }
    EffectPosterior posterior(double x, double se) const {
        double top = -std::numeric_limits<double>::infinity();
        for (double t : nodes) top = std::max(top, -0.5 * ((x - t) / se) * ((x - t) / se));
        double w = 0, s1 = 0;
        for (double t : nodes) {
            const double l = std::exp(-0.5 * ((x - t) / se) * ((x - t) / se) - top);
            w += l;
            s1 += l * t;
        }
        const double mean = s1 / w;
        double s2 = 0;
        for (double t : nodes) s2 += std::exp(-0.5 * ((x - t) / se) * ((x - t) / se) - top) * (t - mean) * (t - mean);
        return {mean, std::sqrt(s2 / w)};
    }
};

/// The x at which the posterior mean reaches `target` (the posterior mean rises with x: a normal likelihood has
/// monotone likelihood ratio); −inf when even the lowest x integrates, +inf when none does.
double optimal_threshold(const finance::Uncertain& prior, double se, double target) {
    const double mu = finance::mean(prior), sd = finance::sd(prior);
    if (prior.kind == finance::UncertainKind::normal) {
        const double k = sd * sd / (sd * sd + se * se);
        return mu + (target - mu) / k;
    }
    const Quadrature q(prior);
    if (target <= q.nodes.front()) return -std::numeric_limits<double>::infinity();
    if (target >= q.nodes.back()) return std::numeric_limits<double>::infinity();
    const double span = sd + se;
    double lo = mu - span, hi = mu + span;
    for (int i = 0; i < 80 && q.posterior(lo, se).mean > target; ++i) lo -= (hi - lo);
    for (int i = 0; i < 80 && q.posterior(hi, se).mean < target; ++i) hi += (hi - lo);
    if (q.posterior(lo, se).mean > target) return -std::numeric_limits<double>::infinity();
    if (q.posterior(hi, se).mean < target) return std::numeric_limits<double>::infinity();
    for (int i = 0; i < 200 && hi - lo > 1e-12 * std::max(1.0, std::fabs(lo) + std::fabs(hi)); ++i) {
        const double mid = 0.5 * (lo + hi);
        (q.posterior(mid, se).mean < target ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

/// The tree for drawing, from the paths' values and the pilot branch's conditional values (before its cost).
std::vector<StagedTreeNode> tree(const StagedDecision& d, double value_if_integrated, double value_if_not) {
    const double p = d.p_integrate, cost = d.pilot_cost, v0 = d.ev_do_minimum;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double top = std::max({d.ev_integrate_now, d.ev_pilot, d.ev_do_minimum});
    const double hi_int = p > 0 ? value_if_integrated - cost : nan, lo_int = p < 1 ? value_if_not - cost : nan;
    const double hi_min = p > 0 ? v0 - cost : nan, lo_min = p < 1 ? v0 - cost : nan;
    return {
        {0, -1, "decision", "integrate now, pilot first or do minimum?", 1, top, true},
        {1, 0, "terminal", "integrate now", 1, d.ev_integrate_now, d.best == StagingPath::integrate_now},
        {2, 0, "chance", "pilot first", 1, d.ev_pilot, d.best == StagingPath::pilot_then_decide},
        {3, 0, "terminal", "do minimum", 1, d.ev_do_minimum, d.best == StagingPath::do_minimum},
        {4, 2, "decision", "estimate above threshold", p, hi_int, p > 0},
        {5, 2, "decision", "estimate at or below threshold", 1 - p, lo_min, p < 1},
        {6, 4, "terminal", "integrate", 1, hi_int, true},
        {7, 4, "terminal", "do minimum", 1, hi_min, false},
        {8, 5, "terminal", "integrate", 1, lo_int, false},
        {9, 5, "terminal", "do minimum", 1, lo_min, true},
    };
}

StagingPath best_of(double now, double pilot, double minimum) {
    // Ties go to the simpler path: do minimum, then integrate now.
    if (minimum >= now && minimum >= pilot) return StagingPath::do_minimum;
    return now >= pilot ? StagingPath::integrate_now : StagingPath::pilot_then_decide;
}

/// Running mean and sum of squared deviations (Chan et al.'s pairwise update, combined in block order).
struct Moments {
    double n = 0, mean = 0, m2 = 0;
    void add(double x) {
        n += 1;
        const double d = x - mean;
        mean += d / n;
        m2 += d * (x - mean);
    }
    void merge(const Moments& o) {
        if (o.n == 0) return;
        const double total = n + o.n, d = o.mean - mean;
        mean += d * o.n / total;
        m2 += o.m2 + d * d * n * o.n / total;
        n = total;
    }
    double se() const { return n > 1 ? std::sqrt(m2 / (n - 1) / n) : std::numeric_limits<double>::quiet_NaN(); }
};

struct BlockSums {
    Moments pilot, evsi, evpi, integrate;
    double sum_if_integrated = 0, sum_if_not = 0;
    std::int64_t integrated = 0;
};

}  // namespace staging_detail

std::string_view to_string(EffectScale s) noexcept { return s == EffectScale::npv ? "npv" : "per_year"; }

EffectScale parse_effect_scale(std::string_view name) {
    namespace st = staging_detail;
    if (name == "per_year") return EffectScale::per_year;
    if (name == "npv") return EffectScale::npv;
    throw DomainError(std::string(st::who) + "scale must be one of per_year, npv, got '" +
                      std::string(name) + "'");
}

std::string_view to_string(PilotDesignKind k) noexcept {
    switch (k) {
        case PilotDesignKind::parallel: return "parallel";
        case PilotDesignKind::did: return "did";
        case PilotDesignKind::stepped_wedge: return "stepped_wedge";
    }
    return "stepped_wedge";
}

PilotDesignKind parse_pilot_design_kind(std::string_view name) {
    namespace st = staging_detail;
    if (name == "parallel" || name == "cluster") return PilotDesignKind::parallel;
    if (name == "did") return PilotDesignKind::did;
    if (name == "stepped_wedge") return PilotDesignKind::stepped_wedge;
    throw DomainError(std::string(st::who) + "design must be one of parallel, did, stepped_wedge, got '" +
                      std::string(name) + "'");
}

std::string_view to_string(RuleKind k) noexcept {
    switch (k) {
        case RuleKind::optimal: return "optimal";
        case RuleKind::threshold: return "threshold";
        case RuleKind::significance: return "significance";
    }
    return "optimal";
}

RuleKind parse_rule_kind(std::string_view name) {
    namespace st = staging_detail;
    if (name == "optimal") return RuleKind::optimal;
    if (name == "threshold") return RuleKind::threshold;
    if (name == "significance") return RuleKind::significance;
    throw DomainError(std::string(st::who) + "rule must be one of optimal, threshold, significance, got '" +
                      std::string(name) + "'");
}

std::string_view to_string(StagingPath p) noexcept {
    switch (p) {
        case StagingPath::integrate_now: return "integrate now";
        case StagingPath::pilot_then_decide: return "pilot then decide";
        case StagingPath::do_minimum: return "do minimum";
    }
    return "do minimum";
}

StagingCoefficients staging_coefficients(const StagingModel& m) {
    namespace st = staging_detail;
    const std::string w = st::who;
    auto nonnegative = [&](double x, const char* field) {
        if (!(std::isfinite(x) && x >= 0)) throw DomainError(w + field + " must be finite and >= 0, got " + st::num(x));
    };
    if (!(std::isfinite(m.value_per_unit) && m.value_per_unit > 0))
        throw DomainError(w + "value_per_unit must be finite and > 0 (state the effect so that larger is better), "
                              "got " + st::num(m.value_per_unit));
    if (m.horizon < 1 || m.horizon > 10000)
        throw DomainError(w + "horizon must be 1 to 10,000 years, got " + std::to_string(m.horizon));
    if (m.pilot_years < 1)
        throw DomainError(w + "pilot_years must be at least 1, got " + std::to_string(m.pilot_years));
    if (m.lag < 0) throw DomainError(w + "lag must be >= 0 years, got " + std::to_string(m.lag));
    nonnegative(m.restructuring_cost, "restructuring_cost");
    nonnegative(m.running_cost, "running_cost");
    nonnegative(m.pilot_cost, "pilot_cost");
    if (!std::isfinite(m.do_minimum)) throw DomainError(w + "do_minimum must be finite, got " + st::num(m.do_minimum));
    if (!m.discounting.declining && !(std::isfinite(m.discounting.rate) && m.discounting.rate >= 0))
        throw DomainError(w + "rate must be finite and >= 0 (the Green Book's is 0.035), got " +
                          st::num(m.discounting.rate));
    if (m.scale == EffectScale::per_year && m.pilot_years + static_cast<std::int64_t>(m.lag) > m.horizon)
        throw DomainError(w + "pilot_years + lag (" + std::to_string(m.pilot_years + static_cast<std::int64_t>(m.lag)) +
                          ") must not exceed the horizon (" + std::to_string(m.horizon) +
                          "): integrating after the pilot would bring no benefit within it");
    if (m.scale == EffectScale::npv && m.pilot_years > m.horizon)
        throw DomainError(w + "pilot_years (" + std::to_string(m.pilot_years) + ") must not exceed the horizon (" +
                          std::to_string(m.horizon) + ")");
    if (m.scale == EffectScale::npv && m.running_cost != 0)
        throw DomainError(w + "running_cost must be 0 with scale='npv' (the effect's net present value includes the "
                              "running costs), got " + st::num(m.running_cost));

    StagingCoefficients c;
    c.discount_factor = finance::discount_factors(m.horizon, m.discounting);
    const auto& d = c.discount_factor;
    const auto H = static_cast<std::size_t>(m.horizon);
    auto sum_from = [&](std::size_t first) {
        double s = 0;
        for (std::size_t t = first; t <= H; ++t) s += d[t];
        return s;
    };
    const auto s_after = static_cast<std::size_t>(m.pilot_years);
    if (m.scale == EffectScale::per_year) {
        c.a_now = m.value_per_unit * sum_from(static_cast<std::size_t>(m.lag));
        c.a_after = m.value_per_unit * sum_from(s_after + static_cast<std::size_t>(m.lag));
        c.c_now = -m.restructuring_cost - m.running_cost * sum_from(1);
        c.c_after = -m.restructuring_cost * d[s_after] - m.running_cost * sum_from(s_after + 1);
    } else {
        c.a_now = m.value_per_unit;
        c.a_after = m.value_per_unit * d[s_after];
        c.c_now = -m.restructuring_cost;
        c.c_after = -m.restructuring_cost * d[s_after];
    }
    double spread = 0;
    for (std::size_t t = 0; t < s_after; ++t) spread += d[t];
    c.pilot_cost = m.pilot_cost / m.pilot_years * spread;
    // Values beyond the double range, or a rate so high that nothing after the pilot is worth anything, would
    // turn the break-even effect into inf or NaN: refuse them here, naming the inputs.
    if (!(std::isfinite(c.a_now) && std::isfinite(c.c_now) && std::isfinite(c.a_after) && std::isfinite(c.c_after) &&
          std::isfinite(c.pilot_cost)))
        throw DomainError(w + "value_per_unit and the costs over the horizon exceed the double range");
    if (!(c.a_after > 0))
        throw DomainError(w + "rate " + st::num(m.discounting.rate) +
                          " discounts the years after the pilot to nothing");
    return c;
}

double pilot_standard_error(const PilotDesign& p) {
    namespace st = staging_detail;
    using namespace evaluation;
    const std::string w = st::who;
    PowerResult r;
    // The standard error of a continuous outcome's estimate does not depend on the effect: solve for power at 1.
    switch (p.kind) {
        case PilotDesignKind::parallel:
            if (p.cluster.outcome != OutcomeKind::continuous)
                throw DomainError(w + "the pilot's outcome must be continuous (a binary outcome's standard error "
                                      "depends on the effect: give se directly)");
            r = power_cluster(1.0, p.clusters_per_arm, std::nullopt, p.cluster);
            break;
        case PilotDesignKind::did: r = power_did(1.0, p.n_treated, std::nullopt, p.did); break;
        case PilotDesignKind::stepped_wedge:
            r = power_stepped_wedge(p.design, 1.0, p.cluster_size, std::nullopt, p.stepped_wedge);
            break;
    }
    return r.standard_error;
}

EffectPosterior effect_posterior(const finance::Uncertain& prior, double se, double estimate) {
    namespace st = staging_detail;
    st::check_se(se);
    if (!std::isfinite(estimate))
        throw DomainError(std::string(st::who) + "estimate must be finite, got " +
                          st::num(estimate));
    const double mu = finance::mean(prior), sd = finance::sd(prior);
    if (prior.kind == finance::UncertainKind::fixed || sd == 0) return {mu, 0.0};
    if (prior.kind == finance::UncertainKind::normal) {
        const double k = sd * sd / (sd * sd + se * se);
        return {mu + k * (estimate - mu), sd * se / std::sqrt(sd * sd + se * se)};
    }
    return st::Quadrature(prior).posterior(estimate, se);
}

StagedDecision staged_decision(const finance::Uncertain& prior, double se, const StagingModel& model,
                               const DecisionRule& rule) {
    namespace st = staging_detail;
    if (prior.kind != finance::UncertainKind::normal)
        throw DomainError(std::string(st::who) + "the closed form needs a normal prior, got " +
                          finance::to_string(prior) +
                          " (use the Monte Carlo method: n_sims >= 1)");
    if (!(prior.b > 0)) throw DomainError(std::string(st::who) + "the prior's sd must be > 0, got " + st::num(prior.b));
    st::check_se(se);
    StagedDecision d;
    d.method = "closed form";
    d.se = se;
    d.prior_mean = prior.a;
    d.prior_sd = prior.b;
    d.coefficients = staging_coefficients(model);
    const auto& c = d.coefficients;
    const double mu = prior.a, s0 = prior.b, v0 = model.do_minimum;
    const double sx = std::sqrt(s0 * s0 + se * se);
    d.sigma_pre = s0 * s0 / sx;
    d.break_even = (v0 - c.c_after) / c.a_after;
    const auto fixed = st::user_threshold(rule, se);
    d.threshold = fixed ? *fixed : st::optimal_threshold(prior, se, d.break_even);
    d.threshold_now = fixed ? *fixed : st::optimal_threshold(prior, se, (v0 - c.c_now) / c.a_now);

    // Deciding in year s with the information and threshold t: V0 + m_s Φ(−z) + a_s σ_pre φ(z).
    const double m_now = c.a_now * mu + c.c_now - v0, m_after = c.a_after * mu + c.c_after - v0;
    const double z = (d.threshold - mu) / sx, z_now = (d.threshold_now - mu) / sx;
    d.p_integrate = st::cdf(-z);
    const double gain_after = m_after * st::cdf(-z) + c.a_after * d.sigma_pre * st::pdf(z);
    const double gain_now = m_now * st::cdf(-z_now) + c.a_now * d.sigma_pre * st::pdf(z_now);
    d.ev_integrate_now = c.a_now * mu + c.c_now;
    d.ev_do_minimum = v0;
    d.pilot_cost = c.pilot_cost;
    d.ev_pilot = v0 + gain_after - c.pilot_cost;
    d.evsi = gain_now - std::max(m_now, 0.0);
    d.evpi = normal_evpi(m_now, c.a_now * s0);
    d.engs = d.ev_pilot - std::max(d.ev_integrate_now, v0);
    d.delay_cost = d.evsi - d.pilot_cost - d.engs;
    d.best = st::best_of(d.ev_integrate_now, d.ev_pilot, v0);
    // E[V_after | x > t] and E[V_after | x <= t]: the truncated-normal means of E[θ | x].
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double p = d.p_integrate;
    const double if_int = p > 0 ? c.a_after * (mu + d.sigma_pre * st::pdf(z) / p) + c.c_after : nan;
    const double if_not = p < 1 ? c.a_after * (mu - d.sigma_pre * st::pdf(z) / (1 - p)) + c.c_after : nan;
    d.tree = st::tree(d, if_int, if_not);
    return d;
}

StagedDecision simulate_staged_decision(const finance::Uncertain& prior, double se, const StagingModel& model,
                                        const DecisionRule& rule, const StagingSimulation& sim) {
    namespace st = staging_detail;
    st::check_se(se);
    check_count(sim.n_sims, std::string(st::who) + "n_sims", 1);
    check_threads(sim.threads, std::string(st::who) + "threads");
    if (prior.kind == finance::UncertainKind::fixed || !(finance::sd(prior) > 0))
        throw DomainError(std::string(st::who) + "the prior must be uncertain (sd > 0), got " +
                          finance::to_string(prior) +
                          ": with the effect known there is nothing for a pilot to learn");
    StagedDecision d;
    d.method = "Monte Carlo";
    d.se = se;
    d.prior_mean = finance::mean(prior);
    d.prior_sd = finance::sd(prior);
    d.n_sims = sim.n_sims;
    d.seed = sim.seed;
    d.coefficients = staging_coefficients(model);
    const auto c = d.coefficients;
    const double v0 = model.do_minimum, mu = d.prior_mean;
    if (prior.kind == finance::UncertainKind::normal) {
        const double s0 = d.prior_sd;
        d.sigma_pre = s0 * s0 / std::sqrt(s0 * s0 + se * se);
    }
    d.break_even = (v0 - c.c_after) / c.a_after;
    const auto fixed = st::user_threshold(rule, se);
    d.threshold = fixed ? *fixed : st::optimal_threshold(prior, se, d.break_even);
    d.threshold_now = fixed ? *fixed : st::optimal_threshold(prior, se, (v0 - c.c_now) / c.a_now);
    const double t_after = d.threshold, t_now = d.threshold_now;
    const bool now_better = c.a_now * mu + c.c_now > v0;  // the decision without information (exact)
    // A normal prior and the estimate's noise by the ziggurat (inversion would take most of the time); other
    // priors by inversion, as hp::finance draws them.
    const bool normal_prior = prior.kind == finance::UncertainKind::normal;

    const std::int64_t n_blocks = (sim.n_sims + st::block - 1) / st::block;
    std::vector<st::BlockSums> sums(static_cast<std::size_t>(n_blocks));
    stats::parallel_for(n_blocks, sim.threads, [&](std::int64_t begin, std::int64_t end, int) {
        for (std::int64_t b = begin; b < end; ++b) {
            stats::RandomStream rng(sim.seed, static_cast<std::uint64_t>(b));
            st::BlockSums& s = sums[static_cast<std::size_t>(b)];
            const std::int64_t n = std::min(st::block, sim.n_sims - b * st::block);
            for (std::int64_t i = 0; i < n; ++i) {
                const double theta =
                    normal_prior ? prior.a + prior.b * stats::standard_normal(rng) : finance::draw(prior, rng);
                const double x = theta + se * stats::standard_normal(rng);
                const double now = c.a_now * theta + c.c_now, after = c.a_after * theta + c.c_after;
                const double base = now_better ? now : v0;
                const bool integrate = x > t_after;
                s.pilot.add(integrate ? after : v0);
                s.integrate.add(integrate ? 1.0 : 0.0);
                s.evsi.add((x > t_now ? now : v0) - base);
                s.evpi.add(std::max(now, v0) - base);
                if (integrate) {
                    s.sum_if_integrated += after;
                    ++s.integrated;
                } else {
                    s.sum_if_not += after;
                }
            }
        }
    });
    st::BlockSums all;
    double sum_if_integrated = 0, sum_if_not = 0;
    std::int64_t integrated = 0;
    for (const auto& s : sums) {  // block order: the same sums for any thread count
        all.pilot.merge(s.pilot);
        all.integrate.merge(s.integrate);
        all.evsi.merge(s.evsi);
        all.evpi.merge(s.evpi);
        sum_if_integrated += s.sum_if_integrated;
        sum_if_not += s.sum_if_not;
        integrated += s.integrated;
    }
    d.ev_integrate_now = c.a_now * mu + c.c_now;
    d.ev_do_minimum = v0;
    d.pilot_cost = c.pilot_cost;
    d.ev_pilot = all.pilot.mean - c.pilot_cost;
    d.se_ev_pilot = all.pilot.se();
    d.p_integrate = all.integrate.mean;
    d.se_p_integrate = all.integrate.se();
    d.evsi = all.evsi.mean;
    d.se_evsi = all.evsi.se();
    d.evpi = all.evpi.mean;
    d.se_evpi = all.evpi.se();
    d.engs = d.ev_pilot - std::max(d.ev_integrate_now, v0);
    d.delay_cost = d.evsi - d.pilot_cost - d.engs;
    d.best = st::best_of(d.ev_integrate_now, d.ev_pilot, v0);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const auto not_integrated = sim.n_sims - integrated;
    d.tree = st::tree(d, integrated ? sum_if_integrated / static_cast<double>(integrated) : nan,
                  not_integrated ? sum_if_not / static_cast<double>(not_integrated) : nan);
    return d;
}

}  // namespace hp::appraisal
