#include <algorithm>
#include <cstdio>
#include <map>

#include "healthyplaces/analysis/competency_gaps.hpp"
#include "healthyplaces/analysis/sector_comparison.hpp"
#include "healthyplaces/base/error.hpp"

namespace hp::analysis {

const stats::OrdinalSummary& SectorComparison::at(std::string_view category, std::string_view group) const {
    const auto key = core::normalise_key(category);
    std::size_t i = 0;
    while (i < categories.size() && categories[i].key != key && core::normalise_key(categories[i].label) != key) ++i;
    if (i == categories.size()) throw DomainError("no category '" + std::string(category) + "' in the comparison");
    const auto g = std::find(groups.begin(), groups.end(), group);
    if (g == groups.end()) throw DomainError("no group '" + std::string(group) + "' in the comparison");
    return summaries[i][static_cast<std::size_t>(g - groups.begin())];
}

std::vector<std::string> group_labels(const core::ScoreTable& table, GroupBy by) {
    std::vector<std::string> out;
    out.reserve(table.n_organisations());
    for (const auto& o : table.organisations()) {
        switch (by) {
            case GroupBy::sector: out.emplace_back(to_string(o.sector())); break;
            case GroupBy::kind: out.emplace_back(to_string(o.kind)); break;
            case GroupBy::star_rating:
                out.emplace_back(o.star_rating ? std::to_string(*o.star_rating) + (*o.star_rating == 1 ? "_star" : "_stars")
                                               : "unrated");
                break;
        }
    }
    return out;
}

namespace {
// Natural orders for the built-in groupings, so columns read the same way whatever the row order.
std::vector<std::string> ordered_groups(const std::vector<std::string>& labels, GroupBy by) {
    std::vector<std::string> order;
    switch (by) {
        case GroupBy::sector: order = {"local_authority", "nhs_commissioner"}; break;
        case GroupBy::kind:
            for (auto k : core::all_organisation_kinds) order.emplace_back(to_string(k));
            break;
        case GroupBy::star_rating: order = {"0_stars", "1_star", "2_stars", "3_stars", "4_stars", "unrated"}; break;
    }
    std::vector<std::string> present;
    for (const auto& g : order)
        if (std::find(labels.begin(), labels.end(), g) != labels.end()) present.push_back(g);
    return present;
}

SectorComparison compare(const core::ScoreTable& table, std::span<const std::string> labels, std::vector<std::string> groups,
                         stats::QuantileMethod method) {
    SectorComparison out;
    out.framework = table.framework().name();
    out.groups = std::move(groups);
    out.categories = table.framework().categories();
    std::vector<std::vector<std::size_t>> members(out.groups.size());
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const auto g = std::find(out.groups.begin(), out.groups.end(), labels[i]);
        members[static_cast<std::size_t>(g - out.groups.begin())].push_back(i);
    }
    for (const auto& m : members) out.group_sizes.push_back(m.size());
    const auto& fw = table.framework();
    std::vector<double> column;
    for (std::size_t j = 0; j < table.n_categories(); ++j) {
        auto& row = out.summaries.emplace_back();
        for (const auto& m : members) {
            column.clear();
            for (auto i : m) column.push_back(table.scores()(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)));
            row.push_back(stats::summarise(column, fw.min_level(), fw.max_level(), method));
        }
    }
    return out;
}
}  // namespace

SectorComparison compare_sectors(const core::ScoreTable& table, GroupBy by, stats::QuantileMethod method) {
    const auto labels = group_labels(table, by);
    return compare(table, labels, ordered_groups(labels, by), method);
}

SectorComparison compare_groups(const core::ScoreTable& table, std::span<const std::string> labels,
                                stats::QuantileMethod method) {
    if (labels.size() != table.n_organisations())
        throw DataError("grouping has " + std::to_string(labels.size()) + " labels for " +
                        std::to_string(table.n_organisations()) + " organisations; give one label per organisation");
    std::vector<std::string> groups;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (labels[i].empty())
            throw DataError("organisation '" + table.organisations()[i].code + "' has an empty group label");
        if (std::find(groups.begin(), groups.end(), labels[i]) == groups.end()) groups.push_back(labels[i]);
    }
    return compare(table, labels, std::move(groups), method);
}

