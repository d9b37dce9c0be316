// read_scores: the green paper's table (area, organisation, sector, authority_type, star_rating, one column per
// category) from any bytes, both the CsvDocument and the text entry points, strict and lenient about blanks.
#include "fuzz.hpp"

#include "healthyplaces/io/read_scores.hpp"

HP_FUZZ_TARGET(scores) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    hp::io::ReadOptions options;
    options.allow_missing = size % 2 == 0;  // both ways, without spending a byte of the file on it
    const auto& framework = hp::core::Framework::use_of_resources();
    const auto loaded = hp::io::read_scores_text(bytes, "fuzz.csv", framework, options);
    const auto& t = loaded.table;
    hp::fuzz::require(t.n_categories() == framework.n_categories(), "categories lost");
    for (std::size_t o = 0; o < t.n_organisations(); ++o)
        for (std::size_t c = 0; c < t.n_categories(); ++c) (void)t.score(o, c);
    for (const auto& note : loaded.notes) hp::fuzz::require(hp::fuzz::valid_utf8(note), "note not UTF-8");
}
