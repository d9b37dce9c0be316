#include "healthyplaces/stats/ranks.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "healthyplaces/base/error.hpp"

namespace hp::stats {

double Ranking::tie_term() const noexcept {
    double s = 0;
    for (auto t : ties) {
        const auto d = static_cast<double>(t);
        s += d * d * d - d;
    }
    return s;
}

bool Ranking::has_ties() const noexcept {
    return std::any_of(ties.begin(), ties.end(), [](std::int64_t t) { return t > 1; });
}

namespace {
Ranking rank_values(const double* a, std::size_t na, const double* b, std::size_t nb) {
    const std::size_t n = na + nb;
    auto at = [&](std::size_t i) { return i < na ? a[i] : b[i - na]; };
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t i, std::size_t j) { return at(i) < at(j); });
    Ranking r;
    r.ranks.resize(n);
    for (std::size_t i = 0; i < n;) {
        std::size_t j = i + 1;
        while (j < n && at(order[j]) == at(order[i])) ++j;
        // positions i..j-1 (0-based) share the ranks i+1..j: their mean is (i + 1 + j) / 2
        const double mid = 0.5 * static_cast<double>(i + 1 + j);
        for (std::size_t k = i; k < j; ++k) r.ranks[order[k]] = mid;
        r.ties.push_back(static_cast<std::int64_t>(j - i));
        i = j;
    }
    return r;
}
}  // namespace

Ranking rank(std::span<const double> xs) { return rank_values(xs.data(), xs.size(), nullptr, 0); }

Ranking rank(std::span<const double> a, std::span<const double> b) {
    return rank_values(a.data(), a.size(), b.data(), b.size());
}

void check_finite(std::span<const double> xs, const char* what) {
    for (std::size_t i = 0; i < xs.size(); ++i)
        if (!std::isfinite(xs[i]))
            throw DataError(std::string(what) + ": " + (std::isnan(xs[i]) ? "missing value (NaN)" : "infinite value") +
                            " at position " + std::to_string(i) + "; remove it before testing");
}

std::vector<double> paired_differences(std::span<const double> x, std::span<const double> y, const char* who) {
    std::vector<double> d(x.size());
    for (std::size_t i = 0; i < d.size(); ++i) {
        d[i] = x[i] - y[i];
        if (std::isinf(d[i]) && std::isfinite(x[i]) && std::isfinite(y[i]))
            throw DataError(std::string(who) + ": the difference x - y at position " + std::to_string(i) + " (x = " +
                            format_number(x[i]) + ", y = " + format_number(y[i]) +
                            ") is beyond the double range (1.8e308); rescale the data");
    }
    return d;
}

}  // namespace hp::stats
