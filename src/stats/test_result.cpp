#include "healthyplaces/stats/test_result.hpp"

#include <cstdio>

#include "healthyplaces/base/error.hpp"

namespace hp::stats {

std::string_view to_string(Alternative a) noexcept {
    switch (a) {
        case Alternative::two_sided: return "two-sided";
        case Alternative::less: return "less";
        case Alternative::greater: return "greater";
    }
    return "?";
}

Alternative parse_alternative(std::string_view name) {
    if (name == "two-sided" || name == "two_sided") return Alternative::two_sided;
    if (name == "less") return Alternative::less;
    if (name == "greater") return Alternative::greater;
    throw DomainError("unknown alternative '" + std::string(name) + "': use 'two-sided', 'less' or 'greater'");
}

std::string_view to_string(TestMethod m) noexcept {
    switch (m) {
        case TestMethod::automatic: return "auto";
        case TestMethod::exact: return "exact";
        case TestMethod::asymptotic: return "asymptotic";
        case TestMethod::monte_carlo: return "monte_carlo";
    }
    return "?";
}

TestMethod parse_test_method(std::string_view name) {
    if (name == "auto") return TestMethod::automatic;
    if (name == "exact") return TestMethod::exact;
    if (name == "asymptotic" || name == "approx") return TestMethod::asymptotic;
    if (name == "monte_carlo" || name == "permutation") return TestMethod::monte_carlo;
    throw DomainError("unknown method '" + std::string(name) +
                      "': use 'auto', 'exact', 'asymptotic' (or 'approx') or 'monte_carlo' (or 'permutation')");
}

std::string format_number(double x) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g", x);
    return buf;
}

void check_confidence_level(double level, std::string_view what) {
    if (level > 0.0 && level < 1.0) return;
    std::string message = std::string(what) + " must be strictly between 0 and 1, got " + format_number(level);
    // 95 or 99.8 is a percentage meant as a proportion: say so (the commonest mistake by far).
    if (level > 1.0 && level < 100.0) message += " (did you mean " + format_number(level / 100.0) + "?)";
    throw DomainError(message);
}

}  // namespace hp::stats
