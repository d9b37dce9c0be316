// Slope and relative index of inequality (PHEindicatormethods' phe_sii). The R package's expected SII values live
// in tests/testthat/testdata_SII.xlsx, which is not readable here; the inputs below are rows of its readable
// tests/testthat/LE_testdata.csv (ukhsa-collaboration/PHEindicatormethods: Sex 1, E06000001 and E06000002), and
// the expected point estimates were computed independently with numpy 2 from the R package's own formulation,
// np.linalg.lstsq of y*sqrt(a) on [sqrt(a), b*sqrt(a)] (R: lm(yvals ~ sqrt_a + b_sqrt_a - 1)), which shares no
// code with the weighted-mean formulas in src/indicators/inequality.cpp. Simulated limits are checked against the
// exact distribution of the simulated slope (for value_type 0 it is normal: slope +- z sd, sd = sqrt(sum h_q^2
// se_q^2), h the regression's row for the slope), within 4 Monte Carlo standard errors of a sample quantile.
#include <doctest/doctest.h>

#include "checks.hpp"

#include <cmath>
#include <cstdint>
#include <vector>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/indicators/inequality.hpp"

using namespace hp;
using namespace hp::indicators;

namespace {

using hp::testing::check_rel;

const std::vector<double> pop1{13837, 14519, 14940, 14599, 12311, 13196, 13335, 13388, 13685, 11779};
const std::vector<double> le1{70.56313911, 72.61347473, 75.06710359, 75.20662276, 76.23469045,
                              75.21801932, 77.09240397, 79.84156222, 80.81329918, 82.73763832};
const std::vector<double> se1{1.133868862, 1.020288759, 1.108685178, 1.485618539, 1.311653285,
                              1.169033147, 1.306645801, 1.090905616, 0.979426096, 1.319452272};
const std::vector<double> deaths1{201, 174, 170, 146, 129, 181, 144, 176, 136, 80};
const std::vector<double> pop2{21675, 20065, 19750, 24713, 20112, 19618, 22408, 19752, 18939, 19312};
const std::vector<double> le2{70.54853186, 71.57155734, 72.48698671, 73.51985519, 73.14605425,
                              76.15898712, 78.65444871, 80.56476961, 80.85486627, 79.9711253};
const std::vector<double> se2{0.947488056, 1.043688022, 0.969320245, 1.023567868, 1.006757968,
                              0.906037647, 0.724013864, 1.118131371, 0.848327099, 0.94159082};
const std::vector<double> deaths2{256, 220, 222, 186, 211, 226, 247, 151, 226, 204};

// Two groups of ten deciles, rows of group 1 first and then group 0, deciles in reverse order (any order works).
struct Rows {
    std::vector<std::int64_t> group;
    std::vector<double> quantile, population, value, se, lower, upper;
};

Rows le_rows() {
    Rows r;
    for (int g : {1, 0})
        for (int q = 10; q >= 1; --q) {
            const auto k = static_cast<std::size_t>(q - 1);
            r.group.push_back(g);
            r.quantile.push_back(q);
            r.population.push_back(g == 0 ? pop1[k] : pop2[k]);
            r.value.push_back(g == 0 ? le1[k] : le2[k]);
            r.se.push_back(g == 0 ? se1[k] : se2[k]);
            // symmetric 95% limits that give back the same se
            const double half = 1.959963984540054 * r.se.back();
            r.lower.push_back(r.value.back() - half);
            r.upper.push_back(r.value.back() + half);
        }
    return r;
}

// Rates per 100,000 (deaths / population) with log-normal 95% limits rate * exp(-+1.96 / sqrt(deaths)).
Rows rate_rows() {
    Rows r;
    for (int g : {0, 1})
        for (int q = 1; q <= 10; ++q) {
            const auto k = static_cast<std::size_t>(q - 1);
            const double d = g == 0 ? deaths1[k] : deaths2[k], p = g == 0 ? pop1[k] : pop2[k];
            const double rate = d / p * 1e5;
            r.group.push_back(g);
            r.quantile.push_back(q);
            r.population.push_back(p);
            r.value.push_back(rate);
            r.lower.push_back(rate * std::exp(-1.96 / std::sqrt(d)));
            r.upper.push_back(rate * std::exp(1.96 / std::sqrt(d)));
        }
    return r;
}

SiiResult run(const Rows& r, const SiiOptions& o, bool use_se = true) {
    if (use_se) return sii(r.group, r.quantile, r.population, r.value, r.se, {}, {}, 2, o);
    return sii(r.group, r.quantile, r.population, r.value, {}, r.lower, r.upper, 2, o);
}

}  // namespace

