#pragma once
// Load a user's scores into a ScoreTable. The CSV has the shape of the green paper's table:
//   area, organisation, sector, authority_type, star_rating, <one column per category>
// plus optional code, population and coterminosity columns. Empty cell = missing score. Errors name the file, the
// physical line and the column (csv.hpp); the limits of parse_csv apply (1 GiB, 16,384 fields on a line, 50,000,000
// cells). Linear in the rows: codes and area names are indexed by hash.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "healthyplaces/core/framework.hpp"
#include "healthyplaces/core/score_table.hpp"
#include "healthyplaces/io/csv.hpp"

namespace hp::io {

struct ReadOptions {
    bool allow_missing = true;   ///< false: an empty score cell is an error
};

struct LoadedScores {
    core::ScoreTable table;
    std::vector<std::string> notes;  ///< what was accepted but worth knowing (an encoding guessed, ignored columns, ...)
    Encoding encoding = Encoding::utf8;  ///< what the file's bytes were read as
};

LoadedScores read_scores(const CsvDocument& doc, const core::Framework& framework = core::Framework::use_of_resources(),
                         const ReadOptions& options = {});
LoadedScores read_scores(const std::filesystem::path& path,
                         const core::Framework& framework = core::Framework::use_of_resources(),
                         const ReadOptions& options = {});
LoadedScores read_scores_text(std::string_view text, std::string source,
                              const core::Framework& framework = core::Framework::use_of_resources(),
                              const ReadOptions& options = {});

}  // namespace hp::io
