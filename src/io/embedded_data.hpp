#pragma once
// Declarations for the file CMake generates from data/*.csv (cmake/embed_data.cmake).
#include <cstddef>
#include <string_view>

namespace hp::io::detail {
struct EmbeddedFile {
    std::string_view name;  // file name without .csv
    std::string_view text;
};
extern const EmbeddedFile embedded_files[];
extern const std::size_t n_embedded_files;
}  // namespace hp::io::detail
