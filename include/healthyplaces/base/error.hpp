#pragma once
// One exception hierarchy for the whole library. Every message says what went wrong, where (file, line,
// column, organisation, category) and what is allowed, so a user can fix the input without a debugger.
#include <stdexcept>
#include <string>

namespace hp {

/// Base of every exception healthyplaces throws. Python sees `healthyplaces.Error` (a `ValueError`).
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Input data is malformed or out of range: a CSV cell, a score off the scale, a duplicate code.
class DataError : public Error {
public:
    using Error::Error;
};

/// A request that is meaningful data-wise but not in the domain: an unknown category, an empty group.
class DomainError : public Error {
public:
    using Error::Error;
};

/// An integration arrangement whose dimensions contradict each other (e.g. pooled budgets, no legal basis).
class ArrangementError : public DomainError {
public:
    using DomainError::DomainError;
};

}  // namespace hp
