#pragma once
// The green paper's "modal averages" table, generalised: ordinal summaries of every category of a
// framework for each group of organisations (sector by default; kind, star rating or any labelling).
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "healthyplaces/core/score_table.hpp"
#include "healthyplaces/stats/ordinal.hpp"

namespace hp::analysis {

enum class GroupBy : std::uint8_t { sector, kind, star_rating };

struct SectorComparison {
    std::string framework;
    std::vector<std::string> groups;       ///< column order
    std::vector<std::size_t> group_sizes;  ///< organisations per group
    std::vector<core::Category> categories;      ///< row order: the framework's
    /// summaries[category][group]
    std::vector<std::vector<stats::OrdinalSummary>> summaries;

    const stats::OrdinalSummary& at(std::string_view category, std::string_view group) const;
};

/// Group labels for each organisation: "local_authority"/"nhs_commissioner", the kind's key, or
/// "4_stars"/"unrated".
std::vector<std::string> group_labels(const core::ScoreTable& table, GroupBy by);

SectorComparison compare_sectors(const core::ScoreTable& table, GroupBy by = GroupBy::sector,
                                 stats::QuantileMethod method = stats::QuantileMethod::linear);
/// Any grouping: one label per organisation, in table order; groups appear in order of first use.
/// Throws DataError when the number of labels differs from the number of organisations or a label is empty.
SectorComparison compare_groups(const core::ScoreTable& table, std::span<const std::string> labels,
                                stats::QuantileMethod method = stats::QuantileMethod::linear);

}  // namespace hp::analysis
