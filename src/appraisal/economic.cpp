#include "healthyplaces/appraisal/economic.hpp"

#include <boost/math/special_functions/beta.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <utility>

#include "healthyplaces/base/cancel.hpp"
#include "healthyplaces/base/error.hpp"
#include "healthyplaces/base/params.hpp"
#include "healthyplaces/stats/parallel.hpp"
#include "healthyplaces/stats/random.hpp"
#include "healthyplaces/stats/test_result.hpp"

namespace hp::appraisal {
// Private helpers in their own namespace: the box's sources compile as one translation unit.
namespace economic_detail {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr std::int64_t max_kept_values = 250'000'000;

std::string in_quotes(const std::string& s) { return "\"" + s + "\""; }
std::string num(double x) { return stats::format_number(x); }

bool same_distribution(const finance::Uncertain& a, const finance::Uncertain& b) {
    return a.kind == b.kind && a.a == b.a && a.b == b.b && a.c == b.c;
}

std::string flow_label(const Option& o, const finance::Flow& f, std::size_t i) {
    return "option " + in_quotes(o.name) + " flow " + std::to_string(i) +
           (f.name.empty() ? std::string() : " (" + in_quotes(f.name) + ")");
}

// One option's present-value coefficient on each input it uses: NPSV = Σ (benefit − cost) · value.
struct Term {
    std::size_t input;
    double pv_benefit, pv_cost;  // per unit of the input, discounted, with optimism bias
};

// Type-7 quantile (numpy's default) of sorted values.
double quantile_sorted(const std::vector<double>& s, double p) {
    const double h = p * static_cast<double>(s.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const std::size_t hi = std::min(lo + 1, s.size() - 1);
    return s[lo] + (h - static_cast<double>(lo)) * (s[hi] - s[lo]);
}

// The preferred option's index for expected net benefits m (first on ties).
int argmax_first(const double* m, std::size_t n) {
    std::size_t best = 0;
    for (std::size_t k = 1; k < n; ++k)
        if (m[k] > m[best]) best = k;
    return static_cast<int>(best);
}


// Inversion draws of gamma and beta inputs for large runs. finance::draw inverts u = (k + ½)·2⁻⁵³ with Boost's
// quantile, which costs 6 µs (gamma) to 20 µs (beta) a draw. This keeps the same uniforms and the same inversion,
// F⁻¹(u), but starts from a table of finance::quantile in the log-odds of u (linear interpolation) and polishes
// with Newton steps on the CDF (on its complement above the median, where 1 − u is exact): the same value to a
// few ulps (tested against finance::quantile, tails included) at about a tenth of the cost. Anything unexpected
// (a step leaving the support, no convergence) falls back to finance::quantile.
class FastInverse {
public:
    static constexpr int table_size = 2049;
    static constexpr double t_max = 38.0;  // log-odds of the extreme uniforms: ±ln(2⁵⁴) ≈ ±37.4

    /// A fast inverse for gamma and beta with sd > 0; active() is false for every other input.
    explicit FastInverse(const finance::Uncertain& u) : u_(u) {
        using finance::UncertainKind;
        if (!(u.b > 0) || (u.kind != UncertainKind::gamma && u.kind != UncertainKind::beta)) return;
        gamma_ = u.kind == UncertainKind::gamma;
        // The parameters finance::quantile uses: gamma shape (mean/sd)², scale sd²/mean; beta α = mean·ν,
        // β = (1 − mean)·ν with ν = mean(1 − mean)/sd² − 1.
        if (gamma_) {
            p1_ = (u.a / u.b) * (u.a / u.b);
            p2_ = u.b * u.b / u.a;
        } else {
            const double nu = u.a * (1 - u.a) / (u.b * u.b) - 1;
            p1_ = u.a * nu;
            p2_ = (1 - u.a) * nu;
        }
        x_.resize(table_size);
        for (int i = 0; i < table_size; ++i) {
            const double t = -t_max + 2 * t_max * i / (table_size - 1);
            x_[static_cast<std::size_t>(i)] = finance::quantile(u, 1 / (1 + std::exp(-t)));
        }
        active_ = true;
    }
    bool active() const { return active_; }

    double operator()(double p) const {
        const double t = std::log(p / (1 - p));
        const double pos = (t + t_max) / (2 * t_max) * (table_size - 1);
        const auto i = static_cast<std::size_t>(std::clamp(pos, 0.0, table_size - 2.0));
        const double w = std::clamp(pos - static_cast<double>(i), 0.0, 1.0);
        double x = x_[i] + w * (x_[i + 1] - x_[i]);
        const bool upper = p > 0.5;
        const double target = upper ? 1 - p : p;
        for (int it = 0; it < 8; ++it) {
            double f = 0, d = 0;
            // In double throughout: Boost's default promotes to long double, several times slower.
            using fast_policy = boost::math::policies::policy<boost::math::policies::promote_double<false>>;
            if (gamma_) {
                const double y = x / p2_;
                f = upper ? boost::math::gamma_q(p1_, y, fast_policy()) : boost::math::gamma_p(p1_, y, fast_policy());
                d = boost::math::gamma_p_derivative(p1_, y, fast_policy()) / p2_;
            } else {
                f = upper ? boost::math::ibetac(p1_, p2_, x, fast_policy()) : boost::math::ibeta(p1_, p2_, x, fast_policy());
                d = boost::math::ibeta_derivative(p1_, p2_, x, fast_policy());
            }
            if (!(d > 0)) break;
            const double step = (upper ? target - f : f - target) / d;
            const double next = x - step;
            if (!(next > 0) || (!gamma_ && !(next < 1)) || !std::isfinite(next)) break;
            x = next;
            // Newton's error squares each step: once a step is below 1e-9 of x, x is right to rounding.
            if (std::fabs(step) <= 1e-9 * x) return x;
        }
        return finance::quantile(u_, p);
    }

private:
    finance::Uncertain u_;
    bool active_ = false, gamma_ = false;
    double p1_ = 0, p2_ = 0;
    std::vector<double> x_;
};

// Runs long enough that the tables (2,049 quantiles per gamma or beta input) pay for themselves.
constexpr std::int64_t fast_inverse_from = 20000;
}  // namespace economic_detail

std::vector<double> economic_detail::fast_quantiles(const finance::Uncertain& u, const std::vector<double>& p) {
    const economic_detail::FastInverse inverse(u);
    std::vector<double> out;
    for (double q : p) out.push_back(inverse.active() && q > 0 && q < 1 ? inverse(q) : finance::quantile(u, q));
    return out;
}

std::vector<double> default_wtp(const std::vector<double>& npsv, const std::vector<double>& quantity) {
    bool any = false;
    for (double q : quantity) any = any || q != 0;
    if (!any) return {0.0};
    // The largest value per unit at which two options' expected net benefits cross.
    double top = 0;
    for (std::size_t a = 0; a < npsv.size(); ++a)
        for (std::size_t b = a + 1; b < npsv.size(); ++b) {
            const double dq = quantity[b] - quantity[a];
            if (dq == 0) continue;
            const double cross = (npsv[a] - npsv[b]) / dq;
            if (std::isfinite(cross) && cross > top) top = cross;
        }
    if (top == 0) {
        double mn = 0, mq = 0;
        for (double x : npsv) mn = std::max(mn, std::fabs(x));
        for (double q : quantity) mq = std::max(mq, std::fabs(q));
        top = mq > 0 && mn > 0 ? mn / mq : 0.5;
    }
    std::vector<double> grid(21);
    for (std::size_t i = 0; i < grid.size(); ++i) grid[i] = 2 * top * static_cast<double>(i) / 20.0;
    return grid;
}

std::vector<double> net_benefit_at(const EconomicAppraisal& a, double wtp) {
    if (!std::isfinite(wtp))
        throw DomainError("net_benefit_at: wtp (the value per unit of non-monetised benefit) must be finite, got " +
                          economic_detail::num(wtp));
    std::vector<double> out(a.net_benefit.size());
    for (std::size_t j = 0; j < out.size(); ++j) out[j] = a.net_benefit[j] + wtp * a.non_monetised[j];
    return out;
}

namespace economic_detail {
// The appraisal split in three steps, so a run can be cut into slices of whole blocks (on Dask, say) and
// finished once: prepare (validation and everything at the means), draw (the simulations of some blocks) and
// finish (the PSA's statistics from every draw, in simulation order). appraise is the three in a row.
struct Prepared {
    EconomicAppraisal out;                 // everything but the PSA
    std::vector<std::vector<Term>> terms;  // per option
    std::vector<int> benefit_input;        // per option: its non-monetised input, or -1
};

Prepared prepare(const std::vector<Option>& options, const EconomicOptions& s) {
    using finance::FlowKind;
    const std::string where = "appraise: ";
    if (options.empty()) throw DomainError(where + "options must hold at least one option (business as usual)");
    if (s.horizon < 1 || s.horizon > 10000)
        throw DomainError(where + "horizon must be a whole number of years from 1 to 10,000, got " +
                          std::to_string(s.horizon));
    check_count(s.n_sims, "appraise: n_sims", 0);
    check_count(s.block_size, "appraise: block_size", 1);
    check_threads(s.threads, "appraise: threads");
    if (!(s.range_low > 0 && s.range_low < s.range_high && s.range_high < 1))
        throw DomainError(where + "switching ranges' quantiles need 0 < range_low < range_high < 1, got " +
                          num(s.range_low) + " and " + num(s.range_high));
    if (s.wtp.size() > 1000)
        throw DomainError(where + "wtp holds at most 1,000 values, got " + std::to_string(s.wtp.size()));
    for (double w : s.wtp)
        if (!(std::isfinite(w) && w >= 0))
            throw DomainError(where + "wtp (values per unit of non-monetised benefit) must be finite and >= 0, got " +
                              num(w));

    Prepared prep;
    EconomicAppraisal& out = prep.out;
    out.horizon = s.horizon;
    out.discounting = s.discounting;
    out.discount_factor = finance::discount_factors(s.horizon, s.discounting);
    out.n_sims = s.n_sims;
    out.block_size = s.block_size;
    out.seed = s.seed;
    const std::size_t n_opt = options.size(), n_t = out.discount_factor.size();
    const auto& D = out.discount_factor;

    // Names, the comparator.
    for (std::size_t k = 0; k < n_opt; ++k) {
        if (options[k].name.empty()) throw DomainError(where + "option " + std::to_string(k) + " has no name");
        for (std::size_t j = 0; j < k; ++j)
            if (options[j].name == options[k].name)
                throw DomainError(where + "option names must be distinct: " + in_quotes(options[k].name) +
                                  " is options " + std::to_string(j) + " and " + std::to_string(k));
    }
    out.business_as_usual = 0;
    if (!s.business_as_usual.empty()) {
        out.business_as_usual = -1;
        for (std::size_t k = 0; k < n_opt; ++k)
            if (options[k].name == s.business_as_usual) out.business_as_usual = static_cast<int>(k);
        if (out.business_as_usual < 0) {
            std::string names;
            for (const auto& o : options) names += (names.empty() ? "" : ", ") + in_quotes(o.name);
            throw DomainError(where + "business_as_usual " + in_quotes(s.business_as_usual) +
                              " is not an option; the options are " + names);
        }
    }

    // Inputs by name, in order of first appearance; the same name must be the same distribution.
    std::map<std::string, std::size_t> index;
    auto input_of = [&](const std::string& name, const finance::Uncertain& u, const Option& o, bool benefit) {
        auto it = index.find(name);
        if (it == index.end()) {
            index.emplace(name, out.inputs.size());
            out.inputs.push_back({name, u, finance::mean(u), {o.name}, benefit});
            return out.inputs.size() - 1;
        }
        AppraisalInput& in = out.inputs[it->second];
        if (!same_distribution(in.distribution, u))
            throw DomainError(where + "input " + in_quotes(name) + " is " + finance::to_string(in.distribution) +
                              " in option " + in_quotes(in.options.front()) + " but " + finance::to_string(u) +
                              " in option " + in_quotes(o.name) +
                              ": one name is one quantity (give different quantities different names)");
        if (in.non_monetised != benefit)
            throw DomainError(where + "input " + in_quotes(name) + " is both a flow and a non-monetised benefit (in "
                              "options " + in_quotes(in.options.front()) + " and " + in_quotes(o.name) + ")");
        if (in.options.back() != o.name) in.options.push_back(o.name);
        return it->second;
    };

    std::vector<std::vector<Term>>& terms = prep.terms;
    std::vector<int>& benefit_input = prep.benefit_input;
    terms.assign(n_opt, {});
    benefit_input.assign(n_opt, -1);
    for (std::size_t k = 0; k < n_opt; ++k) {
        const Option& o = options[k];
        OptionAppraisal& r = out.options.emplace_back();
        r.name = o.name;
        r.optimism_bias = o.optimism_bias;
        const OptimismBias& ob = o.optimism_bias;
        const std::pair<const char*, double> uplifts[] = {
            {"capital", ob.capital}, {"operating", ob.operating}, {"duration", ob.duration}};
        for (const auto& [what, v] : uplifts)
            if (!(std::isfinite(v) && v >= 0))
                throw DomainError(where + "option " + in_quotes(o.name) + " optimism bias " + what +
                                  " must be finite and >= 0 (a fraction: 0.2 = +20%), got " + num(v));
        // Validate the flows (finance::business_case's rules) and find the works period.
        int first_work = s.horizon + 1, last_work = -1;
        for (std::size_t i = 0; i < o.flows.size(); ++i) {
            const finance::Flow& f = o.flows[i];
            if (f.start < 0 || f.start > s.horizon)
                throw DataError(where + flow_label(o, f, i) + " start year must be in 0.." +
                                std::to_string(s.horizon) + " (the horizon), got " + std::to_string(f.start));
            if (f.kind == FlowKind::one_off_cost) {
                if (f.years < 1 || f.start + f.years - 1 > s.horizon)
                    throw DataError(where + flow_label(o, f, i) + " years (the spread of a one-off cost) must be "
                                    "from 1 to " + std::to_string(s.horizon - f.start + 1) +
                                    " (to reach no further than the horizon), got " + std::to_string(f.years));
                first_work = std::min(first_work, f.start);
                last_work = std::max(last_work, f.start + f.years - 1);
                continue;
            }
            const int end = f.end < 0 ? s.horizon : f.end;
            if (f.end < -1 || end > s.horizon || end < f.start)
                throw DataError(where + flow_label(o, f, i) + " end year must be -1 (the horizon) or in " +
                                std::to_string(f.start) + ".." + std::to_string(s.horizon) +
                                " (start..horizon), got " + std::to_string(f.end));
            if (f.kind == FlowKind::prevention && !(std::isfinite(f.baseline) && f.baseline >= 0))
                throw DataError(where + flow_label(o, f, i) +
                                " baseline (the annual demand cost) must be finite and >= 0, got " + num(f.baseline));
        }
        r.works_years = last_work < 0 ? 0 : last_work - first_work + 1;
        // round(duration × W), capped past the horizon (a delay that long removes every benefit).
        const double delay = std::round(ob.duration * r.works_years);
        r.benefit_delay = delay > s.horizon ? s.horizon + 1 : static_cast<int>(delay);

        r.costs.assign(n_t, 0.0);
        r.benefits.assign(n_t, 0.0);
        for (std::size_t i = 0; i < o.flows.size(); ++i) {
            const finance::Flow& f = o.flows[i];
            const std::string name = f.name.empty() ? o.name + ": flow " + std::to_string(i) : f.name;
            const std::size_t in = input_of(name, f.amount, o, false);
            // Undiscounted coefficient per year of the input's value; first..last the years it falls in.
            double c = 0;
            int first = f.start, last = f.end < 0 ? s.horizon : f.end;
            bool cost = true;
            switch (f.kind) {
                case FlowKind::one_off_cost:
                    c = (1 + ob.capital) / f.years;
                    last = f.start + f.years - 1;
                    break;
                case FlowKind::running_cost: c = 1 + ob.operating; break;
                case FlowKind::saving:
                    c = 1;
                    cost = false;
                    first += r.benefit_delay;
                    break;
                case FlowKind::prevention:
                    c = f.baseline;
                    cost = false;
                    first += r.benefit_delay;
                    break;
            }
            Term term{in, 0, 0};
            const double m = out.inputs[in].mean;
            for (int t = first; t <= last; ++t) {
                const auto ut = static_cast<std::size_t>(t);
                (cost ? term.pv_cost : term.pv_benefit) += c * D[ut];
                (cost ? r.costs[ut] : r.benefits[ut]) += c * m;
            }
            // Merge terms on the same input (one option may use a name twice).
            auto same = std::find_if(terms[k].begin(), terms[k].end(), [&](const Term& x) { return x.input == in; });
            if (same == terms[k].end()) terms[k].push_back(term);
            else {
                same->pv_benefit += term.pv_benefit;
                same->pv_cost += term.pv_cost;
            }
        }
        if (o.benefit) {
            const std::size_t in = input_of(o.benefit->name.empty() ? o.name + ": non-monetised benefit"
                                                                    : o.benefit->name,
                                            o.benefit->amount, o, true);
            benefit_input[k] = static_cast<int>(in);
        }
    }
    const std::size_t n_in = out.inputs.size();
    std::vector<double> means(n_in);
    for (std::size_t i = 0; i < n_in; ++i) means[i] = out.inputs[i].mean;

    // At the means (NPSV is linear in the inputs, so these are the expectations).
    std::vector<double> m_npsv(n_opt), m_q(n_opt, 0.0);
    for (std::size_t k = 0; k < n_opt; ++k) {
        OptionAppraisal& r = out.options[k];
        for (const Term& t : terms[k]) {
            r.pv_benefits += t.pv_benefit * means[t.input];
            r.pv_costs += t.pv_cost * means[t.input];
        }
        r.npsv = r.pv_benefits - r.pv_costs;
        if (!std::isfinite(r.npsv))
            throw DomainError(where + "option " + in_quotes(r.name) + ": the NPSV at the means overflowed (" +
                              num(r.npsv) + "); amounts must stay well inside ±1e300 over the horizon");
        r.bcr = r.pv_costs > 0 ? r.pv_benefits / r.pv_costs : nan;
        r.non_monetised = benefit_input[k] < 0 ? 0.0 : means[static_cast<std::size_t>(benefit_input[k])];
        m_npsv[k] = r.npsv;
        m_q[k] = r.non_monetised;
    }
    const auto bau = static_cast<std::size_t>(out.business_as_usual);
    for (std::size_t k = 0; k < n_opt; ++k) {
        OptionAppraisal& r = out.options[k];
        const OptionAppraisal& b = out.options[bau];
        r.incremental_npsv = r.npsv - b.npsv;
        const double dc = r.pv_costs - b.pv_costs;
        r.incremental_bcr = k != bau && dc > 0 ? (r.pv_benefits - b.pv_benefits) / dc : nan;
    }
    out.preferred = argmax_first(m_npsv.data(), n_opt);

    // Switching values: with input i moved by δ from its mean, option k's NPSV is m_k + s_k δ. The preferred
    // option p loses to k where m_p + s_p δ = m_k + s_k δ; upwards the first such δ >= 0 among s_k > s_p,
    // downwards the first δ <= 0 among s_k < s_p (ties: the steeper line, which is ahead just past it).
    for (std::size_t i = 0; i < n_in; ++i) {
        SwitchingValue sv;
        sv.input = out.inputs[i].name;
        sv.mean = means[i];
        auto user = std::find_if(s.ranges.begin(), s.ranges.end(), [&](const InputRange& r) { return r.input == sv.input; });
        if (user != s.ranges.end()) {
            if (!(std::isfinite(user->low) && std::isfinite(user->high) && user->low <= sv.mean &&
                  sv.mean <= user->high))
                throw DomainError(where + "the range of input " + in_quotes(sv.input) + " must be finite and hold its "
                                  "mean " + num(sv.mean) + " (low <= mean <= high), got " + num(user->low) + " to " +
                                  num(user->high));
            sv.low = user->low;
            sv.high = user->high;
        } else {
            sv.low = finance::quantile(out.inputs[i].distribution, s.range_low);
            sv.high = finance::quantile(out.inputs[i].distribution, s.range_high);
        }
        std::vector<double> slope(n_opt, 0.0);
        if (!out.inputs[i].non_monetised)
            for (std::size_t k = 0; k < n_opt; ++k)
                for (const Term& t : terms[k])
                    if (t.input == i) slope[k] = t.pv_benefit - t.pv_cost;
        const auto p = static_cast<std::size_t>(out.preferred);
        double best_up = std::numeric_limits<double>::infinity(), best_down = -best_up;
        int up = -1, down = -1;
        for (std::size_t k = 0; k < n_opt; ++k) {
            if (k == p || slope[k] == slope[p]) continue;
            const double d = (m_npsv[p] - m_npsv[k]) / (slope[k] - slope[p]);
            if (slope[k] > slope[p]) {
                if (up < 0 || d < best_up || (d == best_up && slope[k] > slope[static_cast<std::size_t>(up)])) {
                    best_up = d;
                    up = static_cast<int>(k);
                }
            } else if (down < 0 || d > best_down ||
                       (d == best_down && slope[k] < slope[static_cast<std::size_t>(down)])) {
                best_down = d;
                down = static_cast<int>(k);
            }
        }
        const bool up_in = up >= 0 && sv.mean + best_up <= sv.high;
        const bool down_in = down >= 0 && sv.mean + best_down >= sv.low;
        // The nearer of the two; on equal distance the one below.
        const bool take_up = up_in && (!down_in || best_up < -best_down);
        sv.found = up_in || down_in;
        sv.value = nan;
        if (sv.found) {
            sv.takes_over_index = take_up ? up : down;
            sv.value = sv.mean + (take_up ? best_up : best_down);
            sv.takes_over = out.options[static_cast<std::size_t>(sv.takes_over_index)].name;
        }
        out.switching.push_back(sv);
    }
    for (const auto& r : s.ranges)
        if (index.find(r.input) == index.end())
            throw DomainError(where + "a switching range names input " + in_quotes(r.input) +
                              ", which no option uses");

    // The acceptability grid and its exact expected net benefits.
    Acceptability& acc = out.acceptability;
    acc.wtp = s.wtp.empty() ? default_wtp(m_npsv, m_q) : s.wtp;
    const std::size_t n_w = acc.wtp.size();
    acc.expected_net_benefit.resize(n_w * n_opt);
    for (std::size_t w = 0; w < n_w; ++w) {
        for (std::size_t k = 0; k < n_opt; ++k) acc.expected_net_benefit[w * n_opt + k] = m_npsv[k] + acc.wtp[w] * m_q[k];
        acc.preferred.push_back(argmax_first(&acc.expected_net_benefit[w * n_opt], n_opt));
    }

    // The draws are kept (for EVPPI): at most 250,000,000 values (2 GB), checked before anything is allocated.
    const auto per_sim = static_cast<std::int64_t>(2 * n_opt + n_in);
    if (s.n_sims > max_kept_values / per_sim)
        throw DomainError(where + "n_sims must be at most " + params_detail::commas(max_kept_values / per_sim) +
                          " for " + std::to_string(n_opt) + " options and " + std::to_string(n_in) +
                          " inputs (the draws kept, n_sims × (2 × options + inputs), are limited to 250,000,000 "
                          "values), got " + params_detail::commas(s.n_sims));
    return prep;
}

std::int64_t block_count(const EconomicOptions& s) { return (s.n_sims + s.block_size - 1) / s.block_size; }

// The simulations of blocks [first_block, first_block + n_blocks): every input drawn once per simulation,
// shared by every option that uses it. Simulation d of block b draws from RandomStream(seed, b) whatever the
// slice, so slices joined in block order are the whole run.
EconomicDraws draw(const Prepared& prep, const EconomicOptions& s, std::int64_t first_block, std::int64_t n_blocks) {
    const EconomicAppraisal& out = prep.out;
    const std::int64_t blocks = block_count(s);
    if (first_block < 0 || n_blocks < 0 || first_block > blocks || n_blocks > blocks - first_block)
        throw DomainError("appraise: blocks " + std::to_string(first_block) + " to " +
                          std::to_string(first_block + n_blocks - 1) + " are not within the run's " +
                          std::to_string(blocks) + " blocks (n_sims " + params_detail::commas(s.n_sims) +
                          " in blocks of " + std::to_string(s.block_size) + ")");
    const std::size_t n_opt = out.options.size(), n_in = out.inputs.size();
    const std::int64_t n = s.n_sims, bs = s.block_size;
    const std::int64_t d0 = first_block * bs, d1 = std::min(n, (first_block + n_blocks) * bs);
    EconomicDraws part;
    part.first_block = first_block;
    part.n_sims = std::max<std::int64_t>(0, d1 - d0);
    part.n_options = n_opt;
    part.n_inputs = n_in;
    const auto nn = static_cast<std::size_t>(part.n_sims);
    part.input_draws.assign(nn * n_in, 0.0);
    part.net_benefit.assign(nn * n_opt, 0.0);
    part.non_monetised.assign(nn * n_opt, 0.0);
    if (nn == 0) return part;
    // The fast inversion is chosen by the whole run's size, so every slice draws as the whole run does.
    std::vector<FastInverse> fast;
    for (const auto& in : out.inputs)
        fast.emplace_back(n >= fast_inverse_from ? in.distribution : finance::Uncertain::fixed(0));
    stats::parallel_for(n_blocks, s.threads, [&](std::int64_t b0, std::int64_t b1, int) {
        for (std::int64_t b = first_block + b0; b < first_block + b1; ++b) {
            stats::RandomStream rng(s.seed, static_cast<std::uint64_t>(b));
            for (std::int64_t d = b * bs; d < std::min(n, (b + 1) * bs); ++d) {
                const auto j = static_cast<std::size_t>(d - d0);
                double* v = &part.input_draws[j * n_in];
                for (std::size_t i = 0; i < n_in; ++i)
                    if (fast[i].active())  // finance::draw's uniform, inverted faster (FastInverse)
                        v[i] = fast[i]((static_cast<double>(rng() >> 11) + 0.5) * 0x1.0p-53);
                    else
                        v[i] = finance::draw(out.inputs[i].distribution, rng);
                for (std::size_t k = 0; k < n_opt; ++k) {
                    double x = 0;
                    for (const Term& t : prep.terms[k]) x += (t.pv_benefit - t.pv_cost) * v[t.input];
                    if (!std::isfinite(x))
                        throw DomainError("appraise: option " + in_quotes(out.options[k].name) +
                                          ": the NPSV of simulation " + std::to_string(d) + " overflowed (" + num(x) +
                                          "); an input's distribution reaches beyond what a double holds over the "
                                          "horizon");
                    part.net_benefit[j * n_opt + k] = x;
                    if (prep.benefit_input[k] >= 0) part.non_monetised[j * n_opt + k] = v[prep.benefit_input[k]];
                }
            }
        }
    });
    return part;
}

// The PSA's outputs from the whole run's draws (simulation order): every statistic is reduced serially in that
// order, so the result does not depend on how the draws were made (threads, slices, machines).
EconomicAppraisal finish(Prepared&& prep, const EconomicOptions& s, EconomicDraws&& all) {
    EconomicAppraisal out = std::move(prep.out);
    const std::size_t n_opt = out.options.size(), n_in = out.inputs.size();
    if (all.first_block != 0 || all.n_sims != s.n_sims || all.n_options != n_opt || all.n_inputs != n_in ||
        all.input_draws.size() != static_cast<std::size_t>(all.n_sims) * n_in ||
        all.net_benefit.size() != static_cast<std::size_t>(all.n_sims) * n_opt ||
        all.non_monetised.size() != all.net_benefit.size())
        throw DomainError("appraise: the draws to finish must be the whole run's (" + params_detail::commas(s.n_sims) +
                          " simulations of " + std::to_string(n_opt) + " options and " + std::to_string(n_in) +
                          " inputs, from block 0), got " + params_detail::commas(all.n_sims) +
                          " simulations of " + std::to_string(all.n_options) + " options and " +
                          std::to_string(all.n_inputs) + " inputs from block " + std::to_string(all.first_block));
    Acceptability& acc = out.acceptability;
    const std::size_t n_w = acc.wtp.size();
    const auto bau = static_cast<std::size_t>(out.business_as_usual);
    if (s.n_sims == 0) {
        // No PSA: its outputs are unknown, not zero.
        for (auto& r : out.options) {
            r.mean_npsv = r.sd_npsv = r.se_mean_npsv = r.mean_incremental = r.sd_incremental = nan;
            r.p_incremental_positive = r.p_best = nan;
            r.quantiles.assign(out.quantile_levels.size(), nan);
        }
        out.evpi = out.se_evpi = nan;
        acc.p_best.assign(n_w * n_opt, nan);
        acc.evpi.assign(n_w, nan);
        return out;
    }
    const std::int64_t n = s.n_sims;
    const auto nn = static_cast<std::size_t>(n);
    out.input_draws = std::move(all.input_draws);
    out.net_benefit = std::move(all.net_benefit);
    out.non_monetised = std::move(all.non_monetised);

    // Summaries, reduced serially in simulation order (the same for any thread count).
    const auto nd = static_cast<double>(n);
    const double* nb = out.net_benefit.data();
    std::vector<double> sum(n_opt, 0.0), sum_inc(n_opt, 0.0), pos(n_opt, 0.0), best(n_opt, 0.0);
    for (std::size_t j = 0; j < nn; ++j) {
        const double* row = nb + j * n_opt;
        double top = row[0];
        for (std::size_t k = 0; k < n_opt; ++k) {
            sum[k] += row[k];
            sum_inc[k] += row[k] - row[bau];
            pos[k] += row[k] > row[bau] ? 1 : 0;
            top = std::max(top, row[k]);
        }
        double ties = 0;
        for (std::size_t k = 0; k < n_opt; ++k) ties += row[k] == top ? 1 : 0;
        for (std::size_t k = 0; k < n_opt; ++k)
            if (row[k] == top) best[k] += 1 / ties;
    }
    std::vector<double> column(nn);
    for (std::size_t k = 0; k < n_opt; ++k) {
        OptionAppraisal& r = out.options[k];
        r.mean_npsv = sum[k] / nd;
        r.mean_incremental = sum_inc[k] / nd;
        // Sums of squares shifted by the first draw: exactly 0 for an option (or increment) that never varies.
        const double x0 = nb[k], i0 = nb[k] - nb[bau];
        double s1 = 0, s2 = 0, t1 = 0, t2 = 0;
        for (std::size_t j = 0; j < nn; ++j) {
            const double x = nb[j * n_opt + k] - x0, y = nb[j * n_opt + k] - nb[j * n_opt + bau] - i0;
            s1 += x;
            s2 += x * x;
            t1 += y;
            t2 += y * y;
            column[j] = nb[j * n_opt + k];
        }
        r.sd_npsv = n > 1 ? std::sqrt(std::max(0.0, (s2 - s1 * s1 / nd) / (nd - 1))) : 0.0;
        r.se_mean_npsv = r.sd_npsv / std::sqrt(nd);
        r.sd_incremental = n > 1 ? std::sqrt(std::max(0.0, (t2 - t1 * t1 / nd) / (nd - 1))) : 0.0;
        r.p_incremental_positive = k == bau ? nan : pos[k] / nd;
        r.p_best = best[k] / nd;
        std::sort(column.begin(), column.end());
        for (double q : out.quantile_levels) r.quantiles.push_back(quantile_sorted(column, q));
    }

    // P(best) and EVPI along the acceptability grid (wtp 0 first computed as the headline EVPI).
    auto evpi_at = [&](double wtp, double* p_best, double& evpi, double& se) {
        std::vector<double> mean_nb(n_opt, 0.0);
        std::fill(p_best, p_best + n_opt, 0.0);
        double sum_max = 0;
        std::vector<double> row(n_opt);
        for (std::size_t j = 0; j < nn; ++j) {
            double top = -std::numeric_limits<double>::infinity();
            for (std::size_t k = 0; k < n_opt; ++k) {
                row[k] = nb[j * n_opt + k] + wtp * out.non_monetised[j * n_opt + k];
                mean_nb[k] += row[k];
                top = std::max(top, row[k]);
            }
            double ties = 0;
            for (std::size_t k = 0; k < n_opt; ++k) ties += row[k] == top ? 1 : 0;
            for (std::size_t k = 0; k < n_opt; ++k)
                if (row[k] == top) p_best[k] += 1 / ties;
            sum_max += top;
        }
        for (std::size_t k = 0; k < n_opt; ++k) {
            mean_nb[k] /= nd;
            p_best[k] /= nd;
        }
        const auto kstar = static_cast<std::size_t>(argmax_first(mean_nb.data(), n_opt));
        evpi = sum_max / nd - mean_nb[kstar];
        // The opportunity loss of deciding on the means, draw by draw: its sd / √n is EVPI's standard error.
        double ss = 0;
        for (std::size_t j = 0; j < nn; ++j) {
            double top = -std::numeric_limits<double>::infinity();
            for (std::size_t k = 0; k < n_opt; ++k)
                top = std::max(top, nb[j * n_opt + k] + wtp * out.non_monetised[j * n_opt + k]);
            const double loss = top - (nb[j * n_opt + kstar] + wtp * out.non_monetised[j * n_opt + kstar]);
            ss += (loss - evpi) * (loss - evpi);
        }
        se = n > 1 ? std::sqrt(ss / (nd - 1)) / std::sqrt(nd) : 0.0;
    };
    std::vector<double> p0(n_opt);
    evpi_at(0.0, p0.data(), out.evpi, out.se_evpi);
    acc.p_best.assign(n_w * n_opt, 0.0);
    acc.evpi.assign(n_w, 0.0);
    for (std::size_t w = 0; w < n_w; ++w) {
        double se = 0;
        if (acc.wtp[w] == 0) {
            std::copy(p0.begin(), p0.end(), acc.p_best.begin() + static_cast<std::ptrdiff_t>(w * n_opt));
            acc.evpi[w] = out.evpi;
        } else {
            evpi_at(acc.wtp[w], &acc.p_best[w * n_opt], acc.evpi[w], se);
        }
        check_cancelled();
    }
    return out;
}
}  // namespace economic_detail

EconomicDraws appraise_draws(const std::vector<Option>& options, const EconomicOptions& settings,
                             std::int64_t first_block, std::int64_t n_blocks) {
    return economic_detail::draw(economic_detail::prepare(options, settings), settings, first_block, n_blocks);
}

EconomicDraws concatenate_draws(const std::vector<const EconomicDraws*>& parts) {
    EconomicDraws all;
    std::size_t sims = 0;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (parts[i] == nullptr) throw DomainError("concatenate_draws: slice " + std::to_string(i) + " is missing");
        const EconomicDraws& p = *parts[i];
        if (i == 0) {
            all.first_block = p.first_block;
            all.n_options = p.n_options;
            all.n_inputs = p.n_inputs;
        } else if (p.n_options != all.n_options || p.n_inputs != all.n_inputs) {
            throw DomainError("concatenate_draws: slice " + std::to_string(i) + " has " + std::to_string(p.n_options) +
                              " options and " + std::to_string(p.n_inputs) + " inputs, slice 0 " +
                              std::to_string(all.n_options) + " and " + std::to_string(all.n_inputs) +
                              ": the slices must be of one run");
        }
        if (p.n_sims < 0 || p.input_draws.size() != static_cast<std::size_t>(p.n_sims) * p.n_inputs ||
            p.net_benefit.size() != static_cast<std::size_t>(p.n_sims) * p.n_options ||
            p.non_monetised.size() != p.net_benefit.size())
            throw DomainError("concatenate_draws: slice " + std::to_string(i) + "'s matrices do not match its " +
                              std::to_string(p.n_sims) + " simulations");
        sims += static_cast<std::size_t>(p.n_sims);
    }
    all.n_sims = static_cast<std::int64_t>(sims);
    all.input_draws.reserve(sims * all.n_inputs);
    all.net_benefit.reserve(sims * all.n_options);
    all.non_monetised.reserve(sims * all.n_options);
    for (const EconomicDraws* p : parts) {
        all.input_draws.insert(all.input_draws.end(), p->input_draws.begin(), p->input_draws.end());
        all.net_benefit.insert(all.net_benefit.end(), p->net_benefit.begin(), p->net_benefit.end());
        all.non_monetised.insert(all.non_monetised.end(), p->non_monetised.begin(), p->non_monetised.end());
    }
    return all;
}

EconomicAppraisal appraise_from_draws(const std::vector<Option>& options, const EconomicOptions& settings,
                                      EconomicDraws joined) {
    return economic_detail::finish(economic_detail::prepare(options, settings), settings, std::move(joined));
}

EconomicAppraisal appraise(const std::vector<Option>& options, const EconomicOptions& settings) {
    using namespace economic_detail;
    Prepared prep = prepare(options, settings);
    EconomicDraws all = draw(prep, settings, 0, block_count(settings));
    return finish(std::move(prep), settings, std::move(all));
}

}  // namespace hp::appraisal
