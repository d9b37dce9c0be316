#include "healthyplaces/evaluation/multiplier_bootstrap.hpp"

#include "common.hpp"

#include <boost/math/distributions/normal.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/stats/test_result.hpp"
#include "healthyplaces/stats/parallel.hpp"
#include "healthyplaces/stats/random.hpp"

namespace hp::evaluation {
namespace {

using detail::nan;

// t[c] = prev[c] + 2 r[c] over kp (a multiple of 4) values; restrict lets it vectorise.
inline void signed_step(double* __restrict t, const double* __restrict prev, const double* __restrict r,
                        std::size_t kp) {
    for (std::size_t c = 0; c < kp; ++c) t[c] = prev[c] + 2 * r[c];
}

// a += t0 + t1 + t2 + t3 (four octets' table rows at once: one pass over the accumulator instead of four).
inline void accumulate4(double* __restrict a, const double* __restrict t0, const double* __restrict t1,
                        const double* __restrict t2, const double* __restrict t3, std::size_t kp) {
    for (std::size_t c = 0; c < kp; ++c) a[c] += (t0[c] + t1[c]) + (t2[c] + t3[c]);
}

// Rademacher draws for one block: sum_i s_i psi_i with s_i = +-1 from random bits. Units are taken eight at
// a time; for each octet the 256 possible signed sums are tabulated once (k values each) and every draw then
// adds one table row chosen by a random byte: 8x fewer additions than the plain product. Four octets are
// tabulated per pass so that each draw's accumulator is read and written once per four octets.
void rademacher_block(const Eigen::MatrixXd& psi, std::uint64_t seed, std::size_t block, std::size_t first,
                      std::size_t count, Eigen::MatrixXd& out) {
    constexpr std::size_t group = 4;
    const Eigen::Index n = psi.rows(), k = psi.cols();
    const auto ku = static_cast<std::size_t>(k);
    const std::size_t kp = (ku + 3) & ~std::size_t{3};  // rows padded with zeros to a multiple of 4
    // Octets padded to a multiple of the group (the padding units have psi = 0 and add nothing).
    const std::size_t octets = (static_cast<std::size_t>((n + 7) / 8) + group - 1) / group * group;
    const std::size_t words_per_draw = (octets + 7) / 8;
    // Random bytes: draw b uses words_per_draw consecutive words of the block's stream.
    std::vector<std::uint64_t> bits(count * words_per_draw);
    hp::stats::RandomStream rng(seed, block);
    for (auto& w : bits) w = rng();
    std::vector<double> table(group * 256 * kp, 0.0), acc(count * kp, 0.0), rows(8 * kp, 0.0);
    for (std::size_t o0 = 0; o0 < octets; o0 += group) {
        for (std::size_t q = 0; q < group; ++q) {
            const std::size_t o = o0 + q;
            double* tab = table.data() + q * 256 * kp;
            // psi rows of the octet, contiguous over k (psi is column-major, so gather them).
            for (std::size_t j = 0; j < 8; ++j) {
                const auto i = static_cast<Eigen::Index>(o * 8 + j);
                for (std::size_t c = 0; c < ku; ++c)
                    rows[j * kp + c] = i < n ? psi(i, static_cast<Eigen::Index>(c)) : 0.0;
            }
            // tab[m] = sum_j (bit j of m ? +psi_j : -psi_j)
            for (std::size_t c = 0; c < kp; ++c) {
                double s = 0;
                for (std::size_t j = 0; j < 8; ++j) s -= rows[j * kp + c];
                tab[c] = s;
            }
            for (unsigned m = 1; m < 256; ++m) {
                const auto low = static_cast<std::size_t>(__builtin_ctz(m));
                signed_step(tab + m * kp, tab + (m & (m - 1)) * kp, rows.data() + low * kp, kp);
            }
        }
        const std::size_t word = o0 / 8, shift = (o0 % 8) * 8;  // group = 4 octets never straddle a word
        const std::size_t stride = 256 * kp;
        for (std::size_t b = 0; b < count; ++b) {
            const std::uint64_t w = bits[b * words_per_draw + word] >> shift;
            accumulate4(acc.data() + b * kp, table.data() + (w & 0xFF) * kp,
                        table.data() + stride + ((w >> 8) & 0xFF) * kp,
                        table.data() + 2 * stride + ((w >> 16) & 0xFF) * kp,
                        table.data() + 3 * stride + ((w >> 24) & 0xFF) * kp, kp);
        }
    }
    for (std::size_t b = 0; b < count; ++b)
        for (std::size_t c = 0; c < ku; ++c)
            out(static_cast<Eigen::Index>(first + b), static_cast<Eigen::Index>(c)) = acc[b * kp + c];
}

void mammen_block(const Eigen::MatrixXd& psi, std::uint64_t seed, std::size_t block, std::size_t first,
                  std::size_t count, Eigen::MatrixXd& out) {
    const double s5 = std::sqrt(5.0);
    const double low = (1 - s5) / 2, high = (1 + s5) / 2, p_low = (s5 + 1) / (2 * s5);
    const Eigen::Index n = psi.rows();
    Eigen::MatrixXd v(static_cast<Eigen::Index>(count), n);
    hp::stats::RandomStream rng(seed, block);
    for (Eigen::Index b = 0; b < v.rows(); ++b)
        for (Eigen::Index i = 0; i < n; ++i) v(b, i) = rng.uniform() < p_low ? low : high;
    out.middleRows(static_cast<Eigen::Index>(first), static_cast<Eigen::Index>(count)).noalias() = v * psi;
}

}  // namespace

double quantile_type1(Eigen::Ref<Eigen::VectorXd> values, double p) {
    const Eigen::Index n = values.size();
    if (n == 0) return nan;
    // R's quantile(type = 1): j = floor(n p + fuzz), then x_(j+1) if n p > j else x_(j) (1-based).
    const double np = static_cast<double>(n) * p;
    const double fuzz = 4 * std::numeric_limits<double>::epsilon();
    const double j = std::floor(np + fuzz);
    auto idx = static_cast<Eigen::Index>(np > j ? j : j - 1);  // 0-based
    idx = std::clamp<Eigen::Index>(idx, 0, n - 1);
    std::nth_element(values.data(), values.data() + idx, values.data() + n);
    return values[idx];
}

std::string_view to_string(Multiplier m) noexcept { return m == Multiplier::rademacher ? "rademacher" : "mammen"; }

Multiplier parse_multiplier(std::string_view s) {
    if (s == "rademacher") return Multiplier::rademacher;
    if (s == "mammen") return Multiplier::mammen;
    throw DomainError("multiplier weights must be \"rademacher\" or \"mammen\", got \"" + std::string(s) + "\"");
}

MultiplierOptions multiplier_options(std::int64_t n_resamples, std::uint64_t seed, Multiplier weights, double confidence_level,
                                     int threads) {
    if (n_resamples < 0) throw DomainError("n_resamples must be 0 (no bootstrap) or more, got " + std::to_string(n_resamples));
    MultiplierOptions b;
    b.n_resamples = static_cast<std::size_t>(n_resamples);
    b.seed = seed;
    b.weights = weights;
    b.confidence_level = confidence_level;
    b.threads = threads;
    return b;
}

MultiplierBootstrap multiplier_bootstrap(const Eigen::MatrixXd& psi, const MultiplierOptions& o,
                                         Eigen::Index band_columns) {
    stats::check_confidence_level(o.confidence_level, "confidence_level");
    const Eigen::Index n = psi.rows(), k = psi.cols();
    if (n < 2) throw DomainError("the multiplier bootstrap needs at least 2 units");
    if (band_columns < 0 || band_columns > k) band_columns = k;
    MultiplierBootstrap r;
    const auto n_resamples = static_cast<Eigen::Index>(o.n_resamples);
    r.replicates.resize(n_resamples, k);
    r.se = Eigen::VectorXd::Constant(k, nan);
    r.critical_value = nan;
    if (n_resamples == 0 || k == 0) return r;
    const std::size_t blocks = (o.n_resamples + multiplier_block - 1) / multiplier_block;
    hp::stats::parallel_for(static_cast<std::int64_t>(blocks), o.threads, [&](std::int64_t lo, std::int64_t hi, int) {
        for (auto b = static_cast<std::size_t>(lo); b < static_cast<std::size_t>(hi); ++b) {
            const std::size_t first = b * multiplier_block;
            const std::size_t count = std::min(multiplier_block, o.n_resamples - first);
            if (o.weights == Multiplier::rademacher) rademacher_block(psi, o.seed, b, first, count, r.replicates);
            else mammen_block(psi, o.seed, b, first, count, r.replicates);
        }
    });
    r.replicates /= std::sqrt(static_cast<double>(n));

    const boost::math::normal z;
    const double iqr_scale = boost::math::quantile(z, 0.75) - boost::math::quantile(z, 0.25);
    Eigen::VectorXd sigma = Eigen::VectorXd::Constant(k, nan);
    Eigen::VectorXd col(n_resamples);
    for (Eigen::Index c = 0; c < k; ++c) {
        if (!(r.replicates.col(c).squaredNorm() > std::sqrt(std::numeric_limits<double>::epsilon()) * 10)) continue;
        col = r.replicates.col(c);
        const double q75 = quantile_type1(col, 0.75);
        const double q25 = quantile_type1(col, 0.25);
        sigma[c] = (q75 - q25) / iqr_scale;
        r.se[c] = sigma[c] / std::sqrt(static_cast<double>(n));
    }
    Eigen::VectorXd sup(n_resamples);
    Eigen::Index kept = 0;
    for (Eigen::Index b = 0; b < n_resamples; ++b) {
        double m = -1;
        for (Eigen::Index c = 0; c < band_columns; ++c)
            if (sigma[c] > 0) m = std::max(m, std::abs(r.replicates(b, c)) / sigma[c]);
        if (m >= 0 && std::isfinite(m)) sup[kept++] = m;
    }
    if (kept > 0) r.critical_value = quantile_type1(sup.head(kept), o.confidence_level);
    return r;
}

}  // namespace hp::evaluation
