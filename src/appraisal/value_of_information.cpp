// EVPI and EVPPI (value_of_information.hpp): the P-spline regression estimator of Strong, Oakley & Brennan.
#include "healthyplaces/appraisal/value_of_information.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <set>
#include <string>

#include "healthyplaces/base/cancel.hpp"
#include "healthyplaces/base/error.hpp"
#include "healthyplaces/base/params.hpp"
#include "healthyplaces/numerics/symmetric_eigen.hpp"
#include "healthyplaces/stats/parallel.hpp"
#include "healthyplaces/stats/test_result.hpp"

namespace hp::appraisal {

namespace voi_detail {

std::vector<std::string> names_or_default(const std::vector<std::string>& given, Eigen::Index n,
                                          const std::string& what, const std::string& param, const char* fn) {
    if (given.empty()) {
        std::vector<std::string> out;
        for (Eigen::Index j = 0; j < n; ++j) out.push_back(what + " " + std::to_string(j + 1));
        return out;
    }
    if (static_cast<Eigen::Index>(given.size()) != n)
        throw DomainError(std::string(fn) + ": " + param + " has " + std::to_string(given.size()) + " names for " +
                          std::to_string(n) + " columns");
    return given;
}

void check_net_benefit(const Eigen::MatrixXd& nb, const std::vector<std::string>& names, const char* fn) {
    if (nb.cols() < 2)
        throw DomainError(std::string(fn) + ": net_benefit needs at least 2 options (columns), got " +
                          std::to_string(nb.cols()));
    if (nb.rows() < 2)
        throw DomainError(std::string(fn) + ": net_benefit needs at least 2 PSA samples (rows), got " +
                          std::to_string(nb.rows()));
    for (Eigen::Index k = 0; k < nb.cols(); ++k)
        for (Eigen::Index i = 0; i < nb.rows(); ++i)
            if (!std::isfinite(nb(i, k)))
                throw DataError(std::string(fn) + ": net_benefit of option '" + names[static_cast<std::size_t>(k)] +
                                "' is not finite in row " + std::to_string(i));
}

// One input's cubic B-spline basis: breakpoints at the input's quantiles (ties merged), extended beyond the range
// by the end intervals' widths so every basis function is a full cubic B-spline (Eilers & Marx's P-spline).
struct Basis1 {
    std::vector<double> knots;  // the full knot vector: 3 extra at each end
    int size = 0;               // basis functions: intervals + 3

    double origin = 0, width = 1;  // the input is mapped to [0, 1] by its range, so the curvature penalties
                                   // of a group's inputs are in the same units and one smoothing parameter fits

    void build(std::vector<double> sorted, int target) {
        origin = sorted.front();
        width = sorted.back() - sorted.front();
        for (double& v : sorted) v = (v - origin) / width;
        const double lo = 0.0, hi = 1.0;
        const int intervals = std::max(1, target - 3);
        std::vector<double> breaks{lo};
        const auto n = static_cast<double>(sorted.size());
        for (int j = 1; j < intervals; ++j) {
            const double q = sorted[static_cast<std::size_t>(std::floor(n * j / intervals))];
            if (q > breaks.back() && q < hi) breaks.push_back(q);
        }
        breaks.push_back(hi);
        const double h0 = breaks[1] - breaks[0], h1 = breaks[breaks.size() - 1] - breaks[breaks.size() - 2];
        knots = {lo - 3 * h0, lo - 2 * h0, lo - h0};
        knots.insert(knots.end(), breaks.begin(), breaks.end());
        for (int j = 1; j <= 3; ++j) knots.push_back(hi + j * h1);
        size = static_cast<int>(breaks.size()) - 1 + 3;
    }

