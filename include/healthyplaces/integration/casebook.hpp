#pragma once
// Case studies of integration from the seeds (Torbay, Herefordshire, Swindon), as data.
#include <optional>
#include <string>
#include <vector>

#include "healthyplaces/integration/arrangement.hpp"
#include "healthyplaces/io/csv.hpp"

namespace hp::integration {

struct CaseStudy {
    std::string area;
    std::string source;
    std::string integration_model;          ///< as the source names it ("care_trust")
    Arrangement arrangement;                ///< validated
    std::optional<int> council_stars;
    std::optional<int> nhs_stars;
    std::string anticipated_benefits;
    std::vector<std::string> motivations;
    std::vector<std::string> barriers;
    std::optional<double> population;
    std::optional<double> over_80_population;
    std::string notes;

    /// Share of residents over 80 (Torbay: 10,000 / 130,000 = 7.7%), when both counts are known.
    std::optional<double> over_80_share() const;
};

/// Read case studies from the shape of data/case_studies.csv. The arrangement starts from the preset named
/// by integration_model and takes any explicit budget/staffing/leadership/legal-basis column over it.
/// Throws DataError naming line and column on an unknown value, ArrangementError on an incoherent result.
std::vector<CaseStudy> read_case_studies(const io::CsvDocument& doc);

}  // namespace hp::integration