TEST_CASE("sii point estimates match the R package's regression on LE_testdata") {
    const Rows r = le_rows();
    SiiOptions o;
    o.n_resamples = 1000;
    o.rii = true;
    const auto res = run(r, o);
    REQUIRE(res.sii.size() == 2);
    // numpy lstsq (see the header comment): slope, (intercept + slope) / intercept, intercept
    check_rel(res.sii.value[0], 11.688861391012452);
    check_rel(res.rii.value[0], 1.165674990437404);
    check_rel(res.intercept[0], 70.55296252109206);
    check_rel(res.sii.value[1], 12.547846636351816);
    check_rel(res.rii.value[1], 1.1808856208487954);
    check_rel(res.intercept[1], 69.3689557935659);
    CHECK(res.n_quantiles[0] == 10);
    // the limits bracket the estimate
    CHECK(res.sii.lower[0][0] < res.sii.value[0]);
    CHECK(res.sii.upper[0][0] > res.sii.value[0]);
    CHECK(res.rii.lower[0][0] < res.rii.value[0]);
    CHECK(res.rii.upper[0][0] > res.rii.value[0]);

    // a multiplier scales the SII and (negative) inverts the RII and swaps the limits
    o.multiplier = -100;
    const auto neg = run(r, o);
    check_rel(neg.sii.value[0], -1168.8861391012452);
    check_rel(neg.rii.value[0], 1.0 / 1.165674990437404);
    check_rel(neg.intercept[0], 7055.296252109206);
    CHECK(neg.sii.lower[0][0] < neg.sii.upper[0][0]);
    // same seed, same draws, mirrored: the order statistics are neighbours (R - 25 + 1 = 976th vs 975th of 1000)
    const double width = res.sii.upper[0][0] - res.sii.lower[0][0];
    CHECK(std::abs(neg.sii.lower[0][0] + 100 * res.sii.upper[0][0]) < 100 * 0.02 * width);
    CHECK(std::abs(neg.sii.upper[0][0] + 100 * res.sii.lower[0][0]) < 100 * 0.02 * width);
    CHECK(std::abs(1.0 / neg.rii.lower[0][0] - res.rii.upper[0][0]) <
          0.02 * (res.rii.upper[0][0] - res.rii.lower[0][0]));
}

TEST_CASE("sii simulated limits follow the exact normal distribution of the slope within Monte Carlo error") {
    const Rows r = le_rows();
    SiiOptions o;
    o.confidence_level = {0.95, 0.998};
    o.seed = 20240501;
    const auto res = run(r, o);  // 100,000 repetitions (the R package's default)
    // sd of the slope, numpy: sqrt(sum(H[1]**2 * se**2)) with H = solve(X'X, X') * sqrt(a)
    const double sd[2] = {1.2537376546553418, 1.0475436214846054};
    const double z[2] = {1.959963984540054, 3.090232306167813};
    // Monte Carlo se of the p-quantile of N(mu, sd): sqrt(p (1 - p) / R) / (phi(z_p) / sd)
    const double phi[2] = {0.05844506980503538, 0.003367090077063995};  // scipy.stats.norm.pdf(norm.ppf(p))
    const double p[2] = {0.025, 0.001};
    for (std::size_t g = 0; g < 2; ++g)
        for (std::size_t l = 0; l < 2; ++l) {
            const double mc = std::sqrt(p[l] * (1 - p[l]) / 1e5) * sd[g] / phi[l];
            INFO("group " << g << " level " << l << " mc se " << mc);
            CHECK(std::abs(res.sii.lower[l][g] - (res.sii.value[g] - z[l] * sd[g])) < 4 * mc);
            CHECK(std::abs(res.sii.upper[l][g] - (res.sii.value[g] + z[l] * sd[g])) < 4 * mc);
        }
    // limits from the 95% lower/upper limits instead of the se: the same se, so the same draws and limits
    const auto from_limits = run(r, o, false);
    for (std::size_t l = 0; l < 2; ++l) check_rel(from_limits.sii.lower[l][0], res.sii.lower[l][0]);
}

