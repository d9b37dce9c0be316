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

}  // namespace hp::testing
