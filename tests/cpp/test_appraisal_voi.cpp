// EVPI and EVPPI (appraisal/value_of_information.hpp) against closed forms written out here: the normal EVPI
// σφ(μ/σ) − |μ|Φ(−|μ|/σ) (normal.hpp, itself checked against a direct integral below) and a quadrature.
// Samples stay small (n ≤ 5,000): these run under sanitizers.
#include <doctest/doctest.h>

#include <cmath>
#include <numbers>

#include "error_of.hpp"
#include "healthyplaces/appraisal/appraisal.hpp"
#include "healthyplaces/stats/random.hpp"

using namespace hp::appraisal;
using hp::testing::contains;
using hp::testing::error_of;

namespace voi_test {

// standard normals by Box-Muller from the library's counter-based stream
Eigen::MatrixXd normals(Eigen::Index n, Eigen::Index p, std::uint64_t seed) {
    hp::stats::RandomStream rng(seed, 0);
    Eigen::MatrixXd x(n, p);
    for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index j = 0; j < p; ++j) {
            const double u1 = 1.0 - rng.uniform(), u2 = rng.uniform();
            x(i, j) = std::sqrt(-2 * std::log(u1)) * std::cos(2 * std::numbers::pi * u2);
        }
    return x;
}

// E[max(Y, 0)] − max(E[Y], 0) for Y ~ N(mu, sigma²) by the trapezoid rule over ±12σ: checks normal_evpi itself
double evpi_by_quadrature(double mu, double sigma) {
    const int steps = 200000;
    const double lo = mu - 12 * sigma, h = 24 * sigma / steps;
    double sum = 0;
    for (int i = 0; i <= steps; ++i) {
        const double y = lo + i * h;
        const double f = std::max(y, 0.0) * std::exp(-0.5 * std::pow((y - mu) / sigma, 2)) /
                         (sigma * std::sqrt(2 * std::numbers::pi));
        sum += (i == 0 || i == steps) ? f / 2 : f;
    }
    return sum * h - std::max(mu, 0.0);
}

}  // namespace voi_test

TEST_CASE("appraisal voi: normal_evpi agrees with a direct integral") {
    for (auto [mu, sigma] : {std::pair{0.0, 1.0}, {0.7, 2.0}, {-3.0, 1.5}, {5.0, 1.0}})
        CHECK(normal_evpi(mu, sigma) == doctest::Approx(voi_test::evpi_by_quadrature(mu, sigma)).epsilon(1e-7));
}

TEST_CASE("appraisal voi: EVPI of two options with a normal incremental net benefit") {
    // option B − option A ~ N(0.3, 1): EVPI = normal_evpi(0.3, 1); option A's own noise cancels in the increment
    const Eigen::Index n = 5000;
    const Eigen::MatrixXd z = voi_test::normals(n, 2, 11);
    Eigen::MatrixXd nb(n, 2);
    nb.col(0) = 10.0 + 2.0 * z.col(0).array();
    nb.col(1) = nb.col(0).array() + 0.3 + z.col(1).array();
    const auto r = evpi(nb, {"do minimum", "pooled budget"});
    CHECK(r.best == 1);
    CHECK(r.standard_error > 0);
    CHECK(std::fabs(r.evpi - normal_evpi(0.3, 1.0)) < 4 * r.standard_error);
    // P(best) of pooled budget: P(N(0.3, 1) > 0) = Φ(0.3) = 0.6179, within 4 binomial SEs
    CHECK(std::fabs(r.p_best[1] - 0.6179114222) < 4 * std::sqrt(0.62 * 0.38 / n));
    CHECK(r.p_best[0] + r.p_best[1] == doctest::Approx(1.0));
}

