#pragma once
// The message a call throws, prefixed with its kind ("DataError: ...", "DomainError: ..."), or "no error": the
// tests check what a user would read.
#include <string>

#include "healthyplaces/base/error.hpp"

namespace hp::testing {

template <class F>
std::string error_of(F&& f) {
    try {
        f();
    } catch (const hp::DataError& e) {
        return std::string("DataError: ") + e.what();
    } catch (const hp::DomainError& e) {
        return std::string("DomainError: ") + e.what();
    }
    return "no error";
}

/// Whether `part` occurs in `s` (for checking one sentence of a longer message).
inline bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace hp::testing
