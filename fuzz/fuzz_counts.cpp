// read_counts: organisation, numerator, denominator (and period) columns named by the caller. The names are taken
// from the file's own header (first column the organisation, the last two the counts, the second the period when
// there are four or more) so that any seed's columns are found; the kind comes from the size. The text entry
// point is also run with the default names (the missing-column errors).
#include "fuzz.hpp"

#include <cmath>

#include "healthyplaces/io/read_counts.hpp"

HP_FUZZ_TARGET(counts) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const auto kind = static_cast<hp::io::CountKind>(size % 3);
    hp::fuzz::expect_clear([&] {
        hp::io::CountsOptions defaults;
        defaults.kind = kind;
        (void)hp::io::read_counts_text(bytes, "fuzz.csv", defaults, size % 5 == 0);
    });
    const auto doc = hp::io::parse_csv(bytes, "fuzz.csv");
    const auto& h = doc.header;
    hp::io::CountsOptions o;
    o.kind = kind;
    o.by = h.front();
    o.numerator = h.size() >= 2 ? h[h.size() - 2] : h.front();
    o.denominator = h.back();
    if (h.size() >= 4 && size % 2 == 0) o.period = h[1];
    const auto counts = hp::io::read_counts(doc, o);
    for (std::size_t i = 0; i < counts.size(); ++i) {
        const double num = counts.numerators[i], den = counts.denominators[i];
        hp::fuzz::require(std::isfinite(num) && num >= 0, "a numerator that is negative or not finite");
        hp::fuzz::require(std::isfinite(den) && den > 0, "a denominator that is not positive and finite");
        hp::fuzz::require(kind != hp::io::CountKind::proportion || num <= den, "a proportion above 1");
        hp::fuzz::require(!counts.organisations[i].empty(), "an empty organisation");
    }
    for (const auto& name : counts.other_columns) (void)counts.other_column(name);
}
