#include "healthyplaces/core/score_table.hpp"

#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "healthyplaces/base/error.hpp"

namespace hp::core {

ScoreTable::ScoreTable(Framework framework, std::vector<Organisation> organisations, ScoreMatrix scores,
                       std::vector<Area> areas)
    : framework_(std::move(framework)),
      organisations_(std::move(organisations)),
      scores_(std::move(scores)),
      areas_(std::move(areas)) {
    if (organisations_.empty())
        throw DomainError("a score table needs at least one organisation; this one is empty");
    if (static_cast<std::size_t>(scores_.rows()) != organisations_.size() ||
        static_cast<std::size_t>(scores_.cols()) != framework_.n_categories())
        throw DataError("score matrix is " + std::to_string(scores_.rows()) + " × " +
                        std::to_string(scores_.cols()) + " but the table has " +
                        std::to_string(organisations_.size()) + " organisations and framework '" +
                        framework_.name() + "' has " + std::to_string(framework_.n_categories()) +
                        " categories");
    const auto code_of = [this](std::size_t i) -> std::string_view { return organisations_[i].code; };
    row_of_code_.reserve(organisations_.size());
    for (std::size_t i = 0; i < organisations_.size(); ++i) {
        const auto& org = organisations_[i];
        validate(org);
        if (const auto first = row_of_code_.insert(i, code_of); first != detail::KeyIndex::none)
            throw DataError("organisation code '" + org.code + "' appears twice (rows " +
                            std::to_string(first) + " and " + std::to_string(i) +
                            "); codes must be unique");
        for (std::size_t j = 0; j < framework_.n_categories(); ++j) {
            const double v = scores_(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
            if (std::isnan(v)) continue;  // missing, by policy
            if (!std::isfinite(v) || v != std::round(v) || !framework_.on_scale(static_cast<int>(v))) {
                std::string shown = std::isfinite(v) ? std::to_string(v) : (v > 0 ? "inf" : "-inf");
                if (std::isfinite(v) && v == std::round(v)) shown = std::to_string(static_cast<long long>(v));
                throw DataError("organisation '" + org.code + "', category '" + framework_.categories()[j].key +
                                "': score " + shown + " is not a level on the scale " +
                                framework_.describe_scale() + " of framework '" + framework_.name() + "'");
            }
        }
    }
    detail::KeyIndex area_names;
    const auto name_of = [this](std::size_t k) -> std::string_view { return areas_[k].name; };
    area_names.reserve(areas_.size());
    area_of_row_.assign(organisations_.size(), detail::KeyIndex::none);
    area_rows_.reserve(areas_.size());
    for (std::size_t k = 0; k < areas_.size(); ++k) {
        const auto& a = areas_[k];
        const auto at = [&] { return "area '" + a.name + "': "; };
        if (a.name.empty()) throw DataError("an area has an empty name");
        if (area_names.insert(k, name_of) != detail::KeyIndex::none) throw DataError(at() + "appears twice");
        if (!(a.coterminosity >= 0.0 && a.coterminosity <= 1.0))
            throw DataError(at() + "coterminosity " + std::to_string(a.coterminosity) + " is outside 0–1");
        const auto c = find(a.council);
        const auto n = find(a.nhs_body);
        if (!c) throw DataError(at() + "council '" + a.council + "' is not in the table");
        if (!n) throw DataError(at() + "NHS body '" + a.nhs_body + "' is not in the table");
        if (organisations_[*c].sector() != Sector::local_authority)
            throw DataError(at() + "'" + a.council + "' is a " + std::string(label(organisations_[*c].kind)) +
                            ", not a council");
        if (organisations_[*n].sector() != Sector::nhs_commissioner)
            throw DataError(at() + "'" + a.nhs_body + "' is a " + std::string(label(organisations_[*n].kind)) +
                            ", not an NHS commissioner");
        for (const auto row : {*c, *n}) {
            if (area_of_row_[row] != detail::KeyIndex::none)
                throw DataError(at() + "organisation '" + organisations_[row].code + "' already belongs to another area");
            area_of_row_[row] = k;
        }
        area_rows_.emplace_back(*c, *n);
    }
}

std::optional<std::size_t> ScoreTable::find(std::string_view code) const noexcept {
    const auto i = row_of_code_.find(code, [this](std::size_t r) -> std::string_view { return organisations_[r].code; });
    if (i == detail::KeyIndex::none) return std::nullopt;
    return i;
}

std::size_t ScoreTable::index_of(std::string_view code) const {
    if (auto i = find(code)) return *i;
    throw DomainError("no organisation with code '" + std::string(code) + "' in the table");
}

std::optional<int> ScoreTable::score(std::size_t organisation, std::size_t category) const {
    if (organisation >= organisations_.size() || category >= n_categories())
        throw DomainError("score(" + std::to_string(organisation) + ", " + std::to_string(category) +
                          ") is outside the " + std::to_string(organisations_.size()) + " × " +
                          std::to_string(n_categories()) + " table");
    const double v = scores_(static_cast<Eigen::Index>(organisation), static_cast<Eigen::Index>(category));
    if (std::isnan(v)) return std::nullopt;
    return static_cast<int>(v);
}

std::optional<int> ScoreTable::score(std::string_view code, std::string_view category) const {
    return score(index_of(code), framework_.category_index(category));
}

const Area* ScoreTable::area_of(std::string_view code) const noexcept {
    const auto row = find(code);
    if (!row || area_of_row_[*row] == detail::KeyIndex::none) return nullptr;
    return &areas_[area_of_row_[*row]];
}

std::pair<std::size_t, std::size_t> ScoreTable::area_rows(std::size_t k) const {
    if (k >= area_rows_.size())
        throw DomainError("area " + std::to_string(k) + " is outside the table's " + std::to_string(area_rows_.size()) +
                          " areas");
    return area_rows_[k];
}

ScoreTable ScoreTable::subset(std::span<const std::size_t> rows) const {
    std::vector<Organisation> orgs;
    ScoreMatrix m(static_cast<Eigen::Index>(rows.size()), scores_.cols());
    for (std::size_t k = 0; k < rows.size(); ++k) {
        if (rows[k] >= organisations_.size())
            throw DomainError("row " + std::to_string(rows[k]) + " is outside the table of " +
                              std::to_string(organisations_.size()) + " organisations");
        orgs.push_back(organisations_[rows[k]]);
        m.row(static_cast<Eigen::Index>(k)) = scores_.row(static_cast<Eigen::Index>(rows[k]));
    }
    std::unordered_set<std::string_view> codes;
    for (const auto& o : orgs) codes.insert(o.code);
    std::vector<Area> kept;
    for (const auto& a : areas_)
        if (codes.count(a.council) && codes.count(a.nhs_body)) kept.push_back(a);
    return ScoreTable(framework_, std::move(orgs), std::move(m), std::move(kept));
}

TotalScore total_score(const ScoreTable& table, std::size_t organisation) {
    TotalScore t;
    for (std::size_t j = 0; j < table.n_categories(); ++j) {
        if (auto s = table.score(organisation, j)) {
            t.total += *s;
            ++t.n_scored;
        } else {
            ++t.n_missing;
        }
    }
    t.maximum = t.n_scored * table.framework().max_level();
    return t;
}

}  // namespace hp::core