TEST_CASE("sii results do not depend on the thread count and repeat for a seed") {
    const Rows r = le_rows();
    SiiOptions o;
    o.n_resamples = 20000;
    o.rii = true;
    o.reliability_stat = true;
    o.confidence_level = {0.95, 0.998};
    o.threads = 1;
    const auto one = run(r, o);
    o.threads = 2;
    const auto two = run(r, o);
    o.threads = 3;
    const auto three = run(r, o);
    for (std::size_t l = 0; l < 2; ++l)
        for (std::size_t g = 0; g < 2; ++g) {
            CHECK(one.sii.lower[l][g] == two.sii.lower[l][g]);  // bit-identical
            CHECK(one.sii.upper[l][g] == two.sii.upper[l][g]);
            CHECK(one.rii.lower[l][g] == three.rii.lower[l][g]);
            CHECK(one.sii_mad[l][g] == two.sii_mad[l][g]);
            CHECK(one.rii_mad[l][g] == three.rii_mad[l][g]);
            CHECK(one.sii_mad[l][g] > 0);
        }
    o.seed = 7;
    const auto other = run(r, o);
    CHECK(other.sii.lower[0][0] != one.sii.lower[0][0]);
}

TEST_CASE("sii reliability statistic is the mean absolute difference between runs") {
    // With reliability_stat the first run of R replicates is the ordinary simulation (same seed, same streams),
    // so its limits equal those without; the MAD is small beside the interval (10 runs of 8192).
    const Rows r = le_rows();
    SiiOptions o;
    o.n_resamples = 8192;  // a whole number of 4096-replicate blocks: run 1 uses exactly the plain run's streams
    const auto plain = run(r, o);
    o.reliability_stat = true;
    const auto rel_run = run(r, o);
    CHECK(rel_run.sii.lower[0][0] == plain.sii.lower[0][0]);
    CHECK(rel_run.sii.upper[0][1] == plain.sii.upper[0][1]);
    CHECK(rel_run.sii_mad[0][0] < 0.05 * (plain.sii.upper[0][0] - plain.sii.lower[0][0]));
    CHECK(rel_run.rii_mad.empty());
}

TEST_CASE("sii for rates on the log scale, with and without transform") {
    const Rows r = rate_rows();
    SiiOptions o;
    o.value_type = SiiValueType::rate;
    o.n_resamples = 1000;
    o.rii = true;
    const auto plain = run(r, o, false);
    // untransformed fit of the rates themselves (numpy lstsq)
    check_rel(plain.sii.value[0], -398.2837899246803);
    check_rel(plain.rii.value[0], 0.70114849286634);
    check_rel(plain.sii.value[1], -62.667634190057534);
    check_rel(plain.rii.value[1], 0.9415849006660952);
    o.transform = true;
    const auto tr = run(r, o, false);
    // fit of log rates, mapped back: exp(i + s) - exp(i), exp(s), exp(i) (numpy lstsq on log rates)
    check_rel(tr.sii.value[0], -440.61271438131905);
    check_rel(tr.rii.value[0], 0.6747987618428212);
    check_rel(tr.intercept[0], 1354.892487120109);
    check_rel(tr.sii.value[1], -64.09311242603872);
    check_rel(tr.rii.value[1], 0.9395849305358828);
    check_rel(tr.intercept[1], 1060.8795619130453);
    CHECK(tr.sii.lower[0][0] < tr.sii.value[0]);
    CHECK(tr.sii.upper[0][0] > tr.sii.value[0]);
    CHECK(tr.rii.lower[0][1] < tr.rii.value[1]);
    CHECK(tr.rii.upper[0][1] > tr.rii.value[1]);
    CHECK(tr.sii.method == "SII, simulation 1000 reps, log scale");
}

