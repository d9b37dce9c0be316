#include "healthyplaces/finance/arrangement_risk.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/stats/test_result.hpp"

namespace hp::finance {

std::string_view to_string(RiskShareRule r) noexcept {
    switch (r) {
        case RiskShareRule::proportional: return "proportional";
        case RiskShareRule::fixed: return "fixed";
        case RiskShareRule::lead_partner: return "lead_partner";
        case RiskShareRule::capped: return "capped";
    }
    return "?";
}

RiskShareRule parse_risk_share_rule(std::string_view name) {
    for (auto r : {RiskShareRule::proportional, RiskShareRule::fixed, RiskShareRule::lead_partner, RiskShareRule::capped})
        if (name == to_string(r)) return r;
    throw DomainError("risk share: rule must be \"proportional\", \"fixed\", \"lead_partner\" or \"capped\", got \"" +
                      std::string(name) + "\"");
}

namespace {

std::string listing(std::span<const std::string> partners) {
    std::string out;
    for (const auto& p : partners) out += (out.empty() ? "\"" : ", \"") + p + "\"";
    return out;
}
}  // namespace

void validate(const RiskShare& r, std::span<const std::string> partners) {
    if (r.rule == RiskShareRule::lead_partner) {
        if (std::find(partners.begin(), partners.end(), r.lead) == partners.end())
            throw DataError("risk share: lead partner \"" + r.lead + "\" is not one of the partners " + listing(partners));
        return;
    }
    if (r.rule == RiskShareRule::capped) {
        if (std::isnan(r.cap) || std::isnan(r.collar))
            throw DataError("risk share: cap and collar must be numbers (fractions of the pooled budget)");
        if (r.cap < r.collar)
            throw DataError("risk share: the cap (" + stats::format_number(r.cap) + ") is below the collar (" + stats::format_number(r.collar) +
                            "); the shared corridor is [collar, cap] as fractions of the pooled budget");
        if (r.cap < 0) throw DataError("risk share: cap must be zero or positive (a fraction of the pooled budget), got " + stats::format_number(r.cap));
        if (r.collar > 0)
            throw DataError("risk share: collar must be zero or negative (an underspend, a fraction of the pooled "
                            "budget), got " + stats::format_number(r.collar));
    }
    if (r.rule == RiskShareRule::fixed || r.rule == RiskShareRule::capped) {
        double total = 0.0;
        for (const auto& [name, share] : r.shares) {
            if (std::find(partners.begin(), partners.end(), name) == partners.end())
                throw DataError("risk share: shares name \"" + name + "\", which is not one of the partners " +
                                listing(partners));
            if (!(std::isfinite(share) && share >= 0))
                throw DataError("risk share: the share of \"" + name + "\" must be zero or positive, got " + stats::format_number(share));
            total += share;
        }
        for (const auto& p : partners)
            if (std::none_of(r.shares.begin(), r.shares.end(), [&](const auto& s) { return s.first == p; }))
                throw DataError("risk share: shares has no share for partner \"" + p + "\"; give one for each of " +
                                listing(partners));
        if (std::abs(total - 1.0) > 1e-9)
            throw DataError("risk share: shares must sum to 1, got " + stats::format_number(total));
    }
}

std::vector<double> resolve_shares(const RiskShare& r, std::span<const std::string> partners,
                                   std::span<const double> budgets) {
    validate(r, partners);
    const std::size_t P = partners.size();
    std::vector<double> out(P, 0.0);
    switch (r.rule) {
        case RiskShareRule::proportional: {
            double total = 0.0;
            for (double b : budgets) total += b;
            if (!(total > 0)) throw DataError("risk share: proportional shares need budgets (contributions) above 0");
            for (std::size_t p = 0; p < P; ++p) out[p] = budgets[p] / total;
            break;
        }
        case RiskShareRule::lead_partner:
            for (std::size_t p = 0; p < P; ++p) out[p] = partners[p] == r.lead ? 1.0 : 0.0;
            break;
        case RiskShareRule::fixed:
        case RiskShareRule::capped:
            for (std::size_t p = 0; p < P; ++p)
                for (const auto& [name, share] : r.shares)
                    if (name == partners[p]) out[p] = share;
            break;
    }
    return out;
}

void share_pooled(const RiskShare& r, std::span<const double> shares, std::span<const double> own,
                  double pooled_budget, std::span<double> out) noexcept {
    double d = 0.0;
    for (double x : own) d += x;
    if (r.rule != RiskShareRule::capped) {
        for (std::size_t p = 0; p < out.size(); ++p) out[p] = shares[p] * d;
        return;
    }
    const double shared = std::clamp(d, r.collar * pooled_budget, r.cap * pooled_budget);
    const double excess = d - shared;  // non-zero only when |d| > 0 (collar <= 0 <= cap)
    const double per_own = excess == 0.0 ? 0.0 : excess / d;
    for (std::size_t p = 0; p < out.size(); ++p) out[p] = shares[p] * shared + own[p] * per_own;
}

PartnerOutturns outturns(const SpendDraws& d, std::span<const Service> services, integration::Budgets budgets,
                         const RiskShare& share, const Friction& friction) {
    if (services.size() != d.services)
        throw DomainError("outturns: the draws have " + std::to_string(d.services) + " services, given " +
                          std::to_string(services.size()));
    if (!(friction.disputed_share >= 0 && friction.disputed_share <= 1))
        throw DataError("friction: disputed_share must be in [0, 1], got " + stats::format_number(friction.disputed_share));
    if (!(std::isfinite(friction.cost_per_case) && friction.cost_per_case >= 0))
        throw DataError("friction: cost_per_case must be zero or positive, got " + stats::format_number(friction.cost_per_case));
    PartnerOutturns out;
    out.partners = partners_of(services);
    const std::size_t P = out.partners.size(), S = services.size();
    std::vector<std::size_t> owner(S);
    out.budgets.assign(P, 0.0);
    for (std::size_t s = 0; s < S; ++s) {
        owner[s] = static_cast<std::size_t>(
            std::find(out.partners.begin(), out.partners.end(), services[s].owner) - out.partners.begin());
        out.budgets[owner[s]] += services[s].budget;
    }
    double pooled_budget = 0.0;
    for (double b : out.budgets) pooled_budget += b;
    std::vector<double> shares(P, 0.0);
    RiskShare rule = share;
    if (budgets == integration::Budgets::single) rule = RiskShare{};  // one body: notional shares in proportion to contributions
    if (budgets == integration::Budgets::pooled || budgets == integration::Budgets::single) shares = resolve_shares(rule, out.partners, out.budgets);
    const double shunting = budgets == integration::Budgets::separate ? friction.disputed_share * friction.cost_per_case : 0.0;

    const auto n = static_cast<std::size_t>(d.size());
    out.overspend.assign(P, std::vector<double>(n, 0.0));
    std::vector<double> own(P), mine(P);
    for (std::size_t g = 0; g < n; ++g) {
        std::fill(own.begin(), own.end(), 0.0);
        for (std::size_t s = 0; s < S; ++s)
            own[owner[s]] += d.spend[g * S + s] - services[s].budget + shunting * d.events[g * S + s];
        if (budgets == integration::Budgets::pooled || budgets == integration::Budgets::single) {
            share_pooled(rule, shares, own, pooled_budget, mine);
            for (std::size_t p = 0; p < P; ++p) out.overspend[p][g] = mine[p];
        } else {
            for (std::size_t p = 0; p < P; ++p) out.overspend[p][g] = own[p];
        }
    }
    return out;
}

RiskMeasures risk_measures(std::span<const double> x, double var_level) {
    if (x.empty()) throw DomainError("risk measures: no simulated years");
    if (!(var_level > 0 && var_level < 1))
        throw DomainError("risk measures: var_level must be in (0, 1), got " + stats::format_number(var_level));
    const auto n = x.size();
    RiskMeasures m;
    double sum = 0.0, over = 0.0;
    for (double v : x) {
        sum += v;
        over += v > 0 ? 1.0 : 0.0;
    }
    m.mean = sum / static_cast<double>(n);
    double ss = 0.0;
    for (double v : x) ss += (v - m.mean) * (v - m.mean);
    m.sd = n > 1 ? std::sqrt(ss / static_cast<double>(n - 1)) : 0.0;
    m.p_overspend = over / static_cast<double>(n);
    std::vector<double> sorted(x.begin(), x.end());
    std::sort(sorted.begin(), sorted.end());
    const double ln = var_level * static_cast<double>(n);
    const auto k = std::clamp<std::size_t>(static_cast<std::size_t>(std::ceil(ln - 1e-9)), 1, n);
    const auto tail_from = std::min<std::size_t>(static_cast<std::size_t>(std::floor(ln + 1e-9)), n - 1);
    m.var = sorted[k - 1];
    double tail = 0.0;
    for (std::size_t i = tail_from; i < n; ++i) tail += sorted[i];
    m.es = tail / static_cast<double>(n - tail_from);
    return m;
}

}  // namespace hp::finance
