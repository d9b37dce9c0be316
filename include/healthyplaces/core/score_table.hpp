#pragma once
// ScoreTable: organisations × categories of one framework, validated once on construction so that every
// analysis can trust it. Missing scores are NaN in the matrix (the documented policy) and std::nullopt
// through score(); nothing else that is not a level on the scale can get in.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <Eigen/Core>

#include "healthyplaces/core/area.hpp"
#include "healthyplaces/core/framework.hpp"
#include "healthyplaces/core/organisation.hpp"

namespace hp::core {

/// Row-major so that one organisation's scores are contiguous and numpy sees the familiar C layout.
using ScoreMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

class ScoreTable {
public:
    /// Throws DataError naming organisation and category when a score is off the scale, not an integer,
    /// or infinite; when codes repeat; when the matrix shape does not match; when an area names an
    /// unknown organisation or pairs two bodies of the same sector; DomainError when the table is empty.
    ScoreTable(Framework framework, std::vector<Organisation> organisations, ScoreMatrix scores,
               std::vector<Area> areas = {});

    const Framework& framework() const noexcept { return framework_; }
    const std::vector<Organisation>& organisations() const noexcept { return organisations_; }
    const std::vector<Area>& areas() const noexcept { return areas_; }
    const ScoreMatrix& scores() const noexcept { return scores_; }
    std::size_t n_organisations() const noexcept { return organisations_.size(); }
    std::size_t n_categories() const noexcept { return framework_.n_categories(); }

    std::optional<int> score(std::size_t organisation, std::size_t category) const;
    std::optional<int> score(std::string_view code, std::string_view category) const;
    /// Row of an organisation by code; DomainError if absent.
    std::size_t index_of(std::string_view code) const;
    std::optional<std::size_t> find(std::string_view code) const noexcept;
    const Organisation& organisation(std::string_view code) const { return organisations_[index_of(code)]; }

    /// The area an organisation belongs to, if any.
    const Area* area_of(std::string_view code) const noexcept;

    /// A table with only the given rows (areas kept when both members are kept).
    ScoreTable subset(std::span<const std::size_t> rows) const;

private:
    Framework framework_;
    std::vector<Organisation> organisations_;
    ScoreMatrix scores_;
    std::vector<Area> areas_;
};

/// An organisation's total over its scored categories against the maximum for those categories.
struct TotalScore {
    int total = 0;
    int maximum = 0;       ///< max level × number of scored categories
    int n_scored = 0;
    int n_missing = 0;
    bool complete() const noexcept { return n_missing == 0; }
};

TotalScore total_score(const ScoreTable& table, std::size_t organisation);

}  // namespace hp::core
