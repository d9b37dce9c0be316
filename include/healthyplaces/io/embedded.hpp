#pragma once
// The CSV files of data/ compiled into the library at build time (cmake/embed_data.cmake): one source of the
// embedded tables for C++ and Python. Plain text here; the datasets box turns them into domain objects.
#include <string>
#include <string_view>
#include <vector>

namespace hp::io {

/// Names of the embedded CSV files, without ".csv", in name order.
std::vector<std::string> embedded_names();
/// The text of an embedded CSV file; DomainError listing the names when unknown.
std::string_view embedded_csv(std::string_view name);

}  // namespace hp::io