    // The first nonzero basis function at x and the four values (de Boor's recursion).
    int eval(double raw, std::array<double, 4>& out) const {
        const double x = std::clamp((raw - origin) / width, 0.0, 1.0);
        // interval r: knots[3 + r] <= x < knots[4 + r], the last one closed
        const auto first = knots.begin() + 3, last = knots.end() - 3;  // the breakpoints
        auto it = std::upper_bound(first, last, x);
        int r = static_cast<int>(it - first) - 1;
        r = std::clamp(r, 0, size - 4);
        const int i = r + 3;  // the span in the knot vector
        std::array<double, 4> left{}, right{};
        out = {1.0, 0.0, 0.0, 0.0};
        for (int j = 1; j <= 3; ++j) {
            left[j] = x - knots[static_cast<std::size_t>(i + 1 - j)];
            right[j] = knots[static_cast<std::size_t>(i + j)] - x;
            double saved = 0;
            for (int s = 0; s < j; ++s) {
                const double temp = out[s] / (right[s + 1] + left[j - s]);
                out[s] = saved + right[s + 1] * temp;
                saved = left[j - s] * temp;
            }
            out[j] = saved;
        }
        return r;
    }
};

// ∫ f''(x)² dx over the input's range for f = Σ c_j B_j: f'' is a combination of hat functions on the knots
// (the B-spline derivative formula applied twice), whose Gram matrix is tridiagonal. Its null space is the
// straight lines in x, whatever the knots (a second-difference penalty on coefficients at quantile knots would
// shrink towards lines on the quantile scale instead, and bend a linear effect).
Eigen::MatrixXd curvature_penalty(const Basis1& b) {
    const auto& t = b.knots;
    const int m = b.size;
    const double lo = t[3], hi = t[static_cast<std::size_t>(m)];
    // e = D1 c: coefficients of the quadratic B-splines j = 1..m−1; d = D2 e: of the hats j = 2..m−1
    Eigen::MatrixXd d1 = Eigen::MatrixXd::Zero(m - 1, m), d2 = Eigen::MatrixXd::Zero(m - 2, m - 1);
    for (int j = 1; j < m; ++j) {
        const double f = 3.0 / (t[static_cast<std::size_t>(j + 3)] - t[static_cast<std::size_t>(j)]);
        d1(j - 1, j) = f;
        d1(j - 1, j - 1) = -f;
    }
    for (int j = 2; j < m; ++j) {
        const double f = 2.0 / (t[static_cast<std::size_t>(j + 2)] - t[static_cast<std::size_t>(j)]);
        d2(j - 2, j - 1) = f;
        d2(j - 2, j - 2) = -f;
    }
    // hats j = 2..m−1 peak at t[j+1]; the Gram over [lo, hi] counts each knot interval inside it
    Eigen::MatrixXd gram = Eigen::MatrixXd::Zero(m - 2, m - 2);
    for (int j = 2; j < m; ++j) {
        const auto a = static_cast<std::size_t>(j);
        for (std::size_t s = a; s < a + 2; ++s) {  // the hat's two intervals [t_s, t_{s+1}]
            if (t[s] < lo || t[s + 1] > hi) continue;
            gram(j - 2, j - 2) += (t[s + 1] - t[s]) / 3;
        }
        if (j + 1 < m && t[a + 1] >= lo && t[a + 2] <= hi) {  // hats j and j+1 overlap on [t_{j+1}, t_{j+2}]
            gram(j - 2, j - 1) = gram(j - 1, j - 2) = (t[a + 2] - t[a + 1]) / 6;
        }
    }
    const Eigen::MatrixXd dd = d2 * d1;
    return dd.transpose() * gram * dd;
}

// The tensor-product design, stored by its margins: for row i and input j, the first nonzero basis function
// (its knot interval) and the four values; a row's 4^d nonzeros are their products (kept implicit: at 4 inputs
// and 100,000 samples the expanded rows would take 300 MB).
struct Design {
    std::int64_t n = 0;
    int d = 0;
    int width = 0;  // nonzeros a row
    int p = 0;      // columns
    std::vector<int> stride, intervals;
    std::vector<std::int32_t> first;  // n × d
    std::vector<double> marg;         // n × d × 4
    Eigen::MatrixXd penalty;

