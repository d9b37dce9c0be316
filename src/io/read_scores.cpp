#include "healthyplaces/io/read_scores.hpp"

#include <cmath>
#include <limits>
#include <map>
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

std::string cell(const CsvRecord& r, int col) {
    return col < 0 ? std::string{} : std::string(detail::trim(r.fields[static_cast<std::size_t>(col)]));
}

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

    std::vector<core::Organisation> orgs;
    core::ScoreMatrix scores(static_cast<Eigen::Index>(doc.records.size()), static_cast<Eigen::Index>(fw.n_categories()));
    std::map<std::string, std::size_t> line_of_code;
    struct Member { std::size_t row; std::optional<double> coterminosity; };
    std::map<std::string, std::vector<Member>> area_members;  // ordered by name for a stable area order
    std::vector<std::string> area_order;

    for (std::size_t r = 0; r < doc.records.size(); ++r) {
        const auto& rec = doc.records[r];
        core::Organisation org;
        org.name = cell(rec, c_org);
        if (org.name.empty()) throw DataError(doc.where(rec, c_org) + ": the organisation's name is empty");
        org.code = c_code >= 0 && !cell(rec, c_code).empty() ? cell(rec, c_code) : org.name;
        const std::string who = doc.where(rec) + ", organisation '" + org.name + "'";

        const auto sector_text = cell(rec, c_sector);
        const auto sector = core::parse_sector(sector_text);
        if (!sector)
            throw DataError(doc.where(rec, c_sector) + ", organisation '" + org.name + "': unknown sector " +
                            detail::quoted(sector_text) + "; expected local_authority (or council, LA) or "
                            "nhs_commissioner (or NHS, PCT, CCG, ICB)");
        const auto kind_text = cell(rec, c_kind);
        const auto kind = core::parse_organisation_kind(kind_text);
        if (!kind) {
            std::string kinds;
            for (auto k : core::all_organisation_kinds) kinds += (kinds.empty() ? "" : ", ") + std::string(to_string(k));
            throw DataError(doc.where(rec, c_kind) + ", organisation '" + org.name + "': unknown authority type " +
                            detail::quoted(kind_text) + "; expected one of " + kinds);
        }
        if (core::sector_of(*kind) != *sector)
            throw DataError(doc.where(rec, c_kind) + ", organisation '" + org.name + "': a " +
                            std::string(label(*kind)) + " is a " + std::string(label(core::sector_of(*kind))) +
                            ", but the sector column says " + std::string(label(*sector)));
        org.kind = *kind;

        if (c_stars >= 0) {
            const auto t = cell(rec, c_stars);
            if (!t.empty()) {
                const auto v = detail::parse_number(t);
                if (!v || std::isnan(*v) || *v != std::round(*v) || *v < 0 || *v > 4)
                    throw DataError(doc.where(rec, c_stars) + ", organisation '" + org.name + "': star rating " +
                                    detail::quoted(t) + " is not a whole number of stars from 0 to 4");
                org.star_rating = static_cast<int>(*v);
            }
        }
        if (c_pop >= 0) {
            const auto t = cell(rec, c_pop);
            if (!t.empty()) {
                const auto v = detail::parse_number(t);
                if (!v || !std::isfinite(*v) || *v < 0)
                    throw DataError(doc.where(rec, c_pop) + ", organisation '" + org.name + "': population " +
                                    detail::quoted(t) + " is not a number of residents (0 or more)");
                org.population = *v;
            }
        }
        if (auto [it, fresh] = line_of_code.emplace(org.code, rec.line); !fresh)
            throw DataError(who + ": organisation code '" + org.code + "' already used on line " +
                            std::to_string(it->second) + "; codes must be unique");

        for (std::size_t j = 0; j < fw.n_categories(); ++j) {
            const int c = cols.category[j];
            const auto t = cell(rec, c);
            double value = std::numeric_limits<double>::quiet_NaN();
            const std::string at = doc.where(rec, c) + ", organisation '" + org.name + "', category '" +
                                   fw.categories()[j].key + "'";
            if (t.empty()) {
                if (!options.allow_missing)
                    throw DataError(at + ": a score is required (missing scores are not allowed here); "
                                         "expected a level " + fw.describe_scale());
            } else if (detail::is_nan_text(t)) {
                throw DataError(at + ": " + detail::quoted(t) + " is not a score: leave the cell empty to mark a "
                                     "missing score, or give a level " + fw.describe_scale());
            } else if (const auto v = detail::parse_number(t)) {
                // Compared as a double first: casting 1e308 to int is undefined behaviour (found by fuzz/).
                if (!std::isfinite(*v) || *v != std::round(*v) || *v < fw.min_level() || *v > fw.max_level() ||
                    !fw.on_scale(static_cast<int>(*v)))
                    throw DataError(at + ": score " + t + " is outside the scale: expected a level " +
                                    fw.describe_scale());
                value = *v;
            } else if (const auto l = fw.level_of(t)) {
                value = *l;
            } else {
                throw DataError(at + ": " + detail::quoted(t) + " is not a number or a level label: expected a level " +
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
                        throw DataError(doc.where(rec, c_cot) + ", organisation '" + org.name + "': coterminosity " +
                                        detail::quoted(t) + " is not a share from 0 to 1");
                    cot = *v;
                }
                if (!area_members.count(a)) area_order.push_back(a);
                area_members[a].push_back({r, cot});
            }
        }
        orgs.push_back(std::move(org));
    }

    std::vector<core::Area> areas;
    for (const auto& name : area_order) {
        const auto& members = area_members[name];
        std::vector<std::size_t> councils, nhs;
        for (const auto& m : members)
            (orgs[m.row].sector() == core::Sector::local_authority ? councils : nhs).push_back(m.row);
        auto lines = [&](const std::vector<std::size_t>& rows) {
            std::string s;
            for (auto r : rows) s += (s.empty() ? "" : ", ") + std::to_string(doc.records[r].line);
            return s;
        };
        if (councils.size() > 1 || nhs.size() > 1)
            throw DataError(doc.source + ": area '" + name + "' has " + std::to_string(councils.size()) +
                            " councils and " + std::to_string(nhs.size()) + " NHS bodies (lines " +
                            lines(councils.size() > 1 ? councils : nhs) +
                            "); an area pairs one council with one NHS commissioner: give each pairing its own area name");
        if (councils.empty() || nhs.empty()) {
            notes.push_back(doc.source + ": area '" + name + "' has only " +
                            (councils.empty() ? "an NHS body" : "a council") + " (line " +
                            lines(councils.empty() ? nhs : councils) + "), so it is not paired");
            continue;
        }
        std::optional<double> cot;
        for (const auto& m : members) {
            if (!m.coterminosity) continue;
            if (cot && *cot != *m.coterminosity)
                throw DataError(doc.source + ": area '" + name + "': its two organisations give different "
                                "coterminosity values; give one value or leave one empty");
            cot = m.coterminosity;
        }
        areas.push_back({name, orgs[councils[0]].code, orgs[nhs[0]].code, cot.value_or(1.0)});
    }
    return {core::ScoreTable(fw, std::move(orgs), std::move(scores), std::move(areas)), std::move(notes), doc.encoding};
}

LoadedScores read_scores(const std::filesystem::path& path, const core::Framework& fw, const ReadOptions& options) {
    return read_scores(read_csv(path), fw, options);
}

LoadedScores read_scores_text(std::string_view text, std::string source, const core::Framework& fw,
                              const ReadOptions& options) {
    return read_scores(parse_csv(text, std::move(source)), fw, options);
}

}  // namespace hp::io
