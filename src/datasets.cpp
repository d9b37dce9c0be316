#include "healthyplaces/datasets.hpp"

#include "embedded_data.hpp"
#include "healthyplaces/error.hpp"
#include "healthyplaces/io/read_scores.hpp"

namespace hp::datasets {

std::vector<std::string> names() {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < detail::n_embedded_files; ++i) out.emplace_back(detail::embedded_files[i].name);
    return out;
}

std::string_view csv_text(std::string_view name) {
    std::string known;
    for (std::size_t i = 0; i < detail::n_embedded_files; ++i) {
        const auto& f = detail::embedded_files[i];
        if (f.name == name) return f.text;
        known += (known.empty() ? "" : ", ") + std::string(f.name);
    }
    throw DomainError("no embedded dataset '" + std::string(name) + "'; available: " + known);
}

ScoreTable nlgn2008() {
    return io::read_scores_text(csv_text("nlgn2008_governance_scores"), "nlgn2008_governance_scores.csv",
                                Framework::use_of_resources())
        .table;
}

std::vector<CaseStudy> case_studies() {
    return read_case_studies(io::parse_csv(csv_text("case_studies"), "case_studies.csv"));
}

}  // namespace hp::datasets
