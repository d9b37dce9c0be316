#pragma once
// The embedded datasets (io/embedded.hpp) as domain objects: the green paper's table and case studies.
#include <string>
#include <string_view>
#include <vector>

#include "healthyplaces/core/score_table.hpp"
#include "healthyplaces/integration/casebook.hpp"

namespace hp::datasets {

/// The green paper's nine areas: 4-star councils and coterminous 1-star PCTs, five use-of-resources
/// categories scored 1–4.
core::ScoreTable nlgn2008();
/// Torbay, Herefordshire and Swindon as the green paper describes them.
std::vector<integration::CaseStudy> case_studies();

}  // namespace hp::datasets
