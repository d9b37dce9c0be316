#include "healthyplaces/core/framework.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "healthyplaces/base/error.hpp"

namespace hp::core {

std::string normalise_key(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool pending_sep = false;
    for (unsigned char c : text) {
        if (std::isalnum(c)) {
            if (pending_sep && !out.empty()) out += '_';
            pending_sep = false;
            out += static_cast<char>(std::tolower(c));
        } else if (c >= 0x80) {  // keep UTF-8 bytes (e.g. "–") as they are
            if (pending_sep && !out.empty()) out += '_';
            pending_sep = false;
            out += static_cast<char>(c);
        } else {
            pending_sep = true;
        }
    }
    return out;
}

Framework::Framework(std::string name, std::vector<Category> categories, std::vector<Level> levels)
    : name_(std::move(name)), categories_(std::move(categories)), levels_(std::move(levels)) {
    const std::string at = "framework '" + name_ + "': ";
    if (name_.empty()) throw DomainError("a framework needs a name");
    if (categories_.empty()) throw DomainError(at + "needs at least one category");
    if (levels_.size() < 2) throw DomainError(at + "needs at least two levels on its scale");
    std::set<std::string> seen;
    for (auto& c : categories_) {
        if (c.key.empty() && c.label.empty()) throw DomainError(at + "a category has neither key nor label");
        c.key = normalise_key(c.key.empty() ? c.label : c.key);
        if (c.key.empty()) throw DomainError(at + "category '" + c.label + "' has no letters or digits in its key");
        if (c.label.empty()) c.label = c.key;
        if (!seen.insert(c.key).second) throw DomainError(at + "category '" + c.key + "' appears twice");
    }
    std::set<std::string> labels;
    for (std::size_t i = 0; i < levels_.size(); ++i) {
        if (i > 0 && levels_[i].value != levels_[i - 1].value + 1)
            throw DomainError(at + "levels must be consecutive integers in ascending order; " +
                              std::to_string(levels_[i - 1].value) + " is followed by " +
                              std::to_string(levels_[i].value));
        if (!levels_[i].label.empty() && !labels.insert(normalise_key(levels_[i].label)).second)
            throw DomainError(at + "level label '" + levels_[i].label + "' is used twice");
    }
}

static std::vector<Level> unlabelled(int lo, int hi) {
    if (lo > hi) throw DomainError("a scale's lowest level " + std::to_string(lo) + " is above its highest " +
                                   std::to_string(hi));
    std::vector<Level> v;
    for (int i = lo; i <= hi; ++i) v.push_back({i, {}});
    return v;
}

Framework::Framework(std::string name, std::vector<Category> categories, int lo, int hi)
    : Framework(std::move(name), std::move(categories), unlabelled(lo, hi)) {}

Framework Framework::use_of_resources() {
    return Framework("use_of_resources",
                     {{"financial_reporting", "Financial reporting"},
                      {"financial_management", "Financial management"},
                      {"financial_standing", "Financial standing"},
                      {"internal_control", "Internal control"},
                      {"value_for_money", "Value for money"}},
                     {{1, "inadequate"}, {2, "adequate"}, {3, "performing well"}, {4, "performing strongly"}});
}

Framework Framework::cpa_star_rating() {
    return Framework("cpa_star_rating", {{"star_rating", "CPA star rating"}},
                     {{0, "0 stars"}, {1, "1 star"}, {2, "2 stars"}, {3, "3 stars"}, {4, "4 stars"}});
}

std::vector<std::string> Framework::builtin_names() { return {"use_of_resources", "cpa_star_rating"}; }

Framework Framework::builtin(std::string_view name) {
    const auto k = normalise_key(name);
    if (k == "use_of_resources" || k == "ale" || k == "auditors_local_evaluation" || k == "uor")
        return use_of_resources();
    if (k == "cpa_star_rating" || k == "cpa" || k == "star_rating") return cpa_star_rating();
    throw DomainError("unknown framework '" + std::string(name) +
                      "'; built in: use_of_resources (alias ale), cpa_star_rating (alias cpa)");
}

std::optional<std::size_t> Framework::find_category(std::string_view key_or_label) const noexcept {
    const auto k = normalise_key(key_or_label);
    for (std::size_t i = 0; i < categories_.size(); ++i)
        if (categories_[i].key == k || normalise_key(categories_[i].label) == k) return i;
    return std::nullopt;
}

std::size_t Framework::category_index(std::string_view key_or_label) const {
    if (auto i = find_category(key_or_label)) return *i;
    std::string known;
    for (const auto& c : categories_) known += (known.empty() ? "" : ", ") + c.key;
    throw DomainError("framework '" + name_ + "' has no category '" + std::string(key_or_label) +
                      "'; its categories are: " + known);
}

std::optional<int> Framework::level_of(std::string_view label) const noexcept {
    const auto k = normalise_key(label);
    if (k.empty()) return std::nullopt;
    for (const auto& l : levels_)
        if (!l.label.empty() && normalise_key(l.label) == k) return l.value;
    return std::nullopt;
}

std::string Framework::describe_scale() const {
    std::string s = std::to_string(min_level()) + "–" + std::to_string(max_level());
    const bool labelled = std::all_of(levels_.begin(), levels_.end(), [](const Level& l) { return !l.label.empty(); });
    if (labelled) {
        s += " (";
        for (std::size_t i = 0; i < levels_.size(); ++i)
            s += (i ? ", " : "") + std::to_string(levels_[i].value) + " = " + levels_[i].label;
        s += ")";
    }
    return s;
}

}  // namespace hp::core
