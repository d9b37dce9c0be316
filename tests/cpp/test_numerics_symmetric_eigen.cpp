// hp::numerics::symmetric_eigen and friends against eigenproblems solved by hand.
#include <doctest/doctest.h>

#include <Eigen/Core>
#include <cmath>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/numerics/symmetric_eigen.hpp"

TEST_CASE("numerics symmetric_eigen: 2 x 2 and 3 x 3 by hand") {
    // [[2, 1], [1, 2]]: characteristic (2 - l)^2 - 1 = 0, so l = 1, 3 with vectors (1, -1)/sqrt2, (1, 1)/sqrt2.
    Eigen::MatrixXd a(2, 2);
    a << 2, 1, 1, 2;
    const auto e = hp::numerics::symmetric_eigen(a);
    CHECK(e.values(0) == doctest::Approx(1.0).epsilon(1e-14));
    CHECK(e.values(1) == doctest::Approx(3.0).epsilon(1e-14));
    CHECK(std::abs(e.vectors(0, 1)) == doctest::Approx(1 / std::sqrt(2.0)).epsilon(1e-14));
    CHECK(e.vectors(0, 0) * e.vectors(1, 0) == doctest::Approx(-0.5).epsilon(1e-14));
    // a tridiagonal [[2,-1,0],[-1,2,-1],[0,-1,2]]: l = 2 - 2cos(k pi / 4), k = 1..3
    Eigen::MatrixXd t(3, 3);
    t << 2, -1, 0, -1, 2, -1, 0, -1, 2;
    const auto v = hp::numerics::symmetric_eigen(t, false).values;
    for (int k = 1; k <= 3; ++k) CHECK(v(k - 1) == doctest::Approx(2 - 2 * std::cos(k * M_PI / 4)).epsilon(1e-14));
    CHECK(hp::numerics::symmetric_eigen(t, false).vectors.size() == 0);
}

TEST_CASE("numerics generalized_symmetric_eigen: A v = l B v with V'BV = I") {
    // A = diag(2, 8), B = diag(1, 2): l = 2 and 4, v = e1 and e2 / sqrt2.
    Eigen::MatrixXd a = Eigen::Vector2d(2, 8).asDiagonal(), b = Eigen::Vector2d(1, 2).asDiagonal();
    const auto e = hp::numerics::generalized_symmetric_eigen(a, b);
    CHECK(e.values(0) == doctest::Approx(2.0).epsilon(1e-14));
    CHECK(e.values(1) == doctest::Approx(4.0).epsilon(1e-14));
    CHECK(std::abs(e.vectors(1, 1)) == doctest::Approx(1 / std::sqrt(2.0)).epsilon(1e-14));
    // a full pencil: A = [[4, 1], [1, 3]], B = [[2, 1], [1, 2]]; det(A - l B) = 3 l^2 - 12 l + 11 = 0
    Eigen::MatrixXd a2(2, 2), b2(2, 2);
    a2 << 4, 1, 1, 3;
    b2 << 2, 1, 1, 2;
    const auto f = hp::numerics::generalized_symmetric_eigen(a2, b2);
    CHECK(f.values(0) == doctest::Approx((12 - std::sqrt(144.0 - 132)) / 6).epsilon(1e-13));
    CHECK(f.values(1) == doctest::Approx((12 + std::sqrt(144.0 - 132)) / 6).epsilon(1e-13));
    const Eigen::MatrixXd btb = f.vectors.transpose() * b2 * f.vectors;
    CHECK((btb - Eigen::MatrixXd::Identity(2, 2)).cwiseAbs().maxCoeff() < 1e-14);
    const Eigen::MatrixXd residual = a2 * f.vectors - b2 * f.vectors * f.values.asDiagonal();
    CHECK(residual.cwiseAbs().maxCoeff() < 1e-13);
    Eigen::MatrixXd not_pd(2, 2);
    not_pd << 1, 2, 2, 1;
    CHECK_THROWS_WITH_AS(hp::numerics::generalized_symmetric_eigen(a2, not_pd),
                         "generalized symmetric eigenproblem: B is not positive definite", hp::DomainError);
}

TEST_CASE("numerics largest_singular_value: the 2-norm, wide or tall") {
    Eigen::MatrixXd a(2, 3);  // rows (3, 0, 4) and (0, 0, 0): one singular value, 5
    a << 3, 0, 4, 0, 0, 0;
    CHECK(hp::numerics::largest_singular_value(a) == doctest::Approx(5.0).epsilon(1e-15));
    CHECK(hp::numerics::largest_singular_value(a.transpose()) == doctest::Approx(5.0).epsilon(1e-15));
    CHECK(hp::numerics::largest_singular_value(Eigen::MatrixXd::Zero(2, 2)) == 0.0);
    // [[1, 1], [0, 1]]: sigma_max^2 = (3 + sqrt5) / 2
    Eigen::MatrixXd j(2, 2);
    j << 1, 1, 0, 1;
    CHECK(hp::numerics::largest_singular_value(j) == doctest::Approx(std::sqrt((3 + std::sqrt(5.0)) / 2)).epsilon(1e-15));
    CHECK_THROWS_AS(hp::numerics::largest_singular_value(Eigen::MatrixXd(0, 3)), hp::DomainError);
    Eigen::MatrixXd bad = j;
    bad(0, 0) = NAN;
    CHECK_THROWS_AS(hp::numerics::largest_singular_value(bad), hp::DomainError);
    CHECK_THROWS_AS(hp::numerics::symmetric_eigen(Eigen::MatrixXd(2, 3)), hp::DomainError);
}