TEST_CASE("appraisal voi: EVPPI of a linear model matches the normal closed form, one input and a group") {
    // INB = b0 + Σ b_j X_j, X_j ~ N(m_j, s_j²) independent: E[INB | X_G] ~ N(b0 + Σ b_j m_j, Σ_{j∈G} b_j² s_j²)
    const Eigen::Index n = 2500;
    const double b0 = 0.4, b[3] = {1.0, -0.6, 0.3}, m[3] = {0.2, 1.0, -1.0}, s[3] = {1.0, 2.0, 1.5};
    const Eigen::MatrixXd z = voi_test::normals(n, 3, 7);
    Eigen::MatrixXd x(n, 3);
    for (int j = 0; j < 3; ++j) x.col(j) = m[j] + s[j] * z.col(j).array();
    double mean = b0;
    for (int j = 0; j < 3; ++j) mean += b[j] * m[j];
    Eigen::MatrixXd nb = Eigen::MatrixXd::Zero(n, 2);
    nb.col(1).setConstant(b0);
    for (int j = 0; j < 3; ++j) nb.col(1) += b[j] * x.col(j);
    // (the group of all three inputs, whose EVPPI is the EVPI, is checked in tests/python/test_appraisal_voi.py:
    // its 216-coefficient eigendecomposition is too slow under the sanitizers)
    const auto r = evppi(nb, x, {{0}, {1}, {2}, {0, 1}}, {{"bau", "merge"}, {"a", "b", "c"}, 1});
    REQUIRE(r.estimates.size() == 4);
    auto truth = [&](std::initializer_list<int> g) {
        double v = 0;
        for (int j : g) v += b[j] * b[j] * s[j] * s[j];
        return normal_evpi(mean, std::sqrt(v));
    };
    // the tolerance: 4 × (the regression's standard error + the Monte Carlo error of averaging the true
    // conditional expectation over n samples, whose sd is at most that of max(INB_G, 0))
    const double truths[4] = {truth({0}), truth({1}), truth({2}), truth({0, 1})};
    for (int g = 0; g < 4; ++g) {
        const auto& e = r.estimates[static_cast<std::size_t>(g)];
        double sd = 0;
        for (int j : e.group) sd += b[j] * b[j] * s[j] * s[j];
        const double tol = 4 * (e.standard_error + std::sqrt(sd / n));
        INFO("group ", g, " estimate ", e.evppi, " truth ", truths[g], " se ", e.standard_error);
        CHECK(std::fabs(e.evppi - truths[g]) < tol);
        CHECK(e.evppi >= 0);
        CHECK(e.evppi <= r.perfect.evpi + 4 * r.perfect.standard_error);
        CHECK(e.edf.size() == 1);
        CHECK(e.edf[0] >= 1.9);  // at least the linear trend
    }
    CHECK(r.estimates[0].inputs == std::vector<std::string>{"a"});
    CHECK(r.estimates[3].basis_size == 100);
    // one-input fits of a linear truth are smoothed to (nearly) a line
    CHECK(r.estimates[0].edf[0] < 6);
}

TEST_CASE("appraisal voi: EVPPI of a nonlinear effect (the smoother is not a line)") {
    // INB = X1² − 0.5 + X2 with X ~ N(0, 1): E[INB | X1] = X1² − 0.5 has mean 0.5, so EVPPI(X1) =
    // E[max(0, 0.5 − X1²)], by the trapezoid rule below; a linear fit would find ~0 (X1² is uncorrelated with X1)
    const Eigen::Index n = 4000;
    const Eigen::MatrixXd x = voi_test::normals(n, 2, 3);
    Eigen::MatrixXd nb = Eigen::MatrixXd::Zero(n, 3);
    nb.col(1) = x.col(0).array().square() - 0.5 + x.col(1).array();
    nb.col(2).setConstant(-1.0);  // a third option that is never best
    const double c = std::sqrt(0.5);
    double truth = 0;
    const int steps = 20000;
    for (int i = 0; i <= steps; ++i) {
        const double u = -c + 2 * c * i / steps;
        const double f = (0.5 - u * u) * std::exp(-0.5 * u * u) / std::sqrt(2 * std::numbers::pi);
        truth += (i == 0 || i == steps) ? f / 2 : f;
    }
    truth *= 2 * c / steps;
    const auto r = evppi(nb, x, {{0}});
    const auto& e = r.estimates[0];
    INFO("estimate ", e.evppi, " truth ", truth, " se ", e.standard_error);
    CHECK(truth == doctest::Approx(0.17914).epsilon(1e-4));
    CHECK(std::fabs(e.evppi - truth) < 4 * (e.standard_error + std::sqrt(0.25 / n)));
    CHECK(e.edf.size() == 2);
    CHECK(e.edf[0] > 3);
}

