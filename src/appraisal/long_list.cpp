#include "healthyplaces/appraisal/long_list.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <tuple>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/core/framework.hpp"  // normalise_key

namespace hp::appraisal {

// Private helpers live in their own namespace: every source of the box compiles as one translation unit.
namespace options_detail {

using integration::Arrangement;
using integration::Budgets;
using integration::Governance;
using integration::Leadership;
using integration::LegalBasis;
using integration::Staff;

int rank(const Arrangement& a, ArrangementDimension d) noexcept {
    switch (d) {
        case ArrangementDimension::budgets: return static_cast<int>(a.budgets);
        case ArrangementDimension::staff: return static_cast<int>(a.staff);
        case ArrangementDimension::leadership: return static_cast<int>(a.leadership);
        case ArrangementDimension::governance: return static_cast<int>(a.governance);
        case ArrangementDimension::legal_basis: return static_cast<int>(a.legal_basis);
    }
    return 0;
}

std::string_view dimension_name(ArrangementDimension d) noexcept {
    constexpr std::string_view n[] = {"budgets", "staff", "leadership", "governance", "legal_basis"};
    return n[static_cast<int>(d)];
}

std::string_view value_name(ArrangementDimension d, int r) noexcept {
    switch (d) {
        case ArrangementDimension::budgets: return integration::to_string(static_cast<Budgets>(r));
        case ArrangementDimension::staff: return integration::to_string(static_cast<Staff>(r));
        case ArrangementDimension::leadership: return integration::to_string(static_cast<Leadership>(r));
        case ArrangementDimension::governance: return integration::to_string(static_cast<Governance>(r));
        case ArrangementDimension::legal_basis: return integration::to_string(static_cast<LegalBasis>(r));
    }
    return "?";
}

std::optional<int> parse_value(ArrangementDimension d, std::string_view s) noexcept {
    auto r = [](auto v) -> std::optional<int> {
        if (!v) return std::nullopt;
        return static_cast<int>(*v);
    };
    switch (d) {
        case ArrangementDimension::budgets: return r(integration::parse_budgets(s));
        case ArrangementDimension::staff: return r(integration::parse_staff(s));
        case ArrangementDimension::leadership: return r(integration::parse_leadership(s));
        case ArrangementDimension::governance: return r(integration::parse_governance(s));
        case ArrangementDimension::legal_basis:
            if (core::normalise_key(s).empty()) return std::nullopt;  // parse_legal_basis reads "" as none
            return r(integration::parse_legal_basis(s));
    }
    return std::nullopt;
}

// The words for each rank above separate (index 0 unused), in the order of the dimensions.
constexpr std::array<std::array<std::string_view, 4>, 5> kWords{{
    {"", "aligned budgets", "pooled budgets", "single budget"},
    {"", "seconded staff", "joint staff posts", "merged staff"},
    {"", "joint senior posts", "joint chief executive", "single leadership"},
    {"", "joint committee", "councillor-majority board", "single governing body"},
    {"", "section 75", "care trust", "public service trust"},
}};

struct PresetLabel {
    std::string_view key, label;
};
constexpr PresetLabel kPresetLabels[] = {
    {"closer_working", "closer working"},           {"swindon", "Swindon"},
    {"herefordshire", "Herefordshire"},             {"nlgn_proposal", "NLGN proposal"},
    {"torbay", "Torbay care trust"},                {"public_service_trust", "public service trust (full merger)"},
};

std::string_view preset_label(std::string_view key) noexcept {
    for (const auto& p : kPresetLabels)
        if (p.key == key) return p.label;
    return key;
}

// The tie order inside one integration level, and the do-minimum preference: the least formal change first
// (legal basis, then leadership, staff, budgets, governance), so a joint committee comes before aligned budgets,
// aligned budgets before secondments, ..., and a new legal basis last.
auto tie_key(const Arrangement& a) noexcept {
    return std::make_tuple(integration_level(a), static_cast<int>(a.legal_basis), static_cast<int>(a.leadership),
                           static_cast<int>(a.staff), static_cast<int>(a.budgets), static_cast<int>(a.governance));
}

bool at_least(const Arrangement& a, const Arrangement& b) noexcept {
    const auto c = integration::compare_integration(a, b);
    return c == std::partial_ordering::greater || c == std::partial_ordering::equivalent;
}

LongListOption make_option(Arrangement a, OptionKind kind) {
    LongListOption o;
    o.kind = kind;
    o.integration_level = integration_level(a);
    for (const auto& p : integration::arrangements::presets())
        if (p == a) o.preset = p.name;
    const std::string words = describe(a);
    std::string name = o.preset.empty() ? words : std::string(preset_label(o.preset));
    if (kind != OptionKind::option) name = std::string(to_string(kind)) + ": " + name;
    a.name = std::move(name);
    a.description = words;
    o.arrangement = std::move(a);
    return o;
}

struct BuiltIn {
    std::string_view key, reason;
};
constexpr BuiltIn kBuiltIns[] = {
    {"no_new_legal_body",
     "no new statutory body: a care trust or a public service trust takes a statutory process (consultation and an "
     "order) to create and another to dissolve, so an option that needs one the place does not already have fails"},
    {"reversible_within_two_years",
     "every step can be undone by agreement between the existing bodies within two years: aligned or pooled budgets "
     "under a section 75 agreement end under the agreement's own terms, secondments and joint posts return to their "
     "employers, joint committees and boards can be dissolved; a new legal body, staff merged into one employer (a "
     "TUPE transfer), a single budget, single leadership or a single governing body need another statutory process "
     "or staff transfer to undo, which the partners cannot promise within two years"},
    {"council_keeps_social_care_commissioning",
     "the council keeps commissioning adult social care: a care trust takes over the council's delegated social care "
     "functions (in Torbay the care trust runs them and its chief executive is the council's director of adult "
     "social services), so an option with a care trust the place does not already have fails; a public service "
     "trust folds the PCT into the council, which keeps them"},
    {"no_full_merger",
     "not a full merger: Herefordshire, having considered a public service trust, found 'governance and finance "
     "issues which just rule [it] out' (the green paper)"},
};

std::string known_factors() {
    std::string s;
    for (const auto& b : kBuiltIns) s += (s.empty() ? "" : ", ") + std::string(b.key);
    return s;
}

// "legal basis" -> legal_basis etc.; nullopt if not a dimension.
std::optional<ArrangementDimension> parse_dimension(std::string_view key) noexcept {
    for (int i = 0; i < 5; ++i) {
        const auto d = static_cast<ArrangementDimension>(i);
        if (key == dimension_name(d)) return d;
    }
    if (key == "budget") return ArrangementDimension::budgets;
    if (key == "legal") return ArrangementDimension::legal_basis;
    return std::nullopt;
}

std::string values_of(ArrangementDimension d) {
    std::string s;
    for (int r = 0; r < 4; ++r) s += (r ? ", " : "") + std::string(value_name(d, r));
    return s;
}

}  // namespace options_detail

std::string_view to_string(OptionKind k) noexcept {
    switch (k) {
        case OptionKind::business_as_usual: return "business as usual";
        case OptionKind::do_minimum: return "do minimum";
        case OptionKind::option: return "option";
    }
    return "?";
}

std::string describe(const integration::Arrangement& a) {
    using namespace options_detail;
    const int r[] = {static_cast<int>(a.budgets), static_cast<int>(a.staff), static_cast<int>(a.leadership),
                     static_cast<int>(a.governance), static_cast<int>(a.legal_basis)};
    std::string s;
    for (int d = 0; d < 5; ++d)
        if (r[d] > 0) s += (s.empty() ? "" : ", ") + std::string(kWords[d][r[d]]);
    return s.empty() ? "separate organisations" : s;
}

LongList long_list(const integration::Arrangement& current) {
    using namespace options_detail;
    integration::validate(current);
    LongList out;
    out.current = current;
    std::vector<Arrangement> ahead;  // coherent and at least as integrated as business as usual, not equal to it
    for (int b = 0; b < 4; ++b)
        for (int s = 0; s < 4; ++s)
            for (int l = 0; l < 4; ++l)
                for (int g = 0; g < 4; ++g)
                    for (int lb = 0; lb < 4; ++lb) {
                        Arrangement a{"", static_cast<Budgets>(b), static_cast<Staff>(s), static_cast<Leadership>(l),
                                      static_cast<Governance>(g), static_cast<LegalBasis>(lb), ""};
                        if (!integration::incoherences(a).empty()) continue;
                        ++out.coherent;
                        if (!at_least(a, current)) {
                            ++out.behind_current;
                            continue;
                        }
                        if (!(a == current)) ahead.push_back(a);
                    }
    std::sort(ahead.begin(), ahead.end(), [](const Arrangement& x, const Arrangement& y) {
        return tie_key(x) < tie_key(y);
    });
    out.options.push_back(make_option(current, OptionKind::business_as_usual));
    if (ahead.empty()) {
        out.do_minimum_rule =
            "none: business as usual is already a full merger (a public service trust), so there is no smaller step "
            "to take; the long list is business as usual alone";
        return out;
    }
    // Do minimum: the lowest level; then the step reaching the lowest rung (a first step on a dimension before a
    // second: aligned budgets before a councillor-majority board); then the least formal change (the tie order).
    auto reach = [&current](const Arrangement& a) {
        const int ra[] = {static_cast<int>(a.budgets), static_cast<int>(a.staff), static_cast<int>(a.leadership),
                          static_cast<int>(a.governance), static_cast<int>(a.legal_basis)};
        const int rc[] = {static_cast<int>(current.budgets), static_cast<int>(current.staff),
                          static_cast<int>(current.leadership), static_cast<int>(current.governance),
                          static_cast<int>(current.legal_basis)};
        int m = 0;
        for (int i = 0; i < 5; ++i)
            if (ra[i] > rc[i]) m = std::max(m, ra[i]);
        return m;
    };
    const auto dm_it = std::min_element(ahead.begin(), ahead.end(), [&](const Arrangement& x, const Arrangement& y) {
        return std::make_tuple(integration_level(x), reach(x), tie_key(x)) <
               std::make_tuple(integration_level(y), reach(y), tie_key(y));
    });
    const Arrangement dm = *dm_it;
    ahead.erase(dm_it);
    out.options.push_back(make_option(dm, OptionKind::do_minimum));
    std::string step;
    const int d[] = {static_cast<int>(dm.budgets) - static_cast<int>(current.budgets),
                     static_cast<int>(dm.staff) - static_cast<int>(current.staff),
                     static_cast<int>(dm.leadership) - static_cast<int>(current.leadership),
                     static_cast<int>(dm.governance) - static_cast<int>(current.governance),
                     static_cast<int>(dm.legal_basis) - static_cast<int>(current.legal_basis)};
    const int r[] = {static_cast<int>(dm.budgets), static_cast<int>(dm.staff), static_cast<int>(dm.leadership),
                     static_cast<int>(dm.governance), static_cast<int>(dm.legal_basis)};
    for (int i = 0; i < 5; ++i)
        if (d[i] > 0) step += (step.empty() ? "" : ", ") + std::string(kWords[i][r[i]]);
    out.do_minimum_rule =
        "business as usual plus the smallest coherent step up (" + step +
        "): the lowest integration level above business as usual, a first rung on a dimension before a second, "
        "and a step in governance first (a joint committee: the green paper's lowest rung, 'closer working', which "
        "moves no money, staff or powers), then budgets, staff, leadership and lastly the legal basis; the green "
        "paper's 'incremental approach', kept with business as usual as a comparator (HM Treasury Green Book)";
    for (std::size_t i = 0; i < ahead.size(); ++i) out.options.push_back(make_option(ahead[i], OptionKind::option));
    return out;
}

std::vector<CriticalSuccessFactor> critical_success_factors() {
    std::vector<CriticalSuccessFactor> out;
    for (const auto& b : options_detail::kBuiltIns)
        out.push_back({std::string(b.key), std::string(b.reason), false, ArrangementDimension::budgets, true, 0});
    return out;
}

CriticalSuccessFactor critical_success_factor(std::string_view key_or_limit, std::string reason) {
    using namespace options_detail;
    // "<=" and ">=" read as words before the key is normalised (which would drop them).
    std::string text(key_or_limit);
    for (auto [sym, word] : {std::pair<std::string_view, std::string_view>{"<=", " at most "}, {">=", " at least "}})
        for (std::size_t p; (p = text.find(sym)) != std::string::npos;) text.replace(p, sym.size(), word);
    const std::string key = core::normalise_key(text);
    for (const auto& b : kBuiltIns)
        if (key == b.key)
            return {std::string(b.key), reason.empty() ? std::string(b.reason) : std::move(reason), false,
                    ArrangementDimension::budgets, true, 0};
    for (std::string_view rel : {"_at_most_", "_at_least_"}) {
        const auto p = key.find(rel);
        if (p == std::string::npos) continue;
        const auto dim = parse_dimension(std::string_view(key).substr(0, p));
        const std::string value = key.substr(p + rel.size());
        if (!dim)
            throw DomainError("critical success factor '" + std::string(key_or_limit) + "': '" + key.substr(0, p) +
                              "' is not a dimension; dimensions: budgets, staff, leadership, governance, "
                              "legal_basis");
        const auto r = parse_value(*dim, value);
        if (!r)
            throw DomainError("critical success factor '" + std::string(key_or_limit) + "': '" + value +
                              "' is not a " + std::string(dimension_name(*dim)) + " value; values: " +
                              values_of(*dim));
        const bool most = rel == "_at_most_";
        CriticalSuccessFactor f;
        f.key = std::string(dimension_name(*dim)) + (most ? " at most " : " at least ") +
                std::string(value_name(*dim, *r));
        f.reason = reason.empty() ? "a limit set by the partners: " + f.key : std::move(reason);
        f.is_limit = true;
        f.dimension = *dim;
        f.at_most = most;
        f.rank = *r;
        return f;
    }
    throw DomainError("critical success factor '" + std::string(key_or_limit) + "' is not known; built-in factors: " +
                      known_factors() +
                      "; or a limit on a dimension such as 'budgets at most pooled' or 'leadership at least "
                      "joint_posts' (dimensions: budgets, staff, leadership, governance, legal_basis)");
}

std::string fails(const CriticalSuccessFactor& f, const integration::Arrangement& o,
                  const integration::Arrangement& current) {
    using namespace options_detail;
    if (f.is_limit) {
        // A factor built by hand in C++ may carry any numbers: refuse rather than index past the names.
        if (static_cast<int>(f.dimension) > 4 || f.rank < 0 || f.rank > 3)
            throw DomainError("critical success factor '" + f.key +
                              "': a limit needs a dimension 0-4 and a rank 0-3 (build it with critical_success_factor)");
        const int r = rank(o, f.dimension);
        if (f.at_most ? r <= f.rank : r >= f.rank) return "";
        return std::string(dimension_name(f.dimension)) + " " + std::string(value_name(f.dimension, r)) + " is " +
               (f.at_most ? "beyond " : "short of ") + std::string(value_name(f.dimension, f.rank));
    }
    const bool new_care_trust = o.legal_basis == LegalBasis::care_trust && current.legal_basis != LegalBasis::care_trust;
    const bool new_pst = o.legal_basis == LegalBasis::public_service_trust &&
                         current.legal_basis != LegalBasis::public_service_trust;
    if (f.key == "no_new_legal_body") {
        if (new_care_trust) return "creates a care trust";
        if (new_pst) return "creates a public service trust";
        return "";
    }
    if (f.key == "reversible_within_two_years") {
        std::string why;
        auto add = [&why](bool bad, std::string_view what) {
            if (bad) why += (why.empty() ? "" : ", ") + std::string(what);
        };
        add(new_care_trust, "creates a care trust");
        add(new_pst, "creates a public service trust");
        add(o.staff == Staff::merged && current.staff != Staff::merged, "merges staff into one employer (TUPE)");
        add(o.budgets == Budgets::single && current.budgets != Budgets::single, "makes a single budget");
        add(o.leadership == Leadership::single && current.leadership != Leadership::single, "makes single leadership");
        add(o.governance == Governance::single_body && current.governance != Governance::single_body,
            "makes a single governing body");
        return why;
    }
    if (f.key == "council_keeps_social_care_commissioning")
        return new_care_trust ? "a care trust takes over the council's adult social care" : "";
    if (f.key == "no_full_merger")
        return o.legal_basis == LegalBasis::public_service_trust ? "is a full merger (a public service trust)" : "";
    throw DomainError("critical success factor '" + f.key + "' is not known; built-in factors: " + known_factors());
}

ShortList shortlist(const LongList& list, const std::vector<CriticalSuccessFactor>& factors) {
    for (std::size_t i = 0; i < factors.size(); ++i) {
        if (!factors[i].is_limit) (void)fails(factors[i], list.current, list.current);  // an unknown key throws here
        for (std::size_t j = 0; j < i; ++j)
            if (factors[j].key == factors[i].key)
                throw DomainError("critical success factor '" + factors[i].key + "' is given twice (factors " +
                                  std::to_string(j) + " and " + std::to_string(i) + ")");
    }
    ShortList out;
    out.long_list = list;
    out.factors = factors;
    for (std::size_t k = 0; k < list.options.size(); ++k) {
        const auto& o = list.options[k];
        FilterRow row;
        row.option = k;
        std::string first;
        for (std::size_t i = 0; i < factors.size(); ++i) {
            std::string why = fails(factors[i], o.arrangement, list.current);
            if (why.empty()) continue;
            if (row.fails.empty()) first = std::move(why);
            row.fails.push_back(static_cast<int>(i));
        }
        const bool comparator = o.kind != OptionKind::option;
        if (!row.fails.empty()) {
            if (comparator) {
                row.reason = first + "; kept: " + std::string(to_string(o.kind)) +
                             " is a comparator on every short list (HM Treasury Green Book)";
            } else {
                row.kept = false;
                row.dropped_by = row.fails.front();
                row.reason = std::move(first);
            }
        }
        out.rows.push_back(std::move(row));
    }
    return out;
}

ShortList shortlist(const LongList& list, const std::vector<std::string>& factors) {
    std::vector<CriticalSuccessFactor> fs;
    fs.reserve(factors.size());
    for (const auto& k : factors) fs.push_back(critical_success_factor(k));
    return shortlist(list, fs);
}

std::vector<LongListOption> short_list(const ShortList& s) {
    std::vector<LongListOption> out;
    for (const auto& r : s.rows)
        if (r.kept) out.push_back(s.long_list.options[r.option]);
    return out;
}

}  // namespace hp::appraisal