namespace {
// Competition ranking ("1224") of gaps already sorted widest first: ties share the better rank; areas with
// no comparable category (sorted last) get rank 0.
void assign_ranks(std::vector<AreaGap>& gaps) {
    for (std::size_t i = 0; i < gaps.size(); ++i) {
        auto& g = gaps[i];
        if (!g.total_gap) g.rank = 0;
        else g.rank = (i > 0 && gaps[i - 1].total_gap == g.total_gap) ? gaps[i - 1].rank : static_cast<int>(i) + 1;
    }
}
}  // namespace

std::vector<AreaGap> competency_gaps(const core::ScoreTable& table) {
    if (table.areas().empty())
        throw DomainError("the table pairs no councils with NHS bodies: competency gaps need areas (an 'area' "
                          "column naming the place each organisation serves)");
    std::vector<AreaGap> out;
    out.reserve(table.areas().size());
    for (std::size_t k = 0; k < table.areas().size(); ++k) {
        const auto& a = table.areas()[k];
        const auto [c, n] = table.area_rows(k);
        AreaGap g;
        g.area = a.name;
        g.council = a.council;
        g.nhs_body = a.nhs_body;
        g.coterminosity = a.coterminosity;
        g.council_stars = table.organisations()[c].star_rating;
        g.nhs_stars = table.organisations()[n].star_rating;
        g.council_total = core::total_score(table, c);
        g.nhs_total = core::total_score(table, n);
        int sum = 0;
        for (std::size_t j = 0; j < table.n_categories(); ++j) {
            const auto sc = table.score(c, j);
            const auto sn = table.score(n, j);
            if (sc && sn) {
                g.gaps.emplace_back(*sc - *sn);
                sum += *sc - *sn;
                ++g.n_compared;
            } else {
                g.gaps.emplace_back(std::nullopt);
            }
        }
        if (g.n_compared > 0) g.total_gap = sum;
        out.push_back(std::move(g));
    }
    std::stable_sort(out.begin(), out.end(), [](const AreaGap& x, const AreaGap& y) {
        if (x.total_gap.has_value() != y.total_gap.has_value()) return x.total_gap.has_value();
        if (x.total_gap && *x.total_gap != *y.total_gap) return *x.total_gap > *y.total_gap;
        return x.area < y.area;
    });
    assign_ranks(out);
    return out;
}

namespace {
std::string two_places(double x) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", x);
    return buf;
}
}  // namespace

PilotScreen pilot_candidates(const core::ScoreTable& table, const PilotCriteria& crit) {
    auto stars_ok = [](const std::optional<int>& s) { return !s || (*s >= 0 && *s <= 4); };
    if (!stars_ok(crit.min_council_stars) || !stars_ok(crit.max_nhs_stars))
        throw DomainError("pilot criteria: star ratings run from 0 to 4");
    if (!(crit.min_coterminosity >= 0.0 && crit.min_coterminosity <= 1.0))
        throw DomainError("pilot criteria: minimum coterminosity must be within 0–1, got " +
                          std::to_string(crit.min_coterminosity));
    PilotScreen screen;
    for (auto& g : competency_gaps(table)) {
        std::vector<std::string> why;
        auto stars = [](int s) { return std::to_string(s) + (s == 1 ? " star" : " stars"); };
        if (crit.min_council_stars) {
            if (!g.council_stars) why.push_back("council star rating unknown");
            else if (*g.council_stars < *crit.min_council_stars)
                why.push_back("council has " + stars(*g.council_stars) + ", needs at least " + stars(*crit.min_council_stars));
        }
        if (crit.max_nhs_stars) {
            if (!g.nhs_stars) why.push_back("NHS body star rating unknown");
            else if (*g.nhs_stars > *crit.max_nhs_stars)
                why.push_back("NHS body has " + stars(*g.nhs_stars) + ", needs at most " + stars(*crit.max_nhs_stars));
        }
        if (g.coterminosity < crit.min_coterminosity)
            why.push_back("coterminosity " + two_places(g.coterminosity) + " is below " +
                          two_places(crit.min_coterminosity));
        if (crit.min_total_gap) {
            if (!g.total_gap) why.push_back("no category scored for both bodies");
            else if (*g.total_gap < *crit.min_total_gap)
                why.push_back("total gap " + std::to_string(*g.total_gap) + " is below " + std::to_string(*crit.min_total_gap));
        }
        if (why.empty()) screen.candidates.push_back(std::move(g));
        else screen.excluded.emplace_back(g.area, std::move(why));
    }
    assign_ranks(screen.candidates);  // renumbered among the candidates
    return screen;
}

}  // namespace hp::analysis
