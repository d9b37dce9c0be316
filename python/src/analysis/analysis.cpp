// analysis/: sector comparison, competency gaps, pilot candidates.
#include "box.hpp"

#include <cmath>

namespace {
// Pickling and equality of the analysis results. A result pickles as a tuple of plain values (numbers, text, lists)
// and is rebuilt field by field; it compares equal field by field, NaN equal to NaN, so a round trip gives ==.
namespace ha = hp::analysis;
namespace hs = hp::stats;
namespace hc = hp::core;

bool same_number(double a, double b) noexcept { return a == b || (std::isnan(a) && std::isnan(b)); }
bool same_category(const hc::Category& a, const hc::Category& b) { return a.key == b.key && a.label == b.label; }
bool same_test(const hs::TestResult& a, const hs::TestResult& b) {
    return same_number(a.statistic, b.statistic) && same_number(a.pvalue, b.pvalue) && a.alternative == b.alternative &&
           a.method == b.method && a.n == b.n && same_number(a.df, b.df) && same_number(a.zstatistic, b.zstatistic);
}
bool same_estimate(const hs::Estimate& a, const hs::Estimate& b) {
    return same_number(a.estimate, b.estimate) && same_number(a.ci_low, b.ci_low) && same_number(a.ci_high, b.ci_high) &&
           same_number(a.confidence_level, b.confidence_level) && a.method == b.method && a.n == b.n &&
           same_number(a.standard_error, b.standard_error);
}
bool same_summary(const hs::OrdinalSummary& a, const hs::OrdinalSummary& b) {
    return a.frequencies.lo == b.frequencies.lo && a.frequencies.hi == b.frequencies.hi &&
           a.frequencies.counts == b.frequencies.counts && a.frequencies.n_missing == b.frequencies.n_missing &&
           a.modes == b.modes && same_number(a.median, b.median) && same_number(a.q1, b.q1) &&
           same_number(a.q3, b.q3) && same_number(a.mean, b.mean) && a.method == b.method;
}
bool same_total(const hc::TotalScore& a, const hc::TotalScore& b) {
    return a.total == b.total && a.maximum == b.maximum && a.n_scored == b.n_scored && a.n_missing == b.n_missing;
}
bool same_gap(const ha::AreaGap& a, const ha::AreaGap& b) {
    return a.area == b.area && a.council == b.council && a.nhs_body == b.nhs_body &&
           same_number(a.coterminosity, b.coterminosity) && a.council_stars == b.council_stars &&
           a.nhs_stars == b.nhs_stars && a.gaps == b.gaps && same_total(a.council_total, b.council_total) &&
           same_total(a.nhs_total, b.nhs_total) && a.total_gap == b.total_gap && a.n_compared == b.n_compared &&
           a.rank == b.rank;
}
template <class T, class Same>
bool same_all(const std::vector<T>& a, const std::vector<T>& b, Same same) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (!same(a[i], b[i])) return false;
    return true;
}
bool same_criteria(const ha::PilotCriteria& a, const ha::PilotCriteria& b) {
    return a.min_council_stars == b.min_council_stars && a.max_nhs_stars == b.max_nhs_stars &&
           same_number(a.min_coterminosity, b.min_coterminosity) && a.min_total_gap == b.min_total_gap;
}

