#include "healthyplaces/finance/service.hpp"

#include <algorithm>
#include <cmath>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/stats/test_result.hpp"

namespace hp::finance {

std::string_view to_string(Counts c) noexcept {
    switch (c) {
        case Counts::poisson: return "poisson";
        case Counts::negative_binomial: return "negative_binomial";
    }
    return "?";
}

Counts parse_counts(std::string_view name, std::string_view what) {
    for (auto c : {Counts::poisson, Counts::negative_binomial})
        if (name == to_string(c)) return c;
    throw DomainError(std::string(what) + " must be \"poisson\" or \"negative_binomial\", got \"" + std::string(name) +
                      "\"");
}

void validate(const Service& s, std::size_t bands) {
    const std::string who = "service \"" + s.name + "\"";
    if (s.name.empty()) throw DataError("service: name must not be empty");
    if (s.owner.empty()) throw DataError(who + ": owner must name a partner (e.g. \"council\", \"nhs\")");
    if (s.rates.size() != bands)
        throw DataError(who + ": rates has " + std::to_string(s.rates.size()) + " age bands but the population has " +
                        std::to_string(bands) + "; give one rate per population band");
    for (std::size_t b = 0; b < bands; ++b)
        if (!(std::isfinite(s.rates[b]) && s.rates[b] >= 0))
            throw DataError(who + ": rates[" + std::to_string(b) + "] must be zero or positive, got " +
                            std::to_string(s.rates[b]));
    validate(s.unit_cost, who + ": unit cost");
    if (!(std::isfinite(s.budget) && s.budget >= 0 && s.budget <= max_budget))
        throw DataError(who + ": budget must be from 0 to 1e15 (£), got " + stats::format_number(s.budget));
    if (!(std::isfinite(s.dispersion) && s.dispersion >= 0))
        throw DataError(who + ": dispersion must be zero or positive, got " + std::to_string(s.dispersion));
    if (s.counts == Counts::negative_binomial && s.dispersion == 0)
        throw DataError(who + ": a negative binomial needs dispersion > 0 (variance λ + dispersion·λ²); use "
                              "counts=\"poisson\" for none");
    if (s.counts == Counts::negative_binomial && s.dispersion < min_dispersion)
        throw DataError(who + ": a negative binomial's dispersion must be at least 1e-30 (smaller is a Poisson to "
                              "18 digits: use counts=\"poisson\"), got " + stats::format_number(s.dispersion));
    if (s.counts == Counts::poisson && s.dispersion != 0)
        throw DataError(who + ": dispersion applies to counts=\"negative_binomial\" only");
}

double expected_events(const Service& s, std::span<const double> population) noexcept {
    double e = 0.0;
    const std::size_t n = std::min(population.size(), s.rates.size());
    for (std::size_t b = 0; b < n; ++b) e += s.rates[b] * population[b];
    return e;
}

std::vector<std::string> partners_of(std::span<const Service> services) {
    std::vector<std::string> out;
    for (const auto& s : services)
        if (std::find(out.begin(), out.end(), s.owner) == out.end()) out.push_back(s.owner);
    return out;
}

}  // namespace hp::finance
