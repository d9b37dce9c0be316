#pragma once
// Framework: a named set of ordinal categories scored on one scale (e.g. the Audit Commission's
// use-of-resources categories, 1–4). Scores are levels; levels may carry labels ("performing well").
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hp::core {

struct Category {
    std::string key;    ///< snake_case identifier, also the CSV column name: "financial_reporting"
    std::string label;  ///< display name: "Financial reporting"
};

struct Level {
    int value;          ///< the score
    std::string label;  ///< what the score means: "performing well"
};

class Framework {
public:
    /// A framework with categories scored on the consecutive levels in `levels` (ascending values,
    /// no gaps, unique case-insensitive labels). Throws DomainError on an incoherent definition.
    Framework(std::string name, std::vector<Category> categories, std::vector<Level> levels);
    /// Unlabelled levels lo..hi.
    Framework(std::string name, std::vector<Category> categories, int lo, int hi);

    /// Audit Commission use of resources (councils) / Auditors' Local Evaluation (NHS bodies):
    /// financial reporting, financial management, financial standing, internal control, value for money; 1–4.
    static Framework use_of_resources();
    /// Comprehensive Performance Assessment star rating, one category, 0–4 stars.
    static Framework cpa_star_rating();
    /// A built-in framework by name ("use_of_resources", "ale", "cpa_star_rating"); DomainError otherwise.
    static Framework builtin(std::string_view name);
    static std::vector<std::string> builtin_names();

    const std::string& name() const noexcept { return name_; }
    const std::vector<Category>& categories() const noexcept { return categories_; }
    const std::vector<Level>& levels() const noexcept { return levels_; }
    int min_level() const noexcept { return levels_.front().value; }
    int max_level() const noexcept { return levels_.back().value; }
    int n_levels() const noexcept { return static_cast<int>(levels_.size()); }
    std::size_t n_categories() const noexcept { return categories_.size(); }
    /// Highest possible total over all categories ("16 out of a possible 20").
    int max_total() const noexcept { return max_level() * static_cast<int>(categories_.size()); }

    bool on_scale(int v) const noexcept { return v >= min_level() && v <= max_level(); }
    /// Index of a category by key or label (case, spaces and underscores ignored), if any.
    std::optional<std::size_t> find_category(std::string_view key_or_label) const noexcept;
    /// As find_category, but throws DomainError naming the framework and its categories.
    std::size_t category_index(std::string_view key_or_label) const;
    /// The level a label denotes ("good" → 3), case-insensitive, if any.
    std::optional<int> level_of(std::string_view label) const noexcept;
    /// "1–4" or "1 (weak) – 4 (excellent)"; used in error messages.
    std::string describe_scale() const;

private:
    std::string name_;
    std::vector<Category> categories_;
    std::vector<Level> levels_;
};

/// "Financial reporting" → "financial_reporting": lower case, runs of non-alphanumerics become '_'.
std::string normalise_key(std::string_view text);

}  // namespace hp::core
