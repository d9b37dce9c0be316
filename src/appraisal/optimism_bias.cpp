#include "healthyplaces/appraisal/optimism_bias.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/core/framework.hpp"  // normalise_key
#include "healthyplaces/stats/test_result.hpp"  // format_number

namespace hp::appraisal {

namespace optimism_detail {

constexpr double kNa = std::numeric_limits<double>::quiet_NaN();

constexpr std::string_view kTypeNames[] = {"standard_buildings",         "non_standard_buildings",
                                           "standard_civil_engineering", "non_standard_civil_engineering",
                                           "equipment_development",      "outsourcing"};

std::string type_list() {
    std::string s;
    for (auto n : kTypeNames) s += (s.empty() ? "" : ", ") + std::string(n);
    return s;
}

void check_fraction(const char* what, double x) {
    if (!(x >= 0 && x <= 1))
        throw DomainError(std::string("optimism_bias: ") + what + " must be in [0, 1], got " + stats::format_number(x));
}

void check_uplift(const char* what, double x) {
    if (!std::isfinite(x) || x < 0)
        throw DomainError(std::string("apply_optimism_bias: the ") + what +
                          " uplift must be finite and >= 0, got " + stats::format_number(x));
}

// The share-weighted mean of one measure over the parts with a figure for it; 0 when none has one.
double weighted(const std::vector<ProjectShare>& project, double OptimismBias::*measure, bool upper) {
    double sum = 0, weight = 0;
    for (const auto& p : project) {
        const auto& row = optimism_bias_table()[static_cast<std::size_t>(p.type)];
        const double v = (upper ? row.upper : row.lower).*measure;
        if (std::isnan(v)) continue;
        sum += p.share * v;
        weight += p.share;
    }
    return weight > 0 ? sum / weight : 0.0;
}

}  // namespace optimism_detail

std::string_view to_string(ProjectType t) noexcept { return optimism_detail::kTypeNames[static_cast<int>(t)]; }

ProjectType parse_project_type(std::string_view name) {
    const std::string k = core::normalise_key(name);
    for (int i = 0; i < 6; ++i)
        if (k == optimism_detail::kTypeNames[i]) return static_cast<ProjectType>(i);
    if (k == "nonstandard_buildings") return ProjectType::non_standard_buildings;
    if (k == "nonstandard_civil_engineering") return ProjectType::non_standard_civil_engineering;
    if (k == "equipment" || k == "development") return ProjectType::equipment_development;
    throw DomainError("optimism_bias: project type '" + std::string(name) +
                      "' is not in the Green Book's Table 2; types: " + optimism_detail::type_list());
}

const std::vector<OptimismBiasBounds>& optimism_bias_table() {
    using optimism_detail::kNa;
    // HM Treasury, Supplementary Green Book Guidance: Optimism Bias (Mott MacDonald 2002), Table 2, as fractions:
    // {capital, operating, duration} upper then lower, in the order of ProjectType.
    static const std::vector<OptimismBiasBounds> table{
        {{0.24, kNa, 0.04}, {0.02, kNa, 0.01}},  // standard buildings
        {{0.51, kNa, 0.39}, {0.04, kNa, 0.02}},  // non-standard buildings
        {{0.44, kNa, 0.20}, {0.03, kNa, 0.01}},  // standard civil engineering
        {{0.66, kNa, 0.25}, {0.06, kNa, 0.03}},  // non-standard civil engineering
        {{2.00, kNa, 0.54}, {0.10, kNa, 0.10}},  // equipment / development
        {{kNa, 0.41, kNa}, {kNa, 0.0, kNa}},     // outsourcing: operating expenditure only
    };
    return table;
}

OptimismBiasBounds optimism_bias_bounds(const std::vector<ProjectShare>& project) {
    using namespace optimism_detail;
    if (project.empty()) throw DomainError("optimism_bias: project needs at least one project type and its share");
    double total = 0;
    for (std::size_t i = 0; i < project.size(); ++i) {
        const auto& p = project[i];
        if (static_cast<int>(p.type) > 5) throw DomainError("optimism_bias: unknown project type; types: " + type_list());
        if (!(p.share >= 0 && p.share <= 1))
            throw DomainError("optimism_bias: the share of " + std::string(to_string(p.type)) +
                              " must be in [0, 1], got " + stats::format_number(p.share));
        for (std::size_t j = 0; j < i; ++j)
            if (project[j].type == p.type)
                throw DomainError("optimism_bias: project type " + std::string(to_string(p.type)) +
                                  " is given twice; give each type once with its whole share");
        total += p.share;
    }
    if (std::abs(total - 1) > 1e-9)
        throw DomainError("optimism_bias: the project's shares must sum to 1, got " + stats::format_number(total));
    OptimismBiasBounds out;
    for (bool upper : {true, false}) {
        OptimismBias& b = upper ? out.upper : out.lower;
        b.capital = weighted(project, &OptimismBias::capital, upper);
        b.operating = weighted(project, &OptimismBias::operating, upper);
        b.duration = weighted(project, &OptimismBias::duration, upper);
    }
    return out;
}

OptimismBias optimism_bias(const std::vector<ProjectShare>& project, const Mitigation& mitigation) {
    optimism_detail::check_fraction("mitigation of capital", mitigation.capital);
    optimism_detail::check_fraction("mitigation of operating", mitigation.operating);
    optimism_detail::check_fraction("mitigation of duration", mitigation.duration);
    const auto u = optimism_bias_bounds(project).upper;
    // The guidance: resultant optimism bias = (100% − reduction) × upper bound.
    return {u.capital * (1 - mitigation.capital), u.operating * (1 - mitigation.operating),
            u.duration * (1 - mitigation.duration)};
}

OptimismBias optimism_bias(const std::vector<ProjectShare>& project, double mitigation) {
    optimism_detail::check_fraction("mitigation", mitigation);
    return optimism_bias(project, Mitigation{mitigation, mitigation, mitigation});
}

finance::Uncertain scale(const finance::Uncertain& u, double k, std::string_view what) {
    using finance::Uncertain;
    using finance::UncertainKind;
    if (!std::isfinite(k) || k <= 0)
        throw DomainError(std::string(what) + ": the scale factor must be finite and > 0, got " + stats::format_number(k));
    if (k == 1) return u;
    if (u.kind == UncertainKind::beta)
        throw DomainError(std::string(what) +
                          ": a beta amount is a fraction in (0, 1), which an uplift cannot scale; give the amount as "
                          "fixed, normal, lognormal, gamma, uniform or triangular");
    const double a = u.a * k, b = u.b * k, c = u.c * k;
    if (!std::isfinite(a) || !std::isfinite(b) || !std::isfinite(c))
        throw DomainError(std::string(what) + ": " + finance::to_string(u) + " × " + stats::format_number(k) +
                          " is beyond the double range");
    // Each family is closed under x -> kx (k > 0) with these parameters: mean and sd (normal, lognormal, gamma, both
    // given as the value's mean and sd), or the support's points (uniform, triangular).
    switch (u.kind) {
        case UncertainKind::fixed: return Uncertain::fixed(a);
        case UncertainKind::normal: return Uncertain::normal(a, b);
        case UncertainKind::lognormal: return Uncertain::lognormal(a, b);
        case UncertainKind::gamma: return Uncertain::gamma(a, b);
        case UncertainKind::uniform: return Uncertain::uniform(a, b);
        case UncertainKind::triangular: return Uncertain::triangular(a, b, c);
        case UncertainKind::beta: break;
    }
    throw DomainError(std::string(what) + ": unknown kind of uncertain amount");
}

std::vector<finance::Flow> apply_optimism_bias(std::vector<finance::Flow> flows, const OptimismBias& bias,
                                               int works_years, int horizon) {
    using finance::FlowKind;
    optimism_detail::check_uplift("capital", bias.capital);
    optimism_detail::check_uplift("operating", bias.operating);
    optimism_detail::check_uplift("duration", bias.duration);
    if (works_years < 0 || works_years > 10000)
        throw DomainError("apply_optimism_bias: works_years must be in 0..10,000, got " + std::to_string(works_years));
    if (horizon < 1 || horizon > 10000)
        throw DomainError("apply_optimism_bias: horizon must be in 1..10,000, got " + std::to_string(horizon));
    // Past the horizon every stream is empty, so the delay is capped there (and never overflows an int).
    const double x = std::min(bias.duration * works_years, 2.0 * 10000 + 1);
    const int delay = static_cast<int>(std::round(x));  // std::round: halves away from zero
    for (auto& f : flows) {
        const std::string what = "flow '" + f.name + "' (" + finance::to_string(f.kind) + ")";
        switch (f.kind) {
            case FlowKind::one_off_cost: f.amount = scale(f.amount, 1 + bias.capital, what); break;
            case FlowKind::running_cost: f.amount = scale(f.amount, 1 + bias.operating, what); break;
            case FlowKind::saving:
            case FlowKind::prevention: {
                if (delay == 0) break;
                const int last = f.end < 0 ? horizon : f.end;
                const long long start = static_cast<long long>(f.start) + delay;
                if (start > last) {  // the benefit never arrives within its years
                    f.amount = finance::Uncertain::fixed(0);
                    f.start = last;
                } else {
                    f.start = static_cast<int>(start);
                }
                break;
            }
        }
    }
    return flows;
}

}  // namespace hp::appraisal