py::tuple total_state(const hc::TotalScore& t) { return py::make_tuple(t.total, t.maximum, t.n_scored, t.n_missing); }
hc::TotalScore total_from(const py::handle& h) {
    const auto t = h.cast<py::tuple>();
    return {t[0].cast<int>(), t[1].cast<int>(), t[2].cast<int>(), t[3].cast<int>()};
}
py::tuple gap_state(const ha::AreaGap& g) {
    return py::make_tuple(g.area, g.council, g.nhs_body, g.coterminosity, g.council_stars, g.nhs_stars, g.gaps,
                          total_state(g.council_total), total_state(g.nhs_total), g.total_gap, g.n_compared, g.rank);
}
ha::AreaGap gap_from(const py::handle& h) {
    const auto t = h.cast<py::tuple>();
    if (t.size() != 12) throw hp::DataError("not a pickled AreaGap");
    ha::AreaGap g;
    g.area = t[0].cast<std::string>();
    g.council = t[1].cast<std::string>();
    g.nhs_body = t[2].cast<std::string>();
    g.coterminosity = t[3].cast<double>();
    g.council_stars = t[4].cast<std::optional<int>>();
    g.nhs_stars = t[5].cast<std::optional<int>>();
    g.gaps = t[6].cast<std::vector<std::optional<int>>>();
    g.council_total = total_from(t[7]);
    g.nhs_total = total_from(t[8]);
    g.total_gap = t[9].cast<std::optional<int>>();
    g.n_compared = t[10].cast<int>();
    g.rank = t[11].cast<int>();
    return g;
}
py::list gaps_state(const std::vector<ha::AreaGap>& gaps) {
    py::list out;
    for (const auto& g : gaps) out.append(gap_state(g));
    return out;
}
std::vector<ha::AreaGap> gaps_from(const py::handle& h) {
    std::vector<ha::AreaGap> out;
    for (const auto& g : h.cast<py::list>()) out.push_back(gap_from(g));
    return out;
}
py::tuple criteria_state(const ha::PilotCriteria& c) {
    return py::make_tuple(c.min_council_stars, c.max_nhs_stars, c.min_coterminosity, c.min_total_gap);
}
ha::PilotCriteria criteria_from(const py::tuple& t) {
    if (t.size() != 4) throw hp::DataError("not pickled PilotCriteria");
    return {t[0].cast<std::optional<int>>(), t[1].cast<std::optional<int>>(), t[2].cast<double>(),
            t[3].cast<std::optional<int>>()};
}
py::tuple summary_state(const hs::OrdinalSummary& s) {
    return py::make_tuple(s.frequencies.lo, s.frequencies.hi, s.frequencies.counts, s.frequencies.n_missing, s.modes,
                          s.median, s.q1, s.q3, s.mean, static_cast<int>(s.method));
}
hs::OrdinalSummary summary_from(const py::handle& h) {
    const auto t = h.cast<py::tuple>();
    if (t.size() != 10) throw hp::DataError("not a pickled OrdinalSummary");
    hs::OrdinalSummary s;
    s.frequencies.lo = t[0].cast<int>();
    s.frequencies.hi = t[1].cast<int>();
    s.frequencies.counts = t[2].cast<std::vector<std::int64_t>>();
    s.frequencies.n_missing = t[3].cast<std::int64_t>();
    s.modes = t[4].cast<std::vector<int>>();
    s.median = t[5].cast<double>();
    s.q1 = t[6].cast<double>();
    s.q3 = t[7].cast<double>();
    s.mean = t[8].cast<double>();
    const int method = t[9].cast<int>();
    if (method < 0 || method > static_cast<int>(hs::QuantileMethod::linear))
        throw hp::DataError("a pickled OrdinalSummary has an unknown quantile method " + std::to_string(method));
    s.method = static_cast<hs::QuantileMethod>(method);
    return s;
}
py::tuple category_state(const hc::Category& c) { return py::make_tuple(c.key, c.label); }
hc::Category category_from(const py::handle& h) {
    const auto t = h.cast<py::tuple>();
    return {t[0].cast<std::string>(), t[1].cast<std::string>()};
}
}  // namespace

