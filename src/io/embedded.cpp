#include "healthyplaces/io/embedded.hpp"

#include "embedded_data.hpp"
#include "healthyplaces/base/error.hpp"

namespace hp::io {

std::vector<std::string> embedded_names() {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < detail::n_embedded_files; ++i) out.emplace_back(detail::embedded_files[i].name);
    return out;
}

std::string_view embedded_csv(std::string_view name) {
    std::string known;
    for (std::size_t i = 0; i < detail::n_embedded_files; ++i) {
        const auto& f = detail::embedded_files[i];
        if (f.name == name) return f.text;
        known += (known.empty() ? "" : ", ") + std::string(f.name);
    }
    throw DomainError("no embedded dataset '" + std::string(name) + "'; available: " + known);
}

}  // namespace hp::io
