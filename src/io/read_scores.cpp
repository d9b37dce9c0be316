#include "healthyplaces/io/read_scores.hpp"

#include <cmath>
#include <limits>
#include <map>
#include <unordered_map>
#include <optional>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/io/text.hpp"

namespace hp::io {

namespace {

// Column names a user might write for each field, after normalise_key.
const std::map<std::string, std::vector<std::string>> kAliases = {
    {"organisation", {"organisation", "organization", "organisation_name", "organization_name", "name"}},
    {"sector", {"sector"}},
    {"authority_type", {"authority_type", "kind", "type", "organisation_type", "organization_type"}},
    {"area", {"area", "place"}},
    {"star_rating", {"star_rating", "stars", "star"}},
    {"code", {"code", "organisation_code", "organization_code", "ons_code", "ods_code"}},
    {"population", {"population", "residents"}},
    {"coterminosity", {"coterminosity"}},
};

struct Columns {
    std::map<std::string, int> field;   // our field name -> column index
    std::vector<int> category;          // framework category -> column index
};

Columns locate_columns(const CsvDocument& doc, const core::Framework& fw, std::vector<std::string>& notes) {
    Columns cols;
    cols.category.assign(fw.n_categories(), -1);
    std::vector<std::string> ignored;
    for (int k = 0; k < static_cast<int>(doc.header.size()); ++k) {
        const auto key = core::normalise_key(doc.header[static_cast<std::size_t>(k)]);
        bool used = false;
        for (const auto& [name, aliases] : kAliases) {
            if (std::find(aliases.begin(), aliases.end(), key) == aliases.end()) continue;
            // A framework may itself have a category called e.g. "star_rating": the category wins.
            if (fw.find_category(key)) break;
            if (cols.field.count(name))
                throw DataError(doc.source + ": columns '" + doc.header[static_cast<std::size_t>(cols.field[name])] +
                                "' and '" + doc.header[static_cast<std::size_t>(k)] + "' both give the " + name);
            cols.field[name] = k;
            used = true;
            break;
        }
        if (used) continue;
        if (auto c = fw.find_category(key)) {
            if (cols.category[*c] >= 0)
                throw DataError(doc.source + ": columns '" + doc.header[static_cast<std::size_t>(cols.category[*c])] +
                                "' and '" + doc.header[static_cast<std::size_t>(k)] + "' both give category '" +
                                fw.categories()[*c].key + "'");
            cols.category[*c] = k;
            continue;
        }
        ignored.push_back(doc.header[static_cast<std::size_t>(k)]);
    }
    std::vector<std::string> missing;
    for (const char* req : {"organisation", "sector", "authority_type"})
        if (!cols.field.count(req)) missing.emplace_back(req);
    for (std::size_t c = 0; c < fw.n_categories(); ++c)
        if (cols.category[c] < 0) missing.push_back(fw.categories()[c].key);
    if (!missing.empty()) {
        std::string m, found;
        for (const auto& s : missing) m += (m.empty() ? "'" : ", '") + s + "'";
        for (const auto& h : doc.header) found += (found.empty() ? "" : ", ") + h;
        throw DataError(doc.source + ": missing column" + (missing.size() > 1 ? "s " : " ") + m +
                        " (framework '" + fw.name() + "' needs organisation, sector, authority_type and one column "
                        "per category); the header has: " + found + doc.delimiter_hint());
    }
    if (!ignored.empty()) {
        std::string s;
        for (const auto& h : ignored) s += (s.empty() ? "'" : ", '") + h + "'";
        notes.push_back(doc.source + ": ignored column" + (ignored.size() > 1 ? "s " : " ") + s +
                        ": not a field of the score table nor a category of framework '" + fw.name() + "'");
    }
    return cols;
}

/// A cell, trimmed; a view into the document (which outlives the reading).
std::string_view cell(const CsvRecord& r, int col) {
    return col < 0 ? std::string_view{} : detail::trim(r.fields[static_cast<std::size_t>(col)]);
}

/// Parsing a sector or an authority type normalises the text and compares it with every name: done once per
/// distinct text (a file has a handful), not once per row.
template <class T, class Parse>
class Memo {
public:
    explicit Memo(Parse parse) : parse_(parse) {}
    std::optional<T> operator()(std::string_view text) {
        for (const auto& [t, v] : seen_)
            if (t == text) return v;
        auto v = parse_(text);
        if (seen_.size() < 64) seen_.emplace_back(std::string(text), v);
        return v;
    }

private:
    Parse parse_;
    std::vector<std::pair<std::string, std::optional<T>>> seen_;
};

}  // namespace

LoadedScores read_scores(const CsvDocument& doc, const core::Framework& fw, const ReadOptions& options) {
    std::vector<std::string> notes = doc.notes;
    const Columns cols = locate_columns(doc, fw, notes);
    if (doc.records.empty())
        throw DataError(doc.source + ": the table is empty: a header but no organisations");
    auto col = [&](const char* name) { auto it = cols.field.find(name); return it == cols.field.end() ? -1 : it->second; };
    const int c_org = col("organisation"), c_sector = col("sector"), c_kind = col("authority_type"),
              c_area = col("area"), c_stars = col("star_rating"), c_code = col("code"), c_pop = col("population"),
              c_cot = col("coterminosity");

    constexpr std::size_t none = core::detail::KeyIndex::none;
    std::vector<core::Organisation> orgs;
    orgs.reserve(doc.records.size());
    core::ScoreMatrix scores(static_cast<Eigen::Index>(doc.records.size()), static_cast<Eigen::Index>(fw.n_categories()));
    // Area names are indexed by hash (a million rows stay linear); keys are views into doc. Codes are indexed by
    // the ScoreTable, which refuses a repeated one; only then are they looked at here, to say where (below).
    struct AreaMembers {
        std::string_view name;
        std::size_t council = none, nhs = none;  // records
        std::optional<double> coterminosity;
        std::size_t coterminosity_row = none;
    };
    std::vector<AreaMembers> area_list;  // in order of first appearance
    core::detail::KeyIndex areas_by_name;
    areas_by_name.reserve(c_area >= 0 ? doc.records.size() / 2 : 0);
    const auto area_name_of = [&](std::size_t k) { return area_list[k].name; };
    // "line 4" in a file, "row 2" in a DataFrame: where an earlier member of an area was given.
    const auto line_of = [&](std::size_t r, int column) {
        return doc.rows_not_lines ? "row " + std::to_string(doc.records[r].row)
                                  : "line " + std::to_string(doc.records[r].line_of(column));
    };
    std::optional<std::string> area_error;  // the first area with two councils, two NHS bodies or two coterminosities
    Memo<core::Sector, decltype(&core::parse_sector)> sector_of_text(&core::parse_sector);
    Memo<core::OrganisationKind, decltype(&core::parse_organisation_kind)> kind_of_text(&core::parse_organisation_kind);

    for (std::size_t r = 0; r < doc.records.size(); ++r) {
        const auto& rec = doc.records[r];
        core::Organisation org;
        org.name = std::string(cell(rec, c_org));
        if (org.name.empty()) throw DataError(doc.where(rec, c_org) + ": the organisation's name is empty");
        org.code = c_code >= 0 && !cell(rec, c_code).empty() ? std::string(cell(rec, c_code)) : org.name;

        const auto sector_text = cell(rec, c_sector);
        const auto sector = sector_of_text(sector_text);
        if (!sector)
            throw DataError(doc.where(rec, c_sector) + ", organisation " + detail::quoted(org.name) + ": unknown sector " +
                            detail::quoted(sector_text) + "; expected local_authority (or council, LA) or "
                            "nhs_commissioner (or NHS, PCT, CCG, ICB)");
        const auto kind_text = cell(rec, c_kind);
        const auto kind = kind_of_text(kind_text);
        if (!kind) {
            std::string kinds;
            for (auto k : core::all_organisation_kinds) kinds += (kinds.empty() ? "" : ", ") + std::string(to_string(k));
            throw DataError(doc.where(rec, c_kind) + ", organisation " + detail::quoted(org.name) + ": unknown authority type " +
                            detail::quoted(kind_text) + "; expected one of " + kinds);
        }
        if (core::sector_of(*kind) != *sector)
            throw DataError(doc.where(rec, c_kind) + ", organisation " + detail::quoted(org.name) + ": a " +
                            std::string(label(*kind)) + " is a " + std::string(label(core::sector_of(*kind))) +
                            ", but the sector column says " + std::string(label(*sector)));
        org.kind = *kind;

        if (c_stars >= 0) {
            const auto t = cell(rec, c_stars);
            if (!t.empty()) {
                const auto v = detail::parse_number(t);
                if (!v || std::isnan(*v) || *v != std::round(*v) || *v < 0 || *v > 4)
                    throw DataError(doc.where(rec, c_stars) + ", organisation " + detail::quoted(org.name) + ": star rating " +
                                    detail::quoted(t) + " is not a whole number of stars from 0 to 4");
                org.star_rating = static_cast<int>(*v);
            }
        }
        if (c_pop >= 0) {
            const auto t = cell(rec, c_pop);
            if (!t.empty()) {
                const auto v = detail::parse_number(t);
                if (!v || !std::isfinite(*v) || *v < 0)
                    throw DataError(doc.where(rec, c_pop) + ", organisation " + detail::quoted(org.name) + ": population " +
                                    detail::quoted(t) + " is not a number of residents (0 or more)");
                org.population = *v;
            }
        }
        orgs.push_back(std::move(org));
        const auto& o = orgs.back();

        for (std::size_t j = 0; j < fw.n_categories(); ++j) {
            const int c = cols.category[j];
            const auto t = cell(rec, c);
            double value = std::numeric_limits<double>::quiet_NaN();
            // Built only for an error: a million rows of five categories would otherwise make five million.
            const auto at = [&] {
                return doc.where(rec, c) + ", organisation " + detail::quoted(o.name) + ", category '" + fw.categories()[j].key + "'";
            };
            if (t.empty()) {
                if (!options.allow_missing)
                    throw DataError(at() + ": a score is required (missing scores are not allowed here); "
                                         "expected a level " + fw.describe_scale());
            } else if (detail::is_nan_text(t)) {
                throw DataError(at() + ": " + detail::quoted(t) + " is not a score: leave the cell empty to mark a "
                                     "missing score, or give a level " + fw.describe_scale());
            } else if (const auto v = detail::parse_number(t)) {
                // Compared as a double first: casting 1e308 to int is undefined behaviour (found by fuzz/).
                if (!std::isfinite(*v) || *v != std::round(*v) || *v < fw.min_level() || *v > fw.max_level() ||
                    !fw.on_scale(static_cast<int>(*v)))
                    throw DataError(at() + ": score " + std::string(t) + " is outside the scale: expected a level " +
                                    fw.describe_scale());
                value = *v;
            } else if (const auto l = fw.level_of(t)) {
                value = *l;
            } else {
                throw DataError(at() + ": " + detail::quoted(t) + " is not a number or a level label: expected a level " +
                                fw.describe_scale());
            }
            scores(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(j)) = value;
        }

        if (c_area >= 0) {
            const auto a = cell(rec, c_area);
            if (!a.empty()) {
                std::optional<double> cot;
                if (c_cot >= 0 && !cell(rec, c_cot).empty()) {
                    const auto t = cell(rec, c_cot);
                    const auto v = detail::parse_number(t);
                    if (!v || !(*v >= 0 && *v <= 1))
                        throw DataError(doc.where(rec, c_cot) + ", organisation " + detail::quoted(o.name) + ": coterminosity " +
                                        detail::quoted(t) + " is not a share from 0 to 1");
                    cot = *v;
                }
                area_list.push_back({a, none, none, std::nullopt, none});
                std::size_t k = areas_by_name.insert(area_list.size() - 1, area_name_of);
                if (k == none) k = area_list.size() - 1;
                else area_list.pop_back();
                auto& m = area_list[k];
                const bool council = o.sector() == core::Sector::local_authority;
                auto& slot = council ? m.council : m.nhs;
                // Kept until every row has been read (as a repeated code, which is named first: see below).
                if (slot != none && !area_error)
                    area_error = doc.where(rec, c_area) + ", organisation " + detail::quoted(o.name) + ": area " + detail::quoted(a) +
                                 " already has " + (council ? "a council" : "an NHS body") + " (" +
                                 line_of(slot, c_area) + "); an area pairs one council with one NHS commissioner: "
                                 "give each pairing its own area name";
                if (slot == none) slot = r;
                if (cot) {
                    if (m.coterminosity && *m.coterminosity != *cot && !area_error)
                        area_error = doc.where(rec, c_cot) + ", organisation " + detail::quoted(o.name) + ": area " +
                                     detail::quoted(a) + ": coterminosity " + detail::format_share(*cot) +
                                     " differs from " + detail::format_share(*m.coterminosity) + " (" +
                                     line_of(m.coterminosity_row, c_cot) + "); give one value or leave one empty";
                    m.coterminosity = cot;
                    m.coterminosity_row = r;
                }
            }
        }
    }

    const auto code_of_record = [&](std::size_t r) -> std::string_view {
        const auto& rec = doc.records[r];
        return c_code >= 0 && !cell(rec, c_code).empty() ? cell(rec, c_code) : cell(rec, c_org);
    };
    // A repeated code is the one error the rows above do not catch: found here, by the table, and located.
    const auto first_repeat = [&]() -> std::optional<std::pair<std::size_t, std::size_t>> {
        core::detail::KeyIndex rows_by_code;
        rows_by_code.reserve(doc.records.size());
        // The code as read above (orgs has been moved into the table): a view into the document.
        const auto code_of = [&](std::size_t r) { return code_of_record(r); };
        for (std::size_t r = 0; r < doc.records.size(); ++r)
            if (const auto first = rows_by_code.insert(r, code_of); first != none) return std::pair{first, r};
        return std::nullopt;
    };
    const auto repeated_code = [&]() {
        const auto repeat = first_repeat();
        if (!repeat) return;
        const auto [first, r] = *repeat;
        const auto& rec = doc.records[r];
        const int c = c_code >= 0 && !cell(rec, c_code).empty() ? c_code : c_org;
        throw DataError(doc.where(rec, c) + ", organisation " + detail::quoted(cell(rec, c_org)) + ": organisation code " +
                        detail::quoted(code_of_record(r)) + " already used on " + line_of(first, c) +
                        "; codes must be unique");
    };
    if (area_error) {
        repeated_code();
        throw DataError(*area_error);
    }

    std::vector<core::Area> areas;
    areas.reserve(area_list.size());
    constexpr std::size_t kUnpairedNoted = 5;  // a note each for the first few; then one line counting the rest
    std::size_t unpaired = 0;
    for (const auto& m : area_list) {
        if (m.council == none || m.nhs == none) {
            if (++unpaired <= kUnpairedNoted)
                notes.push_back(doc.source + ": area " + detail::quoted(m.name) + " has only " +
                                (m.council == none ? "an NHS body" : "a council") + " (" +
                                line_of(m.council == none ? m.nhs : m.council, c_area) + "), so it is not paired");
            continue;
        }
        areas.push_back({std::string(m.name), orgs[m.council].code, orgs[m.nhs].code, m.coterminosity.value_or(1.0)});
    }
    if (unpaired > kUnpairedNoted)
        notes.push_back(doc.source + ": " + std::to_string(unpaired - kUnpairedNoted) + " more areas have only one "
                        "organisation (" + std::to_string(unpaired) + " in all), so they are not paired");
    try {
        return {core::ScoreTable(fw, std::move(orgs), std::move(scores), std::move(areas)), std::move(notes), doc.encoding};
    } catch (const DataError&) {
        repeated_code();
        throw;
    }
}

LoadedScores read_scores(const std::filesystem::path& path, const core::Framework& fw, const ReadOptions& options) {
    return read_scores(read_csv(path), fw, options);
}

LoadedScores read_scores_text(std::string_view text, std::string source, const core::Framework& fw,
                              const ReadOptions& options) {
    return read_scores(parse_csv(text, std::move(source)), fw, options);
}

}  // namespace hp::io
