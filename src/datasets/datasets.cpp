#include "healthyplaces/datasets/datasets.hpp"

#include "healthyplaces/io/embedded.hpp"
#include "healthyplaces/io/read_scores.hpp"

namespace hp::datasets {

core::ScoreTable nlgn2008() {
    return io::read_scores_text(io::embedded_csv("nlgn2008_governance_scores"), "nlgn2008_governance_scores.csv",
                                core::Framework::use_of_resources())
        .table;
}

std::vector<integration::CaseStudy> case_studies() {
    return integration::read_case_studies(io::parse_csv(io::embedded_csv("case_studies"), "case_studies.csv"));
}

}  // namespace hp::datasets
