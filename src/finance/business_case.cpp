#include "healthyplaces/finance/business_case.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/base/params.hpp"
#include "healthyplaces/stats/parallel.hpp"
#include "healthyplaces/stats/random.hpp"
#include "healthyplaces/stats/test_result.hpp"

namespace hp::finance {
namespace {


std::string label(const Flow& f, std::size_t i) {
    return "flow " + std::to_string(i) + (f.name.empty() ? std::string() : " (\"" + f.name + "\")");
}

// The Green Book's declining schedule (2022 edition, table 8): the rate for year s.
double green_book_rate(int s) {
    if (s <= 30) return 0.035;
    if (s <= 75) return 0.030;
    if (s <= 125) return 0.025;
    if (s <= 200) return 0.020;
    if (s <= 300) return 0.015;
    return 0.010;
}

// Undiscounted coefficient of each flow's value in each year: net(t) = Σ_i value_i · k[t][i].
std::vector<std::vector<double>> coefficients(const std::vector<Flow>& flows, int horizon) {
    std::vector<std::vector<double>> k(static_cast<std::size_t>(horizon) + 1, std::vector<double>(flows.size(), 0.0));
    for (std::size_t i = 0; i < flows.size(); ++i) {
        const Flow& f = flows[i];
        if (f.start < 0 || f.start > horizon)
            throw DataError("business_case: " + label(f, i) + " start year must be in 0.." + std::to_string(horizon) +
                            " (the horizon), got " + std::to_string(f.start));
        if (f.kind == FlowKind::one_off_cost) {
            if (f.years < 1)
                throw DataError("business_case: " + label(f, i) +
                                " years (the spread of a one-off cost) must be >= 1, got " +
                                std::to_string(f.years));
            if (f.start + f.years - 1 > horizon)
                throw DataError("business_case: " + label(f, i) + " is spread over years " +
                                std::to_string(f.start) + ".." + std::to_string(f.start + f.years - 1) +
                                ", beyond the horizon " + std::to_string(horizon));
            for (int t = f.start; t < f.start + f.years; ++t) k[static_cast<std::size_t>(t)][i] = -1.0 / f.years;
            continue;
        }
        const int end = f.end < 0 ? horizon : f.end;
        if (f.end < -1 || end > horizon || end < f.start)
            throw DataError("business_case: " + label(f, i) + " end year must be -1 (the horizon) or in " +
                            std::to_string(f.start) + ".." + std::to_string(horizon) + " (start..horizon), got " +
                            std::to_string(f.end));
        double c = f.kind == FlowKind::running_cost ? -1.0 : 1.0;
        if (f.kind == FlowKind::prevention) {
            if (!(std::isfinite(f.baseline) && f.baseline >= 0))
                throw DataError("business_case: " + label(f, i) +
                                " baseline (the annual demand cost) must be finite and >= 0, got " +
                                stats::format_number(f.baseline));
            c = f.baseline;
        }
        for (int t = f.start; t <= end; ++t) k[static_cast<std::size_t>(t)][i] = c;
    }
    return k;
}

// Cumulative discounted net benefit for one set of input values; returns the NPV and sets the break-even year,
// the year after the last one whose cumulative is negative (−1 when the horizon's is).
double evaluate(const std::vector<std::vector<double>>& dk, const std::vector<double>& v, int& break_even) {
    double cum = 0;
    int last_negative = -1;
    for (std::size_t t = 0; t < dk.size(); ++t) {
        double net = 0;
        for (std::size_t i = 0; i < v.size(); ++i) net += v[i] * dk[t][i];
        cum += net;
        if (cum < 0) last_negative = static_cast<int>(t);
    }
    const int horizon = static_cast<int>(dk.size()) - 1;
    break_even = last_negative == horizon ? -1 : last_negative + 1;
    return cum;
}

}  // namespace

std::string to_string(FlowKind k) {
    switch (k) {
        case FlowKind::one_off_cost: return "one_off_cost";
        case FlowKind::running_cost: return "running_cost";
        case FlowKind::saving: return "saving";
        case FlowKind::prevention: return "prevention";
    }
    return "?";
}

FlowKind parse_flow_kind(std::string_view name) {
    for (auto k : {FlowKind::one_off_cost, FlowKind::running_cost, FlowKind::saving, FlowKind::prevention})
        if (name == to_string(k)) return k;
    throw DomainError("business_case: flow kind must be \"one_off_cost\", \"running_cost\", \"saving\" or "
                      "\"prevention\", got \"" + std::string(name) + "\"");
}

std::vector<double> discount_factors(int horizon, const DiscountOptions& options) {
    if (horizon < 1) throw DomainError("business_case: horizon must be at least 1 year, got " +
                                       std::to_string(horizon));
    if (!options.declining && !(std::isfinite(options.rate) && options.rate >= 0))
        throw DomainError("business_case: discount rate must be finite and >= 0 (the Green Book's is 0.035), got " +
                          stats::format_number(options.rate));
    // A rate above 100% a year is a percentage given as a number (3.5 for 3.5%): refused, not silently applied.
    if (!options.declining && options.rate > 1)
        throw DomainError("business_case: discount rate must be a fraction of at most 1 (100% a year; the Green "
                          "Book's is 0.035), got " + stats::format_number(options.rate) +
                          (options.rate <= 100 ? ": did you mean " + stats::format_number(options.rate / 100) + "?"
                                               : std::string()));
    std::vector<double> d(static_cast<std::size_t>(horizon) + 1, 1.0);
    for (int t = 1; t <= horizon; ++t) {
        const double r = options.declining ? green_book_rate(t) : options.rate;
        d[static_cast<std::size_t>(t)] = d[static_cast<std::size_t>(t) - 1] / (1 + r);
    }
    return d;
}

BusinessCase business_case(const std::vector<Flow>& flows, int horizon, const DiscountOptions& discounting,
                           const PsaOptions& psa) {
    BusinessCase out;
    out.discount_factor = discount_factors(horizon, discounting);
    check_count(psa.n_sims, "business_case: n_sims", 0);
    check_count(psa.block_size, "business_case: block_size", 1);
    check_threads(psa.threads, "business_case: threads");
    if (!(psa.low > 0 && psa.low < psa.high && psa.high < 1))
        throw DomainError("business_case: tornado percentiles need 0 < low < high < 1, got low " +
                          stats::format_number(psa.low) + ", high " +
                          stats::format_number(psa.high));
    out.horizon = horizon;
    out.discounting = discounting;
    out.psa = psa;

    const auto k = coefficients(flows, horizon);
    const std::size_t n_in = flows.size(), n_t = k.size();
    auto dk = k;
    for (std::size_t t = 0; t < n_t; ++t)
        for (auto& c : dk[t]) c *= out.discount_factor[t];

    for (std::size_t i = 0; i < n_in; ++i) {
        out.inputs.push_back(flows[i].name.empty() ? "flow " + std::to_string(i) : flows[i].name);
        out.means.push_back(mean(flows[i].amount));
    }
    out.costs.assign(n_t, 0.0);
    out.savings.assign(n_t, 0.0);
    out.net.assign(n_t, 0.0);
    out.cumulative.assign(n_t, 0.0);
    double cum = 0;
    for (std::size_t t = 0; t < n_t; ++t) {
        for (std::size_t i = 0; i < n_in; ++i) {
            const double x = out.means[i] * k[t][i];
            const bool cost = flows[i].kind == FlowKind::one_off_cost || flows[i].kind == FlowKind::running_cost;
            (cost ? out.costs[t] : out.savings[t]) += cost ? -x : x;
            out.net[t] += x;
        }
    }
    out.npv = evaluate(dk, out.means, out.break_even_year);
    if (!std::isfinite(out.npv))
        throw DomainError("business_case: the NPV at the means overflowed (" + stats::format_number(out.npv) +
                          "); amounts must stay well inside ±1e300 over the horizon");
    for (std::size_t t = 0; t < n_t; ++t) {
        cum += out.net[t] * out.discount_factor[t];
        out.cumulative[t] = cum;
    }

    // Tornado: each input at its low and high percentile, the others at their means.
    for (std::size_t i = 0; i < n_in; ++i) {
        TornadoBar bar;
        bar.input = out.inputs[i];
        bar.low_value = quantile(flows[i].amount, psa.low);
        bar.high_value = quantile(flows[i].amount, psa.high);
        auto v = out.means;
        int ignored = 0;
        v[i] = bar.low_value;
        bar.npv_low = evaluate(dk, v, ignored);
        v[i] = bar.high_value;
        bar.npv_high = evaluate(dk, v, ignored);
        bar.swing = std::abs(bar.npv_high - bar.npv_low);
        out.tornado.push_back(bar);
    }
    std::stable_sort(out.tornado.begin(), out.tornado.end(),
                     [](const TornadoBar& a, const TornadoBar& b) { return a.swing > b.swing; });

    if (psa.n_sims == 0) {
        // No PSA: its outputs are not zero but unknown (p_positive = 0 and evpi = 0 read as findings).
        out.mean_npv = out.sd_npv = out.se_mean_npv = out.p_positive = out.evpi = out.se_evpi = std::numeric_limits<double>::quiet_NaN();
        return out;
    }
    const std::int64_t n = psa.n_sims, bs = psa.block_size, blocks = (n + bs - 1) / bs;
    out.npv_draws.assign(static_cast<std::size_t>(n), 0.0);
    out.break_even_draws.assign(static_cast<std::size_t>(n), -1);
    stats::parallel_for(blocks, psa.threads, [&](std::int64_t b0, std::int64_t b1, int) {
        std::vector<double> v(n_in);
        for (std::int64_t b = b0; b < b1; ++b) {
            stats::RandomStream rng(psa.seed, static_cast<std::uint64_t>(b));
            for (std::int64_t d = b * bs; d < std::min(n, (b + 1) * bs); ++d) {
                for (std::size_t i = 0; i < n_in; ++i) v[i] = draw(flows[i].amount, rng);
                const auto j = static_cast<std::size_t>(d);
                out.npv_draws[j] = evaluate(dk, v, out.break_even_draws[j]);
                if (!std::isfinite(out.npv_draws[j]))
                    throw DomainError("business_case: the NPV of PSA draw " + std::to_string(d) + " overflowed (" +
                                      stats::format_number(out.npv_draws[j]) + "); an input's distribution reaches "
                                      "beyond what a double holds over the horizon");
            }
        }
    });
    double sum = 0, sum_pos = 0, positive = 0;
    for (double x : out.npv_draws) {
        sum += x;
        sum_pos += std::max(x, 0.0);
        positive += x > 0 ? 1 : 0;
    }
    const auto nd = static_cast<double>(n);
    out.mean_npv = sum / nd;
    const double mean_pos = sum_pos / nd;
    out.p_positive = positive / nd;
    out.evpi = mean_pos - std::max(out.mean_npv, 0.0);
    // EVPI is the mean opportunity loss of the decision at the means: of max(−NPV, 0) per draw when E[NPV] > 0
    // (integrate), of max(NPV, 0) otherwise; its standard error is that loss's sd / √n.
    const bool integrate = out.mean_npv > 0;
    double ss = 0, ss_loss = 0;
    for (double x : out.npv_draws) {
        ss += (x - out.mean_npv) * (x - out.mean_npv);
        const double loss = integrate ? std::max(-x, 0.0) : std::max(x, 0.0);
        ss_loss += (loss - out.evpi) * (loss - out.evpi);
    }
    out.sd_npv = n > 1 ? std::sqrt(ss / (nd - 1)) : 0.0;
    out.se_mean_npv = out.sd_npv / std::sqrt(nd);
    out.se_evpi = n > 1 ? std::sqrt(ss_loss / (nd - 1)) / std::sqrt(nd) : 0.0;
    return out;
}

}  // namespace hp::finance
