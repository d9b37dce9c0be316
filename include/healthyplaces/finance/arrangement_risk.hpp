#pragma once
// Who bears the simulated overspends under each budget arrangement (the foundation's hp::Budgets), and the
// risk measures partners compare: mean overspend against budget, sd, probability of overspend, value at risk
// and expected shortfall. Separate and aligned budgets leave each partner its own services' overspend (separate
// budgets may add cost-shunting friction: a share of each service's cases disputed at a cost to the owner);
// a pooled fund shares the total overspend by a risk-share rule; a single budget is one body bearing the total,
// shown per partner in proportion to contributions.
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "healthyplaces/finance/simulate.hpp"
#include "healthyplaces/integration/arrangement.hpp"

namespace hp::finance {

enum class RiskShareRule : std::uint8_t {
    proportional,  ///< in proportion to contributions (the partners' budgets in the pool)
    fixed,         ///< agreed shares, one per partner, summing to 1
    lead_partner,  ///< the lead partner bears it all
    capped,        ///< agreed shares while the pooled overspend is within [collar, cap] (fractions of the
                   ///< pooled budget); beyond them each partner bears the excess in proportion to its own
                   ///< services' overspend
};

std::string_view to_string(RiskShareRule) noexcept;
/// "proportional", "fixed", "lead_partner", "capped"; DomainError listing them otherwise.
RiskShareRule parse_risk_share_rule(std::string_view name);

struct RiskShare {
    RiskShareRule rule = RiskShareRule::proportional;
    std::vector<std::pair<std::string, double>> shares;  ///< fixed, capped: (partner, share)
    std::string lead;                                    ///< lead_partner
    double cap = std::numeric_limits<double>::infinity();       ///< capped: >= 0, fraction of the pooled budget
    double collar = -std::numeric_limits<double>::infinity();  ///< capped: <= 0 (an underspend), <= cap
};

/// Cost shunting under separate budgets: disputed_share of each service's events are boundary cases argued
/// over, each costing cost_per_case (officer time, delayed discharges) to the service's owner.
struct Friction {
    double disputed_share = 0.0;  ///< in [0, 1]
    double cost_per_case = 0.0;   ///< >= 0
};

/// Overspend (spend − budget, negative = underspend) by partner and simulated year.
struct PartnerOutturns {
    std::vector<std::string> partners;
    std::vector<double> budgets;                 ///< per partner: the sum of its services' budgets
    std::vector<std::vector<double>> overspend;  ///< overspend[partner][simulated year]
};

/// DomainError/DataError naming the partner or field: unknown or missing partners, negative shares, shares
/// not summing to 1 (within 1e-9), a cap below the collar, a cap below 0 or a collar above 0.
void validate(const RiskShare& share, std::span<const std::string> partners);

/// Each partner's share of a pooled overspend, in `partners` order: contributions / their sum (proportional),
/// the agreed shares (fixed, capped), 1 for the lead and 0 for the others (lead_partner). Validates first.
std::vector<double> resolve_shares(const RiskShare& share, std::span<const std::string> partners,
                                   std::span<const double> budgets);

/// One simulated year of a pooled fund: `own` is each partner's own services' overspend, D = Σ own. Partner p
/// bears shares[p]·D, or under a capped rule shares[p]·clamp(D, collar·B, cap·B) + own[p]·excess/D with
/// excess = D − clamp(D, ...) and B = pooled_budget. The results sum to D (up to rounding).
void share_pooled(const RiskShare& share, std::span<const double> shares, std::span<const double> own,
                  double pooled_budget, std::span<double> out) noexcept;

/// The partners' overspends under `budgets` for every simulated year of `draws`.
PartnerOutturns outturns(const SpendDraws& draws, std::span<const Service> services, integration::Budgets budgets,
                         const RiskShare& share = {}, const Friction& friction = {});

struct RiskMeasures {
    double mean = 0;         ///< expected overspend against budget
    double sd = 0;           ///< sample standard deviation (n − 1)
    double p_overspend = 0;  ///< fraction of simulated years with overspend > 0
    double var = 0;          ///< value at risk: the ⌈var_level·n⌉-th smallest overspend
    double es = 0;           ///< expected shortfall: the mean of the n − ⌊var_level·n⌋ largest overspends
};

/// Risk measures of simulated overspends at the value-at-risk level `var_level` in (0, 1) (a quantile of the
/// loss distribution, not a confidence level).
RiskMeasures risk_measures(std::span<const double> overspend, double var_level = 0.95);

}  // namespace hp::finance
