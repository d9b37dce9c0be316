#pragma once
// Area: a place where a council and an NHS commissioner serve (roughly) the same people.
#include <string>

namespace hp::core {

struct Area {
    std::string name;
    std::string council;        ///< organisation code of the local authority
    std::string nhs_body;       ///< organisation code of the NHS commissioner
    double coterminosity = 1.0; ///< share of the two bodies' populations in common, 0–1 (1 = coterminous)
};

}  // namespace hp::core