TEST_CASE("sii bad input is an error naming the group and quantile") {
    Rows r = le_rows();
    SiiOptions o;
    o.n_resamples = 1000;
    auto message = [&](const Rows& x, const SiiOptions& opt, bool use_se = true) -> std::string {
        try {
            run(x, opt, use_se);
        } catch (const Error& e) {
            return e.what();
        }
        return "no error";
    };
    {
        Rows x = r;
        x.population[3] = 0;  // group 1, quantile 7
        CHECK(message(x, o) ==
              "sii: group 1, quantile 7 (row 3) has population 0; populations must be finite and > 0");
    }
    {
        Rows x = r;  // group 0 has quantile 9 twice (row 11 repeated as row 20), every quantile still there
        for (auto* col : {&x.quantile, &x.population, &x.value, &x.se, &x.lower, &x.upper}) col->push_back((*col)[11]);
        x.group.push_back(x.group[11]);
        CHECK(message(x, o).find("group 0, quantile 9 appears twice (rows 11 and 20)") != std::string::npos);
    }
    {
        Rows x = r;
        x.quantile[12] = x.quantile[11];  // group 0 has quantile 9 twice and no quantile 8
        CHECK(message(x, o) ==
              "sii: group 0 has no row for quantile 8; every group needs every quantile (drop the group or add the row)");
    }
    {
        Rows x = r;
        x.value[0] = std::nan("");
        CHECK(message(x, o).find("group 1, quantile 10 (row 0) has value nan") != std::string::npos);
    }
    {
        Rows x = r;
        x.se[5] = -1;
        CHECK(message(x, o).find("group 1, quantile 5 (row 5) has se -1") != std::string::npos);
    }
    {
        Rows x = r;
        x.lower[2] = std::nan("");
        CHECK(message(x, o, false).find("group 1, quantile 8 (row 2) has limits nan") != std::string::npos);
    }
    {
        // groups of a single quantile
        std::vector<std::int64_t> g{0, 1};
        std::vector<double> q{1, 1}, p{10, 10}, v{1, 3}, s{1, 1};
        CHECK_THROWS_WITH_AS(sii(g, q, p, v, s, {}, {}, 2, o),
                             "sii: group 0 has 1 quantile(s); the SII needs at least 2 (the R package asks for 5 to 100)",
                             DataError);
        // a group lacking a quantile the others have (the R package drops it with a warning)
        std::vector<std::int64_t> g3{0, 0, 0, 1, 1};
        std::vector<double> q3{1, 2, 3, 3, 1}, p3(5, 10.0), v3{1, 2, 3, 4, 5}, s3(5, 1.0);
        CHECK_THROWS_WITH_AS(sii(g3, q3, p3, v3, s3, {}, {}, 2, o),
                             "sii: group 1 has no row for quantile 2; every group needs every quantile (drop the group "
                             "or add the row)",
                             DataError);
    }
    CHECK_THROWS_WITH_AS(sii(r.group, r.quantile, r.population, r.value, {}, {}, {}, 2, o),  // no se, no CI
                         "sii: give either se= (standard errors) or both lower= and upper= (95% limits)", DomainError);
    CHECK_THROWS_WITH_AS(sii(r.group, r.quantile, r.population, r.value, {}, r.lower, {}, 2, o),  // half the CI
                         "sii: give either se= (standard errors) or both lower= and upper= (95% limits)", DomainError);
    {
        SiiOptions bad = o;
        bad.value_type = static_cast<SiiValueType>(3);
        CHECK_THROWS_WITH_AS(run(r, bad), "sii: value_type must be 0 (other), 1 (rate) or 2 (proportion), got 3",
                             DomainError);
    }
    {
        SiiOptions bad = o;
        bad.n_resamples = 999;
        CHECK_THROWS_WITH_AS(run(r, bad),
                             "sii: n_resamples must be 1000 or more (the R package's minimum; default 100,000), got 999",
                             DomainError);
        bad = o;
        bad.transform = true;
        CHECK_THROWS_AS(run(r, bad, false), DomainError);  // transform needs a rate or proportion
        bad.value_type = SiiValueType::rate;
        CHECK_THROWS_AS(run(r, bad, true), DomainError);  // transform takes limits, not the se
        bad = o;
        bad.confidence_level = {0.9999};
        CHECK_THROWS_AS(run(r, bad), DomainError);  // position round(1000 * 0.00005) = 0
        bad.confidence_level = {1.0};
        CHECK_THROWS_AS(run(r, bad), DomainError);
    }
    {
        Rows x = r;
        SiiOptions prop = o;
        prop.value_type = SiiValueType::proportion;
        CHECK(message(x, prop).find("group 0, quantile 1 (row 19) has proportion 70.56313911") != std::string::npos);
    }
}