    // The row's nonzero columns and values, in the tensor order of the local 4 × ... × 4 block.
    void row(std::int64_t i, std::int32_t* cols, double* vals) const {
        const auto* f = first.data() + i * d;
        const auto* v = marg.data() + i * d * 4;
        cols[0] = 0;
        vals[0] = 1;
        int size = 1;
        for (int j = 0; j < d; ++j) {  // expand by one input's four values, in place from the back
            const int offset = f[j] * stride[static_cast<std::size_t>(j)], st = stride[static_cast<std::size_t>(j)];
            for (int e = size - 1; e >= 0; --e) {
                const double ve = vals[e];
                const std::int32_t ce = cols[e] + offset;
                for (int a = 3; a >= 0; --a) {
                    vals[e * 4 + a] = ve * v[j * 4 + a];
                    cols[e * 4 + a] = ce + a * st;
                }
            }
            size *= 4;
        }
    }
    // The cell of knot intervals row i falls in: rows of one cell share their nonzero columns.
    std::int64_t cell(std::int64_t i) const {
        std::int64_t c = 0;
        for (int j = 0; j < d; ++j) c = c * intervals[static_cast<std::size_t>(j)] + first[static_cast<std::size_t>(i * d + j)];
        return c;
    }
};

Design build_design(const Eigen::MatrixXd& inputs, const std::vector<int>& group, const std::vector<std::string>& names) {
    const auto d = static_cast<int>(group.size());
    const std::int64_t n = inputs.rows();
    const int target = evppi_basis_per_input(d);
    std::vector<Basis1> bases(static_cast<std::size_t>(d));
    for (int j = 0; j < d; ++j) {
        const auto col = inputs.col(group[static_cast<std::size_t>(j)]);
        std::vector<double> sorted(col.data(), col.data() + n);
        std::sort(sorted.begin(), sorted.end());
        if (!(sorted.back() > sorted.front()))
            throw DomainError("evppi: input '" + names[static_cast<std::size_t>(group[static_cast<std::size_t>(j)])] +
                              "' has no variation (every PSA sample is " + std::to_string(sorted.front()) +
                              "): its EVPPI is 0 and cannot be estimated by regression; leave it out");
        if (!std::isfinite(sorted.back() - sorted.front()))
            throw DataError("evppi: the range of input '" + names[static_cast<std::size_t>(group[static_cast<std::size_t>(j)])] +
                            "' overflows a double; rescale it");
        bases[static_cast<std::size_t>(j)].build(std::move(sorted), target);
    }
    Design des;
    des.n = n;
    des.d = d;
    des.width = 1;
    des.p = 1;
    des.stride.resize(static_cast<std::size_t>(d));
    for (int j = d - 1; j >= 0; --j) {
        des.stride[static_cast<std::size_t>(j)] = des.p;
        des.p *= bases[static_cast<std::size_t>(j)].size;
        des.width *= 4;
    }
    for (const auto& b : bases) des.intervals.push_back(b.size - 3);
    des.first.resize(static_cast<std::size_t>(n * d));
    des.marg.resize(static_cast<std::size_t>(n * d * 4));
    std::array<double, 4> v{};
    for (std::int64_t i = 0; i < n; ++i) {
        if ((i & 0xffff) == 0) check_cancelled();
        for (int j = 0; j < d; ++j) {
            des.first[static_cast<std::size_t>(i * d + j)] =
                bases[static_cast<std::size_t>(j)].eval(inputs(i, group[static_cast<std::size_t>(j)]), v);
            std::copy(v.begin(), v.end(), des.marg.begin() + (i * d + j) * 4);
        }
    }
    // the penalty: the sum over inputs of the curvature penalty along that input (one smoothing parameter: each
    // input is on its range's [0, 1] scale)
    des.penalty = Eigen::MatrixXd::Zero(des.p, des.p);
    for (int j = 0; j < d; ++j) {
        Eigen::MatrixXd term = Eigen::MatrixXd::Ones(1, 1);
        for (int l = 0; l < d; ++l) {
            const int m = bases[static_cast<std::size_t>(l)].size;
            const Eigen::MatrixXd f = l == j ? curvature_penalty(bases[static_cast<std::size_t>(l)]) : Eigen::MatrixXd::Identity(m, m);
            Eigen::MatrixXd next(term.rows() * f.rows(), term.cols() * f.cols());
            for (Eigen::Index a = 0; a < term.rows(); ++a)
                for (Eigen::Index b = 0; b < term.cols(); ++b)
                    next.block(a * f.rows(), b * f.cols(), f.rows(), f.cols()) = term(a, b) * f;
            term = std::move(next);
        }
        des.penalty += term;
    }
    return des;
}

// E(max_k g) − max_k E(g) over fitted incremental net benefits g (n × K, column `reference` zero), with, for
// the delta method, each sample's best option.
double evppi_of(const Eigen::MatrixXd& g, std::vector<int>& argmax, int& best_mean) {
    const Eigen::Index n = g.rows(), k = g.cols();
    argmax.assign(static_cast<std::size_t>(n), 0);
    double sum_max = 0;
    for (Eigen::Index i = 0; i < n; ++i) {
        Eigen::Index a = 0;
        for (Eigen::Index c = 1; c < k; ++c)
            if (g(i, c) > g(i, a)) a = c;
        argmax[static_cast<std::size_t>(i)] = static_cast<int>(a);
        sum_max += g(i, a);
    }
    const Eigen::VectorXd means = g.colwise().mean();
    Eigen::Index b = 0;
    for (Eigen::Index c = 1; c < k; ++c)
        if (means(c) > means(b)) b = c;
    best_mean = static_cast<int>(b);
    return std::max(sum_max / static_cast<double>(n) - means(b), 0.0);
}

EvppiEstimate estimate_group(const Eigen::MatrixXd& nb, const Eigen::MatrixXd& inputs, const std::vector<int>& group,
                             const std::vector<std::string>& names, int reference) {
    const Design des = build_design(inputs, group, names);
    const std::int64_t n = des.n;
    const int p = des.p, w = des.width;
    const auto nd = static_cast<double>(n);
    EvppiEstimate out;
    out.group = group;
    for (int j : group) out.inputs.push_back(names[static_cast<std::size_t>(j)]);
    out.basis_size = p;
    if (n < 5 * static_cast<std::int64_t>(p)) {
        std::string label;
        for (const auto& s : out.inputs) label += (label.empty() ? "'" : ", '") + s + "'";
        throw DomainError("evppi: the spline for " + label + " has " + std::to_string(p) +
                          " coefficients and needs at least 5 PSA samples for each (" + std::to_string(5 * p) +
                          "), got " + std::to_string(n) + "; run more samples or ask for a smaller group");
    }
    // responses: each option's net benefit minus the reference's, centred (the constant is in the penalty's
    // null space, so the fit keeps the mean)
    const Eigen::Index k_all = nb.cols();
    std::vector<Eigen::Index> resp;
    for (Eigen::Index c = 0; c < k_all; ++c)
        if (c != reference) resp.push_back(c);
    const auto m = static_cast<Eigen::Index>(resp.size());
    Eigen::MatrixXd y(n, m);
    // each response divided by its largest magnitude, so sums of squares cannot overflow at any finite net benefit
    Eigen::VectorXd unit(m);
    for (Eigen::Index r = 0; r < m; ++r) {
        y.col(r) = nb.col(resp[static_cast<std::size_t>(r)]) - nb.col(reference);
        unit(r) = y.col(r).cwiseAbs().maxCoeff();
        if (!std::isfinite(unit(r)))
            throw DataError("evppi: the net benefit of option " + std::to_string(resp[static_cast<std::size_t>(r)] + 1) +
                            " minus option " + std::to_string(reference + 1) + " overflows a double; rescale net_benefit "
                            "(e.g. to £ millions)");
        if (unit(r) == 0) unit(r) = 1;
        y.col(r) /= unit(r);
    }
    const Eigen::RowVectorXd ymean = y.colwise().mean();
    y.rowwise() -= ymean;

    // X'X and X'y cell by cell: the rows of one cell of knot intervals share their 4^d columns, so each cell's
    // block is a dense product (X_c'X_c), scattered into place; cells and rows in a fixed order (the same sums
    // for any thread count)
    Eigen::MatrixXd gram = Eigen::MatrixXd::Zero(p, p);
    Eigen::MatrixXd xty = Eigen::MatrixXd::Zero(p, m);
    Eigen::VectorXd xbar = Eigen::VectorXd::Zero(p);
    std::vector<std::int32_t> cols(static_cast<std::size_t>(w));
    std::vector<double> vals(static_cast<std::size_t>(w));
    {
        std::int64_t cells = 1;
        for (int it : des.intervals) cells *= it;
        std::vector<std::int64_t> start(static_cast<std::size_t>(cells + 1), 0), order(static_cast<std::size_t>(n));
        for (std::int64_t i = 0; i < n; ++i) ++start[static_cast<std::size_t>(des.cell(i) + 1)];
        for (std::int64_t c = 0; c < cells; ++c) start[static_cast<std::size_t>(c + 1)] += start[static_cast<std::size_t>(c)];
        std::vector<std::int64_t> fill(start.begin(), start.end() - 1);
        for (std::int64_t i = 0; i < n; ++i) order[static_cast<std::size_t>(fill[static_cast<std::size_t>(des.cell(i))]++)] = i;
        const std::int64_t chunk = 2048;
        Eigen::MatrixXd xt(w, chunk), yc(chunk, m), block(w, w);  // xt: the chunk's rows as columns
        for (std::int64_t c = 0; c < cells; ++c) {
            for (std::int64_t b0 = start[static_cast<std::size_t>(c)]; b0 < start[static_cast<std::size_t>(c + 1)]; b0 += chunk) {
                check_cancelled();
                const std::int64_t rows = std::min(chunk, start[static_cast<std::size_t>(c + 1)] - b0);
                for (std::int64_t r = 0; r < rows; ++r) {
                    const std::int64_t i = order[static_cast<std::size_t>(b0 + r)];
                    des.row(i, cols.data(), vals.data());
                    std::copy(vals.begin(), vals.end(), xt.col(r).data());
                    yc.row(r) = y.row(i);
                }
                const auto x_used = xt.leftCols(rows);
                block.setZero();
                block.selfadjointView<Eigen::Lower>().rankUpdate(x_used);  // the lower triangle
                const Eigen::MatrixXd xy = x_used * yc.topRows(rows);
                const Eigen::VectorXd colsum = x_used.rowwise().sum();
                // every row of the cell has the same columns: those of its last row
                for (int a = 0; a < w; ++a) {
                    const auto ca = cols[static_cast<std::size_t>(a)];
                    for (int b = 0; b < w; ++b) gram(cols[static_cast<std::size_t>(b)], ca) += a <= b ? block(b, a) : block(a, b);
                    xty.row(ca) += xy.row(a);
                    xbar(ca) += colsum(a);
                }
            }
        }
    }
    xbar /= nd;
    // P v = s (X'X + δI) v: one decomposition serves every smoothing parameter and response. δ, tiny, keeps
    // X'X positive definite where a tensor cell holds no sample.
    const double delta = 1e-9 * gram.diagonal().mean();
    Eigen::MatrixXd gd = gram;
    gd.diagonal().array() += delta;
    numerics::SymmetricEigen eig;
    try {
        eig = numerics::generalized_symmetric_eigen(des.penalty, gd);
    } catch (const DomainError&) {
        throw DomainError("evppi: the spline's normal equations could not be solved for this group");
    }
    const Eigen::VectorXd s = eig.values.cwiseMax(0.0);
    const Eigen::MatrixXd& vecs = eig.vectors;
    const Eigen::MatrixXd z = vecs.transpose() * xty;  // p × m
    const double s_max = s.maxCoeff();
    double s_min = s_max;
    for (Eigen::Index i = 0; i < p; ++i)
        if (s(i) > 1e-12 * s_max) s_min = std::min(s_min, s(i));

    Eigen::MatrixXd fitted(n, k_all);
    fitted.setZero();
    Eigen::MatrixXd shrink(p, m);  // 1 / (1 + λ s) per response
    out.edf.resize(static_cast<std::size_t>(m));
    out.smoothing.resize(static_cast<std::size_t>(m));
    Eigen::VectorXd rss(m);
    for (Eigen::Index r = 0; r < m; ++r) {
        const double yy = y.col(r).squaredNorm();
        const Eigen::ArrayXd z2 = z.col(r).array().square();
        auto gcv = [&](double log_lambda, double& edf, double& res) {
            const Eigen::ArrayXd f = 1.0 / (1.0 + std::exp(log_lambda) * s.array());
            edf = f.sum();
            res = std::max(yy - 2 * (z2 * f).sum() + (z2 * f * f).sum(), 0.0);
            return nd * res / ((nd - edf) * (nd - edf));
        };
        // a grid over λ from "no smoothing" to "the penalty's null space", then golden-section around its best
        const double lo = std::log(1e-3 / s_max), hi = std::log(1e3 / s_min);
        const int grid = 41;
        double best_l = lo, best = std::numeric_limits<double>::infinity(), e = 0, q = 0;
        for (int g = 0; g < grid; ++g) {
            const double l = lo + (hi - lo) * g / (grid - 1);
            const double v = gcv(l, e, q);
            if (v < best) best = v, best_l = l;
        }
        const double step = (hi - lo) / (grid - 1);
        double a = best_l - step, b = best_l + step;
        const double phi = (std::sqrt(5.0) - 1) / 2;
        double x1 = b - phi * (b - a), x2 = a + phi * (b - a);
        double f1 = gcv(x1, e, q), f2 = gcv(x2, e, q);
        for (int it = 0; it < 40; ++it) {
            if (f1 < f2) b = x2, x2 = x1, f2 = f1, x1 = b - phi * (b - a), f1 = gcv(x1, e, q);
            else a = x1, x1 = x2, f1 = f2, x2 = a + phi * (b - a), f2 = gcv(x2, e, q);
        }
        const double mid = (a + b) / 2;
        const double l_final = gcv(mid, e, q) < best ? mid : best_l;
        double edf = 0, res = 0;
        gcv(l_final, edf, res);
        out.edf[static_cast<std::size_t>(r)] = edf;
        out.smoothing[static_cast<std::size_t>(r)] = std::exp(l_final);
        rss(r) = res;
        shrink.col(r) = (1.0 / (1.0 + std::exp(l_final) * s.array())).matrix();
    }
    const Eigen::MatrixXd beta = vecs * (shrink.array() * z.array()).matrix();  // p × m
    for (std::int64_t i = 0; i < n; ++i) {
        if ((i & 0xffff) == 0) check_cancelled();
        des.row(i, cols.data(), vals.data());
        const std::int32_t* c = cols.data();
        const double* v = vals.data();
        for (Eigen::Index r = 0; r < m; ++r) {
            double acc = ymean(r);
            for (int a = 0; a < w; ++a) acc += v[a] * beta(c[a], r);
            fitted(i, resp[static_cast<std::size_t>(r)]) = acc * unit(r);
        }
    }
    std::vector<int> argmax;
    int best_mean = 0;
    out.evppi = evppi_of(fitted, argmax, best_mean);
    if (!std::isfinite(out.evppi))
        throw DataError("evppi: the fitted net benefits overflow a double; rescale net_benefit (e.g. to £ millions)");

    // Standard error by the delta method: EVPPI is (piecewise) linear in the coefficients, with gradient
    // g_r = mean_i [best_i = r] x_i − [best of the means = r] x̄ for the regression of option r. The
    // coefficients' covariance, for responses r and t, is σ_rt A_r X'X A_t with A = (X'X + λP)^-1, and in the
    // eigenbasis (V'X'XV = I) that is σ_rt (D_r V'g_r)·(D_t V'g_t).
    Eigen::MatrixXd grad = Eigen::MatrixXd::Zero(p, m);
    std::vector<int> col_of(static_cast<std::size_t>(k_all), -1);
    for (Eigen::Index r = 0; r < m; ++r) col_of[static_cast<std::size_t>(resp[static_cast<std::size_t>(r)])] = static_cast<int>(r);
    for (std::int64_t i = 0; i < n; ++i) {
        const int r = col_of[static_cast<std::size_t>(argmax[static_cast<std::size_t>(i)])];
        if (r < 0) continue;
        des.row(i, cols.data(), vals.data());
        const std::int32_t* c = cols.data();
        const double* v = vals.data();
        for (int a = 0; a < w; ++a) grad(c[a], r) += v[a];
    }
    grad /= nd;
    if (const int rb = col_of[static_cast<std::size_t>(best_mean)]; rb >= 0) grad.col(rb) -= xbar;
    const Eigen::MatrixXd wv = shrink.array() * (vecs.transpose() * grad).array();  // p × m
    // residual covariances σ_rt from the fits
    Eigen::MatrixXd sigma(m, m);
    {
        Eigen::MatrixXd resid(n, m);
        for (Eigen::Index r = 0; r < m; ++r)
            resid.col(r) = y.col(r).array() + ymean(r) - fitted.col(resp[static_cast<std::size_t>(r)]).array() / unit(r);
        sigma = resid.transpose() * resid;
        for (Eigen::Index r = 0; r < m; ++r)
            for (Eigen::Index t = 0; t < m; ++t) {
                const double dfree = nd - 0.5 * (out.edf[static_cast<std::size_t>(r)] + out.edf[static_cast<std::size_t>(t)]);
                sigma(r, t) /= std::max(dfree, 1.0);
            }
    }
    double var = 0;
    for (Eigen::Index r = 0; r < m; ++r)
        for (Eigen::Index t = 0; t < m; ++t)
            var += sigma(r, t) * (unit(r) / unit.maxCoeff()) * (unit(t) / unit.maxCoeff()) * wv.col(r).dot(wv.col(t));
    out.standard_error = std::sqrt(std::max(var, 0.0)) * unit.maxCoeff();
    return out;
}

}  // namespace voi_detail

int evppi_basis_per_input(int size) {
    switch (size) {
        case 1: return 25;
        case 2: return 10;
        case 3: return 6;
        case 4: return 5;
        default:
            throw DomainError("evppi: a group has 1 to " + std::to_string(max_evppi_group) + " inputs, got " +
                              std::to_string(size));
    }
}

EvpiResult evpi(const Eigen::MatrixXd& net_benefit, const std::vector<std::string>& options) {
    EvpiResult out;
    out.options = voi_detail::names_or_default(options, net_benefit.cols(), "option", "options", "evpi");
    voi_detail::check_net_benefit(net_benefit, out.options, "evpi");
    const Eigen::Index n = net_benefit.rows(), k = net_benefit.cols();
    const auto nd = static_cast<double>(n);
    out.n_sims = n;
    const Eigen::VectorXd means = net_benefit.colwise().mean();
    out.mean_net_benefit.assign(means.data(), means.data() + k);
    for (Eigen::Index c = 1; c < k; ++c)
        if (means(c) > means(out.best)) out.best = static_cast<int>(c);
    if (!std::isfinite(means.sum()))
        throw DataError("evpi: the mean net benefits overflow a double; rescale net_benefit (e.g. to £ millions)");
    // EVPI is the mean opportunity loss of the decision at the means; its standard error is that loss's sd / √n.
    std::vector<double> loss(static_cast<std::size_t>(n));
    std::vector<std::int64_t> wins(static_cast<std::size_t>(k), 0);
    double sum = 0;
    for (Eigen::Index i = 0; i < n; ++i) {
        Eigen::Index a = 0;
        for (Eigen::Index c = 1; c < k; ++c)
            if (net_benefit(i, c) > net_benefit(i, a)) a = c;
        ++wins[static_cast<std::size_t>(a)];
        loss[static_cast<std::size_t>(i)] = net_benefit(i, a) - net_benefit(i, out.best);
        sum += loss[static_cast<std::size_t>(i)];
    }
    out.evpi = sum / nd;
    if (!std::isfinite(out.evpi))
        throw DataError("evpi: the opportunity losses overflow a double; rescale net_benefit (e.g. to £ millions)");
    double ss = 0;
    for (double l : loss) ss += (l - out.evpi) * (l - out.evpi);
    out.standard_error = std::sqrt(ss / (nd - 1) / nd);
    for (auto w : wins) out.p_best.push_back(static_cast<double>(w) / nd);
    return out;
}

EvppiResult evppi(const Eigen::MatrixXd& net_benefit, const Eigen::MatrixXd& inputs,
                  const std::vector<std::vector<int>>& groups, const EvppiOptions& options) {
    check_threads(options.threads);
    EvppiResult out;
    out.perfect = evpi(net_benefit, options.options);
    const auto names = voi_detail::names_or_default(options.inputs, inputs.cols(), "input", "inputs", "evppi");
    if (inputs.rows() != net_benefit.rows())
        throw DataError("evppi: inputs has " + std::to_string(inputs.rows()) + " rows but net_benefit has " +
                        std::to_string(net_benefit.rows()) + "; each row is one PSA sample of both");
    if (groups.empty()) throw DomainError("evppi: groups is empty; give at least one input or group of inputs");
    std::set<int> used;
    for (std::size_t g = 0; g < groups.size(); ++g) {
        const auto& grp = groups[g];
        if (grp.empty()) throw DomainError("evppi: group " + std::to_string(g) + " is empty");
        if (static_cast<int>(grp.size()) > max_evppi_group)
            throw DomainError("evppi: group " + std::to_string(g) + " has " + std::to_string(grp.size()) +
                              " inputs; the tensor-product spline takes at most " + std::to_string(max_evppi_group) +
                              " (for larger groups use Gaussian-process regression or INLA, e.g. R's voi or BCEA "
                              "packages)");
        std::set<int> seen;
        for (int j : grp) {
            if (j < 0 || j >= inputs.cols())
                throw DomainError("evppi: group " + std::to_string(g) + " names input column " + std::to_string(j) +
                                  "; inputs has columns 0 to " + std::to_string(inputs.cols() - 1));
            if (!seen.insert(j).second)
                throw DomainError("evppi: group " + std::to_string(g) + " names input '" +
                                  names[static_cast<std::size_t>(j)] + "' twice");
            used.insert(j);
        }
    }
    for (int j : used)
        for (Eigen::Index i = 0; i < inputs.rows(); ++i)
            if (!std::isfinite(inputs(i, j)))
                throw DataError("evppi: input '" + names[static_cast<std::size_t>(j)] + "' is not finite in row " +
                                std::to_string(i));
    out.reference = 0;
    out.estimates.resize(groups.size());
    // each group is one independent fit: the numbers do not depend on the thread count
    stats::parallel_for(static_cast<std::int64_t>(groups.size()), options.threads,
                        [&](std::int64_t begin, std::int64_t end, int) {
                            for (std::int64_t g = begin; g < end; ++g)
                                out.estimates[static_cast<std::size_t>(g)] = voi_detail::estimate_group(
                                    net_benefit, inputs, groups[static_cast<std::size_t>(g)], names, out.reference);
                        });
    return out;
}

// ---- the population value of information --------------------------------------------------------------------

double share_of_evpi(double evppi, double evpi) {
    return evpi > 0 ? evppi / evpi : std::numeric_limits<double>::quiet_NaN();
}

namespace voi_population_detail {
double check_population(double population) {
    if (!(std::isfinite(population) && population > 0))
        throw DomainError("population must be a positive finite number (the decisions affected), got " +
                          stats::format_number(population));
    return population;
}
}  // namespace voi_population_detail

EvpiResult for_population(const EvpiResult& r, double population) {
    const double s = voi_population_detail::check_population(population);
    EvpiResult out = r;
    for (auto& v : out.mean_net_benefit) v *= s;
    out.evpi = r.evpi * s;
    out.standard_error = r.standard_error * s;
    return out;
}

EvppiResult for_population(const EvppiResult& r, double population) {
    const double s = voi_population_detail::check_population(population);
    EvppiResult out = r;
    out.perfect = for_population(r.perfect, s);
    for (auto& e : out.estimates) {
        e.evppi *= s;
        e.standard_error *= s;
    }
    return out;
}

}  // namespace hp::appraisal
