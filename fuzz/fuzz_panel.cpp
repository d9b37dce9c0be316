// The panel that `healthyplaces evaluate` builds from a user's long table: the file read as every reader reads it
// (parse_csv), its columns picked as the CLI's options would pick them, then hp::evaluation::make_panel and the
// checks and the difference-in-differences every evaluation starts with. Columns are found by name (unit, period,
// outcome, adoption or treated, covariates: as in the seeds and mpdta's countyreal/year/lemp/first.treat), else
// by position (0, 1, 2); cells that are not numbers become NaN (pandas would), periods must be integers.
#include "fuzz.hpp"

#include <charconv>
#include <optional>

#include "healthyplaces/evaluation/did.hpp"
#include "healthyplaces/evaluation/panel.hpp"
#include "healthyplaces/io/csv.hpp"

namespace hp_fuzz_panel {

std::optional<std::size_t> column(const std::vector<std::string>& header, std::initializer_list<std::string_view> names) {
    for (auto name : names)
        for (std::size_t i = 0; i < header.size(); ++i)
            if (header[i] == name) return i;
    return std::nullopt;
}

double as_double(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    double v = std::numeric_limits<double>::quiet_NaN();
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return ec == std::errc{} && p == s.data() + s.size() ? v : std::numeric_limits<double>::quiet_NaN();
}

std::optional<std::int64_t> as_int(std::string_view s) {
    std::int64_t v = 0;
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || p != s.data() + s.size()) return std::nullopt;
    return v;
}

}  // namespace hp_fuzz_panel

HP_FUZZ_TARGET(panel) {
    using namespace hp_fuzz_panel;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const auto doc = hp::io::parse_csv(bytes, "fuzz.csv");
    const auto& h = doc.header;
    if (h.size() < 3) return;
    const auto unit = column(h, {"unit", "countyreal", "area", "organisation"}).value_or(0);
    const auto period = column(h, {"period", "year", "time"}).value_or(1);
    const auto outcome = column(h, {"outcome", "lemp", "y"}).value_or(2);
    const auto adoption = column(h, {"adoption", "first.treat", "first_treated"});
    const auto treated = column(h, {"treated", "treat_post", "d"});
    std::vector<std::size_t> covariates;
    for (std::size_t i = 0; i < h.size() && covariates.size() < 2; ++i)
        if (h[i].starts_with("x") || h[i].starts_with("cov") || h[i] == "lpop") covariates.push_back(i);

    hp::evaluation::PanelRows rows;
    rows.outcome_name = h[outcome];
    for (auto c : covariates) rows.covariate_names.push_back(h[c]);
    rows.covariates.resize(covariates.size());
    for (const auto& r : doc.records) {
        const auto p = as_int(r.fields[period]);
        if (!p) return;  // pandas would read the column as text: the CLI refuses it before a panel is made
        rows.unit.push_back(r.fields[unit]);
        rows.period.push_back(*p);
        rows.outcome.push_back(as_double(r.fields[outcome]));
        if (adoption) {
            const auto& a = r.fields[*adoption];
            const auto v = as_int(a);
            rows.adoption.push_back(v && *v != 0 ? v : std::nullopt);  // 0 or blank: never (mpdta's convention)
        }
        if (treated && !adoption) rows.treated.push_back(as_double(r.fields[*treated]));
        for (std::size_t k = 0; k < covariates.size(); ++k) rows.covariates[k].push_back(as_double(r.fields[covariates[k]]));
    }
    const auto panel = hp::evaluation::make_panel(rows);
    hp::fuzz::require(panel.n_units() > 0 && panel.n_periods() > 0, "an empty panel accepted");
    hp::fuzz::require(panel.outcome.rows() == static_cast<Eigen::Index>(panel.n_units()) &&
                          panel.outcome.cols() == static_cast<Eigen::Index>(panel.n_periods()),
                      "outcome matrix of the wrong shape");
    (void)panel.balanced();
    (void)panel.cohorts();
    (void)panel.treated_units();
    (void)panel.never_treated();
    for (std::size_t u = 0; u < panel.n_units(); ++u) (void)panel.pre_periods(u);
    hp::fuzz::expect_clear([&] { hp::evaluation::require_balanced(panel, "fuzz"); });
    hp::fuzz::expect_clear([&] { hp::evaluation::require_pre_periods(panel, "fuzz", 2); });
    hp::fuzz::expect_clear([&] { hp::evaluation::require_never_treated(panel, "fuzz"); });
    hp::fuzz::expect_clear([&] { hp::evaluation::require_varying_outcome(panel, "fuzz"); });
    hp::fuzz::expect_clear([&] {
        const std::size_t units[] = {0, panel.n_units() - 1};
        (void)hp::evaluation::subpanel(panel, units, 0, panel.n_periods() - 1);
    });
    // The regression costs O(cells · periods): keep the fuzzer fast on big seeds.
    if (panel.n_units() * panel.n_periods() > 4000) return;
    hp::fuzz::expect_clear([&] {
        hp::evaluation::DidOptions o;
        o.covariates = rows.covariate_names;
        const auto r = hp::evaluation::did(panel, o);
        hp::fuzz::require(hp::fuzz::pvalue_ok(r.pvalue), "did: p-value outside [0, 1]");
        hp::fuzz::require(!(r.ci_low > r.ci_high), "did: interval upside down");
    });
}
