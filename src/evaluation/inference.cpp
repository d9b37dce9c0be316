// Two-sided p-values and intervals from an estimate and its standard error (inference.hpp).
#include "healthyplaces/evaluation/inference.hpp"

#include <cmath>
#include <string>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/numerics/regression.hpp"
#include "healthyplaces/stats/test_result.hpp"

namespace hp::evaluation {
namespace {
void same_length(Eigen::Index a, Eigen::Index b, const char* who) {
    if (a != b)
        throw DomainError(std::string(who) + ": " + std::to_string(a) + " estimates but " + std::to_string(b) +
                          " standard errors");
}
}  // namespace

double normal_pvalue(double estimate, double standard_error) {
    if (std::isnan(estimate) || !(standard_error > 0)) return std::numeric_limits<double>::quiet_NaN();
    return std::erfc(std::abs(estimate / standard_error) / std::sqrt(2.0));
}

Eigen::VectorXd normal_pvalues(const Eigen::VectorXd& estimate, const Eigen::VectorXd& standard_error) {
    same_length(estimate.size(), standard_error.size(), "normal_pvalues");
    Eigen::VectorXd p(estimate.size());
    for (Eigen::Index i = 0; i < p.size(); ++i) p(i) = normal_pvalue(estimate(i), standard_error(i));
    return p;
}

std::pair<double, double> confidence_interval(double estimate, double standard_error, double confidence_level, double df) {
    stats::check_confidence_level(confidence_level, "confidence_level");
    const double half = numerics::critical_value(confidence_level, df) * standard_error;
    return {estimate - half, estimate + half};
}

std::pair<Eigen::VectorXd, Eigen::VectorXd> confidence_intervals(const Eigen::VectorXd& estimate,
                                                                 const Eigen::VectorXd& standard_error,
                                                                 double confidence_level, double df) {
    same_length(estimate.size(), standard_error.size(), "confidence_intervals");
    stats::check_confidence_level(confidence_level, "confidence_level");
    const double c = numerics::critical_value(confidence_level, df);
    Eigen::VectorXd low(estimate.size()), high(estimate.size());
    for (Eigen::Index i = 0; i < estimate.size(); ++i) {
        const double half = c * standard_error(i);
        low(i) = estimate(i) - half;
        high(i) = estimate(i) + half;
    }
    return {low, high};
}

}  // namespace hp::evaluation
