#include "healthyplaces/numerics/simplex_qp.hpp"

#include <Eigen/LU>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "healthyplaces/base/error.hpp"

namespace hp::numerics {
namespace {

// Solve the equality-constrained problem on the free set P: [H_PP 1; 1' 0] [z; mu] = [-c_P; 1].
Eigen::VectorXd solve_free(const Eigen::MatrixXd& H, const Eigen::VectorXd& c, const std::vector<Eigen::Index>& P,
                           double& mu) {
    const auto p = static_cast<Eigen::Index>(P.size());
    Eigen::MatrixXd K(p + 1, p + 1);
    Eigen::VectorXd rhs(p + 1);
    for (Eigen::Index a = 0; a < p; ++a) {
        for (Eigen::Index b = 0; b < p; ++b) K(a, b) = H(P[static_cast<std::size_t>(a)], P[static_cast<std::size_t>(b)]);
        K(a, p) = 1.0;
        K(p, a) = 1.0;
        rhs(a) = -c(P[static_cast<std::size_t>(a)]);
    }
    K(p, p) = 0.0;
    rhs(p) = 1.0;
    const Eigen::VectorXd sol = K.fullPivLu().solve(rhs);
    mu = sol(p);
    return sol.head(p);
}

}  // namespace

SimplexQPResult simplex_qp(const Eigen::MatrixXd& H, const Eigen::VectorXd& c, const SimplexQPOptions& options) {
    const Eigen::Index n = c.size();
    if (n == 0) throw DomainError("simplex QP: no weights to choose (the donor pool is empty)");
    if (H.rows() != n || H.cols() != n)
        throw DomainError("simplex QP: H is " + std::to_string(H.rows()) + " x " + std::to_string(H.cols()) +
                          " but c has " + std::to_string(n) + " entries");
    if (!H.allFinite() || !c.allFinite()) throw DomainError("simplex QP: H and c must be finite (no NaN or infinity)");
    const std::size_t max_it = options.max_iterations ? options.max_iterations : 10 * static_cast<std::size_t>(n) + 50;

    SimplexQPResult r;
    // Start at the best vertex: f(e_j) = 0.5 H_jj + c_j.
    Eigen::Index start = 0;
    for (Eigen::Index j = 1; j < n; ++j)
        if (0.5 * H(j, j) + c(j) < 0.5 * H(start, start) + c(start)) start = j;
    Eigen::VectorXd w = Eigen::VectorXd::Zero(n);
    w(start) = 1.0;
    std::vector<Eigen::Index> P{start};
    std::vector<char> free(static_cast<std::size_t>(n), 0);
    free[static_cast<std::size_t>(start)] = 1;
    double mu = 0;
    Eigen::VectorXd g(n);
    Eigen::Index last_added = -1;

    for (r.iterations = 0; r.iterations < max_it; ++r.iterations) {
        const Eigen::VectorXd z = solve_free(H, c, P, mu);
        // Step towards z, stopping where the first free weight reaches zero.
        double alpha = 1.0;
        Eigen::Index blocking = -1;
        for (std::size_t a = 0; a < P.size(); ++a) {
            const auto i = P[a];
            const double zi = z(static_cast<Eigen::Index>(a));
            if (zi <= 0.0) {
                const double step = w(i) / (w(i) - zi);
                if (step < alpha) {
                    alpha = step;
                    blocking = i;
                }
            }
        }
        if (blocking < 0) {
            for (std::size_t a = 0; a < P.size(); ++a) w(P[a]) = z(static_cast<Eigen::Index>(a));
        } else {
            if (blocking == last_added && alpha <= std::numeric_limits<double>::epsilon()) {
                // The weight just freed cannot move: its multiplier was negative only by rounding.
                free[static_cast<std::size_t>(blocking)] = 0;
                P.erase(std::find(P.begin(), P.end(), blocking));
                w(blocking) = 0.0;
                r.converged = true;
                break;
            }
            for (std::size_t a = 0; a < P.size(); ++a) {
                const auto i = P[a];
                w(i) += alpha * (z(static_cast<Eigen::Index>(a)) - w(i));
            }
            w(blocking) = 0.0;
            // Drop every free weight at (or, by rounding, below) zero, then re-solve on the smaller set.
            std::vector<Eigen::Index> keep;
            for (const auto i : P) {
                if (i == blocking || w(i) <= 0.0) {
                    w(i) = 0.0;
                    free[static_cast<std::size_t>(i)] = 0;
                } else {
                    keep.push_back(i);
                }
            }
            P.swap(keep);
            last_added = -1;
            continue;
        }
        // w solves the subproblem: check the multipliers of the weights held at zero.
        g.noalias() = H * w;
        g += c;
        const double scale = 1.0 + g.cwiseAbs().maxCoeff();
        double most = -options.tolerance * scale;
        Eigen::Index enter = -1;
        for (Eigen::Index j = 0; j < n; ++j) {
            if (free[static_cast<std::size_t>(j)]) continue;
            const double lambda = g(j) + mu;
            if (lambda < most) {
                most = lambda;
                enter = j;
            }
        }
        if (enter < 0) {
            r.converged = true;
            break;
        }
        P.push_back(enter);
        free[static_cast<std::size_t>(enter)] = 1;
        last_added = enter;
    }

    // Clean rounding: the support sums to one exactly up to the last bit.
    w = w.cwiseMax(0.0);
    w /= w.sum();
    g.noalias() = H * w;
    g += c;
    // Multiplier from the support (mean of -g over it) and the KKT residual.
    double m = 0;
    std::size_t support = 0;
    for (Eigen::Index j = 0; j < n; ++j)
        if (w(j) > 0) {
            m -= g(j);
            ++support;
        }
    m /= static_cast<double>(std::max<std::size_t>(support, 1));
    double kkt = std::abs(w.sum() - 1.0);
    for (Eigen::Index j = 0; j < n; ++j) {
        const double lambda = g(j) + m;
        kkt = std::max(kkt, w(j) > 0 ? std::abs(lambda) : std::max(0.0, -lambda));
    }
    r.w = std::move(w);
    r.objective = 0.5 * r.w.dot(H * r.w) + c.dot(r.w);
    r.multiplier = m;
    r.kkt_residual = kkt;
    return r;
}

SimplexQPResult simplex_least_squares(const Eigen::MatrixXd& A, const Eigen::VectorXd& b,
                                      const SimplexQPOptions& options) {
    if (A.rows() != b.size())
        throw DomainError("simplex least squares: A has " + std::to_string(A.rows()) + " rows but b has " +
                          std::to_string(b.size()) + " entries");
    const Eigen::MatrixXd H = 2.0 * A.transpose() * A;
    const Eigen::VectorXd c = -2.0 * A.transpose() * b;
    auto r = simplex_qp(H, c, options);
    r.objective = (A * r.w - b).squaredNorm();
    return r;
}

}  // namespace hp::numerics