void bind_analysis(py::module_& m) {
    using namespace hp;
    using namespace hp::core;
    using namespace hp::analysis;
    py::native_enum<GroupBy>(m, "GroupBy", "enum.Enum")
        .value("sector", GroupBy::sector)
        .value("kind", GroupBy::kind)
        .value("star_rating", GroupBy::star_rating)
        .finalize();

    py::class_<SectorComparison>(m, "SectorComparison")
        .def_readonly("framework", &SectorComparison::framework)
        .def_readonly("groups", &SectorComparison::groups)
        .def_readonly("group_sizes", &SectorComparison::group_sizes)
        .def_readonly("categories", &SectorComparison::categories)
        .def_readonly("summaries", &SectorComparison::summaries)
        .def("at", &SectorComparison::at, py::arg("category"), py::arg("group"), py::return_value_policy::copy)
        .def("__eq__", [](const SectorComparison& a, const SectorComparison& b) {
            if (a.framework != b.framework || a.groups != b.groups || a.group_sizes != b.group_sizes ||
                !same_all(a.categories, b.categories, same_category) || a.summaries.size() != b.summaries.size())
                return false;
            for (std::size_t i = 0; i < a.summaries.size(); ++i)
                if (!same_all(a.summaries[i], b.summaries[i], same_summary)) return false;
            return true;
        }, py::is_operator())
        .def(py::pickle(
            [](const SectorComparison& c) {
                py::list categories, summaries;
                for (const auto& cat : c.categories) categories.append(category_state(cat));
                for (const auto& row : c.summaries) {
                    py::list r;
                    for (const auto& s : row) r.append(summary_state(s));
                    summaries.append(r);
                }
                return py::make_tuple(c.framework, c.groups, c.group_sizes, categories, summaries);
            },
            [](const py::tuple& t) {
                if (t.size() != 5) throw hp::DataError("not a pickled SectorComparison");
                SectorComparison c;
                c.framework = t[0].cast<std::string>();
                c.groups = t[1].cast<std::vector<std::string>>();
                c.group_sizes = t[2].cast<std::vector<std::size_t>>();
                for (const auto& cat : t[3].cast<py::list>()) c.categories.push_back(category_from(cat));
                for (const auto& row : t[4].cast<py::list>()) {
                    auto& r = c.summaries.emplace_back();
                    for (const auto& s : row.cast<py::list>()) r.push_back(summary_from(s));
                    if (r.size() != c.groups.size()) throw hp::DataError("a pickled SectorComparison is inconsistent");
                }
                if (c.summaries.size() != c.categories.size() || c.group_sizes.size() != c.groups.size())
                    throw hp::DataError("a pickled SectorComparison is inconsistent");
                return c;
            }));

    // The table is kept alive by the caller's reference; summaries over large tables need no Python.
    m.def("compare_sectors", &compare_sectors, py::arg("table"), py::arg("by") = GroupBy::sector,
          py::arg("method") = stats::QuantileMethod::linear, py::call_guard<Interruptible>());
    m.def("compare_groups",
          [](const ScoreTable& t, const std::vector<std::string>& labels, stats::QuantileMethod method) {
              return compare_groups(t, labels, method);
          },
          py::arg("table"), py::arg("labels"), py::arg("method") = stats::QuantileMethod::linear,
          py::call_guard<Interruptible>());
    m.def("group_labels", &group_labels, py::arg("table"), py::arg("by"));

    py::class_<PairedCategoryTest>(m, "PairedCategoryTest",
                                   "One category: council minus NHS body across areas, Wilcoxon test and shift.")
        .def_readonly("category", &PairedCategoryTest::category)
        .def_readonly("n_pairs", &PairedCategoryTest::n_pairs)
        .def_readonly("council_higher", &PairedCategoryTest::council_higher)
        .def_readonly("tied", &PairedCategoryTest::tied)
        .def_readonly("nhs_higher", &PairedCategoryTest::nhs_higher)
        .def_readonly("mean_difference", &PairedCategoryTest::mean_difference)
        .def_readonly("wilcoxon", &PairedCategoryTest::wilcoxon)
        .def_readonly("pvalue_adjusted", &PairedCategoryTest::pvalue_adjusted)
        .def_readonly("shift", &PairedCategoryTest::shift)
        .def_readonly("rank_biserial", &PairedCategoryTest::rank_biserial)
        .def_readonly("note", &PairedCategoryTest::note)
        .def_property_readonly("tested", &PairedCategoryTest::tested)
        .def("__eq__", [](const PairedCategoryTest& a, const PairedCategoryTest& b) {
            return same_category(a.category, b.category) && a.n_pairs == b.n_pairs &&
                   a.council_higher == b.council_higher && a.tied == b.tied && a.nhs_higher == b.nhs_higher &&
                   same_number(a.mean_difference, b.mean_difference) && same_test(a.wilcoxon, b.wilcoxon) &&
                   same_number(a.pvalue_adjusted, b.pvalue_adjusted) && same_estimate(a.shift, b.shift) &&
                   same_number(a.rank_biserial, b.rank_biserial) && a.note == b.note;
        }, py::is_operator())
        .def(py::pickle(
            [](const PairedCategoryTest& p) {
                const auto& w = p.wilcoxon;
                const auto& e = p.shift;
                return py::make_tuple(
                    category_state(p.category), p.n_pairs, p.council_higher, p.tied, p.nhs_higher, p.mean_difference,
                    py::make_tuple(w.statistic, w.pvalue, static_cast<int>(w.alternative), w.method, w.n, w.df,
                                   w.zstatistic),
                    p.pvalue_adjusted,
                    py::make_tuple(e.estimate, e.ci_low, e.ci_high, e.confidence_level, e.method, e.n, e.standard_error),
                    p.rank_biserial, p.note);
            },
            [](const py::tuple& t) {
                if (t.size() != 11) throw hp::DataError("not a pickled PairedCategoryTest");
                PairedCategoryTest p;
                p.category = category_from(t[0]);
                p.n_pairs = t[1].cast<std::int64_t>();
                p.council_higher = t[2].cast<std::int64_t>();
                p.tied = t[3].cast<std::int64_t>();
                p.nhs_higher = t[4].cast<std::int64_t>();
                p.mean_difference = t[5].cast<double>();
                const auto w = t[6].cast<py::tuple>();
                if (w.size() != 7) throw hp::DataError("not a pickled PairedCategoryTest");
                const int alternative = w[2].cast<int>();
                if (alternative < 0 || alternative > static_cast<int>(stats::Alternative::greater))
                    throw hp::DataError("a pickled PairedCategoryTest has an unknown alternative");
                p.wilcoxon = {w[0].cast<double>(), w[1].cast<double>(), static_cast<stats::Alternative>(alternative),
                              w[3].cast<std::string>(), w[4].cast<std::int64_t>(), w[5].cast<double>(),
                              w[6].cast<double>()};
                p.pvalue_adjusted = t[7].cast<double>();
                const auto e = t[8].cast<py::tuple>();
                if (e.size() != 7) throw hp::DataError("not a pickled PairedCategoryTest");
                p.shift = {e[0].cast<double>(), e[1].cast<double>(), e[2].cast<double>(), e[3].cast<double>(),
                           e[4].cast<std::string>(), e[5].cast<std::int64_t>(), e[6].cast<double>()};
                p.rank_biserial = t[9].cast<double>();
                p.note = t[10].cast<std::string>();
                return p;
            }));
    m.def("paired_sector_tests",
          [](const ScoreTable& t, const std::string& alternative, const std::string& method,
             const std::string& zero_method, const std::string& adjust, double confidence_level) {
              PairedComparisonOptions o;
              o.alternative = stats::parse_alternative(alternative);
              o.method = stats::parse_test_method(method);
              o.zero_method = stats::parse_zero_method(zero_method);
              o.adjust = stats::parse_adjust_method(adjust);
              o.confidence_level = confidence_level;
              return paired_sector_tests(t, o);
          },
          py::arg("table"), py::arg("alternative") = "two-sided", py::arg("method") = "exact",
          py::arg("zero_method") = "wilcox", py::arg("adjust") = "holm", py::arg("confidence_level") = 0.95,
          py::call_guard<Interruptible>(),
          "Per category, the paired Wilcoxon signed-rank test of council against NHS body across areas, "
          "multiplicity-adjusted p-values and the Hodges-Lehmann shift with its interval.");

    py::class_<AreaGap>(m, "AreaGap")
        .def_readonly("area", &AreaGap::area)
        .def_readonly("council", &AreaGap::council)
        .def_readonly("nhs_body", &AreaGap::nhs_body)
        .def_readonly("coterminosity", &AreaGap::coterminosity)
        .def_readonly("council_stars", &AreaGap::council_stars)
        .def_readonly("nhs_stars", &AreaGap::nhs_stars)
        .def_readonly("gaps", &AreaGap::gaps)
        .def_readonly("council_total", &AreaGap::council_total)
        .def_readonly("nhs_total", &AreaGap::nhs_total)
        .def_readonly("total_gap", &AreaGap::total_gap)
        .def_readonly("n_compared", &AreaGap::n_compared)
        .def_readonly("rank", &AreaGap::rank)
        .def("__eq__", [](const AreaGap& a, const AreaGap& b) { return same_gap(a, b); }, py::is_operator())
        .def(py::pickle([](const AreaGap& g) { return gap_state(g); }, [](const py::tuple& t) { return gap_from(t); }))
        .def("__repr__", [](const AreaGap& g) {
            return "AreaGap('" + g.area + "', total_gap=" + (g.total_gap ? std::to_string(*g.total_gap) : "None") +
                   ", rank=" + std::to_string(g.rank) + ")";
        });
    m.def("competency_gaps", &competency_gaps, py::arg("table"), py::call_guard<Interruptible>());

    py::class_<PilotCriteria>(m, "PilotCriteria")
        .def(py::init([](std::optional<int> min_council_stars, std::optional<int> max_nhs_stars, double min_coterminosity,
                         std::optional<int> min_total_gap) {
                 return PilotCriteria{min_council_stars, max_nhs_stars, min_coterminosity, min_total_gap};
             }),
             py::arg("min_council_stars") = 4, py::arg("max_nhs_stars") = 1, py::arg("min_coterminosity") = 1.0,
             py::arg("min_total_gap") = py::none())
        .def_readonly("min_council_stars", &PilotCriteria::min_council_stars)
        .def_readonly("max_nhs_stars", &PilotCriteria::max_nhs_stars)
        .def_readonly("min_coterminosity", &PilotCriteria::min_coterminosity)
        .def_readonly("min_total_gap", &PilotCriteria::min_total_gap)
        .def("__eq__", [](const PilotCriteria& a, const PilotCriteria& b) { return same_criteria(a, b); },
             py::is_operator())
        .def(py::pickle([](const PilotCriteria& c) { return criteria_state(c); },
                        [](const py::tuple& t) { return criteria_from(t); }));
    py::class_<PilotScreen>(m, "PilotScreen")
        .def_readonly("candidates", &PilotScreen::candidates)
        .def_readonly("excluded", &PilotScreen::excluded)
        .def("__eq__", [](const PilotScreen& a, const PilotScreen& b) {
            return same_all(a.candidates, b.candidates, same_gap) && a.excluded == b.excluded;
        }, py::is_operator())
        .def(py::pickle(
            [](const PilotScreen& p) { return py::make_tuple(gaps_state(p.candidates), p.excluded); },
            [](const py::tuple& t) {
                if (t.size() != 2) throw hp::DataError("not a pickled PilotScreen");
                PilotScreen p;
                p.candidates = gaps_from(t[0]);
                p.excluded = t[1].cast<std::vector<std::pair<std::string, std::vector<std::string>>>>();
                return p;
            }));
    m.def("pilot_candidates", &pilot_candidates, py::arg("table"), py::arg("criteria") = PilotCriteria{});
}
