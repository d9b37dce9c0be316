#include "healthyplaces/integration/casebook.hpp"

#include <cmath>
#include <sstream>

#include "healthyplaces/core/framework.hpp"
#include "healthyplaces/base/error.hpp"
#include "healthyplaces/io/text.hpp"

namespace hp::integration {

std::optional<double> CaseStudy::over_80_share() const {
    if (!population || !over_80_population || *population <= 0) return std::nullopt;
    return *over_80_population / *population;
}

namespace {
std::vector<std::string> split_list(std::string_view s) {
    std::vector<std::string> out;
    std::string item;
    std::istringstream in{std::string(s)};
    while (std::getline(in, item, ';'))
        if (auto t = io::detail::trim(item); !t.empty()) out.emplace_back(t);
    return out;
}
}  // namespace

std::vector<CaseStudy> read_case_studies(const io::CsvDocument& doc) {
    auto column = [&](std::string_view name) -> int {
        for (std::size_t k = 0; k < doc.header.size(); ++k)
            if (core::normalise_key(doc.header[k]) == name) return static_cast<int>(k);
        return -1;
    };
    const int c_area = column("area");
    if (c_area < 0) throw DataError(doc.source + ": missing column 'area'");
    const int c_model = column("integration_model"), c_source = column("source"),
              c_budget = column("budget_arrangement"), c_staff = column("staffing_arrangement"),
              c_lead = column("leadership"), c_gov = column("governance"), c_legal = column("legal_basis"),
              c_la = column("local_authority_star_rating"), c_nhs = column("pct_star_rating"),
              c_ben = column("anticipated_benefits"), c_mot = column("motivations"), c_bar = column("barriers"),
              c_pop = column("population"), c_o80 = column("over_80_population"), c_notes = column("notes");
    auto get = [](const io::CsvRecord& r, int c) {
        return c < 0 ? std::string{} : std::string(io::detail::trim(r.fields[static_cast<std::size_t>(c)]));
    };
    std::vector<CaseStudy> out;
    for (const auto& r : doc.records) {
        CaseStudy cs;
        cs.area = get(r, c_area);
        if (cs.area.empty()) throw DataError(doc.where(r, c_area) + ": the area's name is empty");
        cs.source = get(r, c_source);
        cs.integration_model = get(r, c_model);
        const std::string who = ", case study '" + cs.area + "'";
        try {
            cs.arrangement = cs.integration_model.empty() ? arrangements::closer_working()
                                                          : arrangements::preset(cs.integration_model);
        } catch (const DomainError& e) {
            throw DataError(doc.where(r, c_model) + who + ": " + e.what());
        }
        cs.arrangement.name = cs.area;
        // Explicit dimension columns override the preset: the data describes the place, the preset a model.
        auto dim = [&](int c, auto parse, auto& field, const char* what) {
            const auto t = get(r, c);
            if (t.empty()) return;
            const auto v = parse(t);
            if (!v) throw DataError(doc.where(r, c) + who + ": unknown " + what + " " + io::detail::quoted(t));
            field = *v;
        };
        dim(c_budget, parse_budgets, cs.arrangement.budgets, "budget arrangement");
        dim(c_staff, parse_staff, cs.arrangement.staff, "staffing arrangement");
        dim(c_lead, parse_leadership, cs.arrangement.leadership, "leadership");
        dim(c_gov, parse_governance, cs.arrangement.governance, "governance");
        dim(c_legal, parse_legal_basis, cs.arrangement.legal_basis, "legal basis");
        try {
            validate(cs.arrangement);
        } catch (const ArrangementError& e) {
            throw ArrangementError(doc.where(r) + who + ": " + e.what());
        }
        auto stars = [&](int c, std::optional<int>& field) {
            const auto t = get(r, c);
            if (t.empty()) return;
            const auto v = io::detail::parse_number(t);
            if (!v || *v != std::round(*v) || *v < 0 || *v > 4)
                throw DataError(doc.where(r, c) + who + ": star rating " + io::detail::quoted(t) + " is not 0–4");
            field = static_cast<int>(*v);
        };
        stars(c_la, cs.council_stars);
        stars(c_nhs, cs.nhs_stars);
        auto count = [&](int c, std::optional<double>& field) {
            const auto t = get(r, c);
            if (t.empty()) return;
            const auto v = io::detail::parse_number(t);
            if (!v || !std::isfinite(*v) || *v < 0)
                throw DataError(doc.where(r, c) + who + ": " + io::detail::quoted(t) + " is not a count of residents");
            field = *v;
        };
        count(c_pop, cs.population);
        count(c_o80, cs.over_80_population);
        if (cs.population && cs.over_80_population && *cs.over_80_population > *cs.population)
            throw DataError(doc.where(r, c_o80) + who + ": more residents over 80 than residents");
        cs.anticipated_benefits = get(r, c_ben);
        cs.motivations = split_list(get(r, c_mot));
        cs.barriers = split_list(get(r, c_bar));
        cs.notes = get(r, c_notes);
        out.push_back(std::move(cs));
    }
    return out;
}

}  // namespace hp::integration