TEST_CASE("appraisal voi: EVPPI is the same for any thread count") {
    const Eigen::Index n = 1500;
    const Eigen::MatrixXd x = voi_test::normals(n, 2, 5);
    Eigen::MatrixXd nb(n, 2);
    nb.col(0).setZero();
    nb.col(1) = 0.2 + x.col(0).array() + 0.5 * x.col(1).array().sin();
    const auto a = evppi(nb, x, {{0}, {1}, {0, 1}}, {{}, {}, 1});
    const auto b = evppi(nb, x, {{0}, {1}, {0, 1}}, {{}, {}, 2});
    for (std::size_t g = 0; g < 3; ++g) {
        CHECK(a.estimates[g].evppi == b.estimates[g].evppi);
        CHECK(a.estimates[g].standard_error == b.estimates[g].standard_error);
    }
}

TEST_CASE("appraisal voi: EVPPI scales with the net benefit, up to 1e200 (no overflow)") {
    const Eigen::Index n = 1000;
    const Eigen::MatrixXd x = voi_test::normals(n, 2, 6);
    Eigen::MatrixXd nb(n, 3);
    nb.col(0).setZero();
    nb.col(1) = 0.1 + x.col(0).array() + x.col(1).array();
    nb.col(2) = 0.3 * x.col(0).array().square() - 0.2;
    const auto a = evppi(nb, x, {{0}});
    for (double big : {1e-200, 1e12, 1e200}) {
        const auto b = evppi(nb * big, x * big, {{0}});
        CHECK(b.estimates[0].evppi / big == doctest::Approx(a.estimates[0].evppi).epsilon(1e-9));
        CHECK(b.estimates[0].standard_error / big == doctest::Approx(a.estimates[0].standard_error).epsilon(1e-6));
        CHECK(b.perfect.evpi / big == doctest::Approx(a.perfect.evpi).epsilon(1e-12));
    }
}

TEST_CASE("appraisal voi: bad input is refused, naming the input or option") {
    const Eigen::Index n = 600;
    Eigen::MatrixXd x = voi_test::normals(n, 6, 9);
    Eigen::MatrixXd nb = voi_test::normals(n, 2, 10);
    const EvppiOptions names{{"bau", "merge"}, {"cost", "effect", "c", "d", "e", "f"}, 1};
    CHECK(contains(error_of([&] { evppi(nb, x.topRows(500), {{0}}, names); }), "inputs has 500 rows but net_benefit has 600"));
    CHECK(contains(error_of([&] { evppi(nb, x, {{0, 1, 2, 3, 4}}, names); }), "at most 4"));
    CHECK(contains(error_of([&] { evppi(nb, x, {{0, 1, 2}}, names); }), "needs at least 5 PSA samples for each (1080)"));
    CHECK(contains(error_of([&] { evppi(nb, x, {{7}}, names); }), "columns 0 to 5"));
    CHECK(contains(error_of([&] { evppi(nb, x, {{1, 1}}, names); }), "'effect' twice"));
    CHECK(contains(error_of([&] { evppi(nb.leftCols(1), x, {{0}}); }), "at least 2 options"));
    Eigen::MatrixXd flat = x;
    flat.col(1).setConstant(3.0);
    CHECK(contains(error_of([&] { evppi(nb, flat, {{1}}, names); }), "DomainError: evppi: input 'effect' has no variation"));
    flat(4, 0) = std::nan("");
    CHECK(error_of([&] { evppi(nb, flat, {{0}}, names); }) == "DataError: evppi: input 'cost' is not finite in row 4");
    nb(2, 1) = INFINITY;
    CHECK(error_of([&] { evpi(nb, {"bau", "merge"}); }) == "DataError: evpi: net_benefit of option 'merge' is not finite in row 2");
}
