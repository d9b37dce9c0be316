#pragma once
// Datasets embedded in the library at build time from data/*.csv (the single source for C++ and Python).
#include <string>
#include <string_view>
#include <vector>

#include "healthyplaces/core/score_table.hpp"
#include "healthyplaces/integration/casebook.hpp"

namespace hp::datasets {

/// Names of the embedded CSV files, without ".csv".
std::vector<std::string> names();
/// The text of an embedded CSV file; DomainError listing the names when unknown.
std::string_view csv_text(std::string_view name);

/// The green paper's nine areas: 4-star councils and coterminous 1-star PCTs, five use-of-resources
/// categories scored 1–4.
ScoreTable nlgn2008();
/// Torbay, Herefordshire and Swindon as the green paper describes them.
std::vector<CaseStudy> case_studies();

}  // namespace hp::datasets
