#pragma once
// ScoreTable: organisations × categories of one framework, validated once on construction so that every
// analysis can trust it. Missing scores are NaN in the matrix (the documented policy) and std::nullopt
// through score(); nothing else that is not a level on the scale can get in.
#include <algorithm>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <optional>
#include <span>
#include <utility>
#include <string>
#include <string_view>
#include <vector>

#include <Eigen/Core>

#include "healthyplaces/core/area.hpp"
#include "healthyplaces/core/framework.hpp"
#include "healthyplaces/core/organisation.hpp"

namespace hp::core {

namespace detail {
/// A hash index of keys held elsewhere (an organisation's code, an area's name): it stores only ids, so it needs no
/// copy of the keys, stays valid when its owner is copied or moved, and a lookup allocates nothing. `key_of(id)`
/// gives the key of an id. Open addressing, at most half full.
class KeyIndex {
public:
    static constexpr std::size_t none = static_cast<std::size_t>(-1);

    void reserve(std::size_t n) {
        std::size_t cap = 8;
        while (cap < 2 * n) cap *= 2;
        slots_.assign(cap, Slot{});
        size_ = 0;
    }
    /// Adds id under its key; returns the id already there when the key is taken (and adds nothing), else none.
    template <class KeyOf>
    std::size_t insert(std::size_t id, KeyOf&& key_of) {
        if (id >= kEmpty) throw std::length_error("KeyIndex: more than 2^32 - 2 keys");
        if (2 * (size_ + 1) > slots_.size()) grow(key_of);
        const std::string_view key = key_of(id);
        const std::uint32_t h = hash(key);
        for (std::size_t i = h & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
            auto& s = slots_[i];
            if (s.id == kEmpty) {
                s = {h, static_cast<std::uint32_t>(id)};
                ++size_;
                return none;
            }
            if (s.hash == h && key_of(std::size_t{s.id}) == key) return s.id;
        }
    }
    /// The id whose key is `key`, or none.
    template <class KeyOf>
    std::size_t find(std::string_view key, KeyOf&& key_of) const noexcept {
        if (slots_.empty()) return none;
        const std::uint32_t h = hash(key);
        for (std::size_t i = h & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
            const auto& s = slots_[i];
            if (s.id == kEmpty) return none;
            if (s.hash == h && key_of(std::size_t{s.id}) == key) return s.id;
        }
    }

private:
    // The hash is kept beside the id so that a probe past another key compares numbers, not the key held
    // elsewhere (which would be a cache miss on a large table).
    // 32 bits of each: half the memory, so more of a large table stays in cache (ids past 2^32 - 2 are refused).
    struct Slot {
        std::uint32_t hash = 0;
        std::uint32_t id = kEmpty;
    };
    static constexpr std::uint32_t kEmpty = 0xFFFFFFFFu;
    static std::uint32_t hash(std::string_view key) noexcept {
        return static_cast<std::uint32_t>(std::hash<std::string_view>{}(key));
    }
    template <class KeyOf>
    void grow(KeyOf& key_of) {
        std::vector<Slot> old(std::move(slots_));
        reserve(std::max<std::size_t>(8, old.size()));  // twice the ids the old table could hold
        for (const auto& s : old)
            if (s.id != kEmpty) insert(s.id, key_of);
    }
    std::vector<Slot> slots_;
    std::size_t size_ = 0;
};
}  // namespace detail

/// Row-major so that one organisation's scores are contiguous and numpy sees the familiar C layout.
using ScoreMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

class ScoreTable {
public:
    /// Throws DataError naming organisation and category when a score is off the scale, not an integer,
    /// or infinite; when codes repeat; when the matrix shape does not match; when an area names an
    /// unknown organisation or pairs two bodies of the same sector; DomainError when the table is empty.
    ScoreTable(Framework framework, std::vector<Organisation> organisations, ScoreMatrix scores,
               std::vector<Area> areas = {});

    const Framework& framework() const noexcept { return framework_; }
    const std::vector<Organisation>& organisations() const noexcept { return organisations_; }
    const std::vector<Area>& areas() const noexcept { return areas_; }
    const ScoreMatrix& scores() const noexcept { return scores_; }
    std::size_t n_organisations() const noexcept { return organisations_.size(); }
    std::size_t n_categories() const noexcept { return framework_.n_categories(); }

    std::optional<int> score(std::size_t organisation, std::size_t category) const;
    std::optional<int> score(std::string_view code, std::string_view category) const;
    /// Row of an organisation by code; DomainError if absent. Constant time (a hash index built on
    /// construction), so a loop over the areas of a million-row table stays linear.
    std::size_t index_of(std::string_view code) const;
    std::optional<std::size_t> find(std::string_view code) const noexcept;
    const Organisation& organisation(std::string_view code) const { return organisations_[index_of(code)]; }

    /// The area an organisation belongs to, if any (constant time).
    const Area* area_of(std::string_view code) const noexcept;
    /// The rows of area k's council and NHS body (areas()[k]); DomainError when k is out of range.
    std::pair<std::size_t, std::size_t> area_rows(std::size_t k) const;

    /// A table with only the given rows (areas kept when both members are kept).
    ScoreTable subset(std::span<const std::size_t> rows) const;

private:
    Framework framework_;
    std::vector<Organisation> organisations_;
    ScoreMatrix scores_;
    std::vector<Area> areas_;
    detail::KeyIndex row_of_code_;   ///< organisation code -> row
    std::vector<std::size_t> area_of_row_;  ///< row -> index in areas_, or KeyIndex::none
    std::vector<std::pair<std::size_t, std::size_t>> area_rows_;  ///< per area: council row, NHS body row
};

/// An organisation's total over its scored categories against the maximum for those categories.
struct TotalScore {
    int total = 0;
    int maximum = 0;       ///< max level × number of scored categories
    int n_scored = 0;
    int n_missing = 0;
    bool complete() const noexcept { return n_missing == 0; }
};

TotalScore total_score(const ScoreTable& table, std::size_t organisation);

}  // namespace hp::core
