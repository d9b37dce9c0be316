#include "healthyplaces/appraisal/place.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/evaluation/power_stepped_wedge.hpp"

namespace hp::appraisal {

// Private helpers carry the part's name: the box compiles as one translation unit. The arithmetic below keeps the
// order of operations of the Python rules it replaced, so the numbers are the same to the last bit.
namespace place_detail {

constexpr const char* who = "for_place: ";

// Python's repr of a float, as the facts' messages always said: the shortest text that reads back the same.
std::string repr(double x) {
    if (std::isnan(x)) return "nan";
    if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
    std::array<char, 32> buf{};
    const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), x);
    return std::string(buf.data(), r.ptr);
}

void check_range(double value, const char* name, double low, double high, const char* low_text,
                 const char* high_text) {
    if (!(std::isfinite(value) && low <= value && value <= high))
        throw DomainError(std::string(who) + name + " must be a finite number in [" + low_text + ", " + high_text +
                          "], got " + repr(value));
}

struct Ranks {
    std::array<int, 5> r{};  // budgets, staff, leadership, governance, legal basis
    int sum() const { return r[0] + r[1] + r[2] + r[3] + r[4]; }
};

Ranks ranks(const integration::Arrangement& a) {
    return {{static_cast<int>(a.budgets), static_cast<int>(a.staff), static_cast<int>(a.leadership),
             static_cast<int>(a.governance), static_cast<int>(a.legal_basis)}};
}

double clip(double x) { return std::min(10.0, std::max(0.0, x)); }

// Short words for each rank above separate, in the order of the dimensions: the long list's words shortened.
constexpr std::array<std::array<const char*, 4>, 5> short_words{{
    {"", "aligned budgets", "pooled budgets", "single budget"},
    {"", "seconded staff", "joint staff", "merged staff"},
    {"", "joint senior posts", "joint chief executive", "single leadership"},
    {"", "joint committee", "councillor board", "single board"},
    {"", "section 75", "care trust", "public service trust"},
}};

std::string changes(const integration::Arrangement& a, const integration::Arrangement& current) {
    const auto now = ranks(current), r = ranks(a);
    std::string out;
    for (int d = 0; d < 5; ++d) {
        if (r.r[d] == now.r[d] || r.r[d] <= 0) continue;
        if (!out.empty()) out += ", ";
        out += short_words[d][r.r[d]];
    }
    return out.empty() ? "no change" : out;
}

}  // namespace place_detail

std::string_view to_string(Blend b) noexcept {
    switch (b) {
        case Blend::compatible: return "compatible";
        case Blend::council_stronger: return "complementary (council stronger)";
        case Blend::nhs_stronger: return "complementary (NHS body stronger)";
        case Blend::unknown: break;
    }
    return "unknown";
}

Blend parse_blend(std::string_view words) {
    for (const auto b : {Blend::unknown, Blend::compatible, Blend::council_stronger, Blend::nhs_stronger})
        if (words == to_string(b)) return b;
    throw DomainError(std::string(place_detail::who) + "blend must be 'unknown', 'compatible', 'complementary "
                      "(council stronger)' or 'complementary (NHS body stronger)', got '" + std::string(words) + "'");
}

Blend blend_of(double council_score, double nhs_score) noexcept {
    if (std::isnan(council_score) || std::isnan(nhs_score)) return Blend::unknown;
    if (council_score - nhs_score > place_blend_gap) return Blend::council_stronger;
    if (nhs_score - council_score > place_blend_gap) return Blend::nhs_stronger;
    return Blend::compatible;
}

void validate(const PlaceFacts& f) {
    using place_detail::check_range;
    check_range(f.population, "population", 1.0, HUGE_VAL, "1", "inf");
    check_range(f.over_80_share, "over_80_share", 0.0, 1.0, "0", "1");
    check_range(f.over_80_growth, "over_80_growth", -1.0, 10.0, "-1", "10");
    check_range(f.pooled_spend, "pooled_spend", 0.0, 1e15, "0", "1e+15");
    check_range(f.nhs_deficit, "nhs_deficit", 0.0, 1e15, "0", "1e+15");
    check_range(f.coterminosity, "coterminosity", 0.0, 1.0, "0", "1");
    if (std::isnan(f.council_score) != std::isnan(f.nhs_score))
        throw DomainError(std::string(place_detail::who) + "council_score and nhs_score must both be known or both "
                          "NaN (not in the scores), got " + place_detail::repr(f.council_score) + " and " +
                          place_detail::repr(f.nhs_score));
    if (!std::isnan(f.council_score)) {
        check_range(f.council_score, "council_score", 0.0, 1.0, "0", "1");
        check_range(f.nhs_score, "nhs_score", 0.0, 1.0, "0", "1");
    }
    if (f.blend != blend_of(f.council_score, f.nhs_score))
        throw DomainError(std::string(place_detail::who) + "blend '" + std::string(to_string(f.blend)) +
                          "' is not the scores' (" + place_detail::repr(f.council_score) + " and " +
                          place_detail::repr(f.nhs_score) + ": " +
                          std::string(to_string(blend_of(f.council_score, f.nhs_score))) + ")");
}

PlaceFacts place_facts(const PlaceEvidence& e) {
    PlaceFacts f;
    f.area = e.area;
    auto& src = f.sources;
    if (!e.scores_source.empty()) {
        f.council = e.council;
        f.nhs_body = e.nhs_body;
        f.council_score = e.council_total / e.council_max;
        f.nhs_score = e.nhs_total / e.nhs_max;
        f.coterminosity = std::isnan(e.coterminosity) ? 1.0 : e.coterminosity;
        for (const char* k : {"council", "nhs_body", "council_score", "nhs_score", "blend", "coterminosity"})
            src[k] = e.scores_source;
    } else {
        for (const char* k : {"council_score", "nhs_score", "blend"})
            src[k] = "unknown: " + e.area + " is not in the scores";
        src["coterminosity"] = "assumption (coterminous)";
    }
    f.blend = blend_of(f.council_score, f.nhs_score);
    const bool is_case = !e.case_source.empty();

    if (e.current) {
        f.current = *e.current;
        src["current"] = "you";
    } else if (is_case && e.case_arrangement) {
        f.current = *e.case_arrangement;
        f.current.name = e.area + " today";
        src["current"] = e.case_source;
    } else {
        f.current = integration::Arrangement{};
        f.current.name = "separate";
        src["current"] = "assumption (separate organisations)";
    }
    if (e.population) {
        f.population = *e.population;
        src["population"] = "you";
    } else if (is_case && !std::isnan(e.case_population)) {
        f.population = e.case_population;
        src["population"] = e.case_source;
    } else {
        f.population = place_default_population;
        src["population"] = "assumption";
    }
    if (e.over_80_share) {
        f.over_80_share = *e.over_80_share;
        src["over_80_share"] = "you";
    } else if (is_case && !std::isnan(e.case_over_80_share)) {
        f.over_80_share = e.case_over_80_share;
        src["over_80_share"] = e.case_source;
    } else {
        if (std::isnan(e.england_over_80_share))
            throw DomainError(std::string(place_detail::who) + "the share over 80 of " + e.area +
                              " is not known: give over_80_share (England's estimate was not given either)");
        f.over_80_share = e.england_over_80_share;
        src["over_80_share"] = e.england_source;
    }
    if (e.over_80_growth) {
        f.over_80_growth = *e.over_80_growth;
        src["over_80_growth"] = "you";
    } else {
        f.over_80_growth = place_over_80_growth;
        src["over_80_growth"] = "assumption";
    }
    // the user's figures are checked in the order they are listed, before a default is derived from them
    place_detail::check_range(f.population, "population", 1.0, HUGE_VAL, "1", "inf");
    if (e.over_80_share) place_detail::check_range(f.over_80_share, "over_80_share", 0.0, 1.0, "0", "1");
    if (e.over_80_growth) place_detail::check_range(f.over_80_growth, "over_80_growth", -1.0, 10.0, "-1", "10");
    if (e.pooled_spend) {
        f.pooled_spend = *e.pooled_spend;
        src["pooled_spend"] = "you";
    } else {
        f.pooled_spend = f.population * place_spend_per_resident;
        src["pooled_spend"] = "assumption (£600 a resident)";
    }
    if (e.nhs_deficit) {
        f.nhs_deficit = *e.nhs_deficit;
        src["nhs_deficit"] = "you";
    } else {
        f.nhs_deficit = 0.0;
        src["nhs_deficit"] = "assumption (none)";
    }
    validate(f);
    return f;
}

std::vector<int> place_short_list(const std::vector<LongListOption>& kept, int most) {
    if (most < 3 || most > 12)
        throw DomainError(std::string(place_detail::who) + "options must be a finite number in [3, 12], got " +
                          std::to_string(most));
    std::vector<int> first, rest;
    for (std::size_t i = 0; i < kept.size(); ++i) {
        const auto& o = kept[i];
        const auto& a = o.arrangement;
        if (o.kind != OptionKind::option)
            first.push_back(static_cast<int>(i));
        else if (!o.preset.empty() ||
                 (a.budgets == integration::Budgets::pooled && a.legal_basis == integration::LegalBasis::section_75))
            rest.push_back(static_cast<int>(i));
    }
    std::vector<int> out = first;
    if (first.size() + rest.size() <= static_cast<std::size_t>(most)) {
        out.insert(out.end(), rest.begin(), rest.end());
        return out;
    }
    // the ends of the range of integration and an even spread between: numpy's linspace(0, n − 1, take) rounded
    // half to even (nearbyint in the default rounding mode), duplicates dropped
    const int take = most - static_cast<int>(first.size());
    const double stop = static_cast<double>(rest.size() - 1);
    std::vector<int> idx;
    for (int i = 0; i < take; ++i) {
        const double x = take == 1 ? 0.0 : (i == take - 1 ? stop : i * (stop / (take - 1)));
        const int k = static_cast<int>(std::nearbyint(x));
        if (std::find(idx.begin(), idx.end(), k) == idx.end()) idx.push_back(k);
    }
    std::sort(idx.begin(), idx.end());
    for (const int k : idx) out.push_back(rest[static_cast<std::size_t>(k)]);
    return out;
}

std::string place_option_label(const LongListOption& option, const integration::Arrangement& current) {
    switch (option.kind) {
        case OptionKind::business_as_usual: return "business as usual";
        case OptionKind::do_minimum: return "do minimum (" + place_detail::changes(option.arrangement, current) + ")";
        case OptionKind::option: break;
    }
    if (!option.preset.empty()) return option.arrangement.name;  // the green paper's own arrangement, by its name
    return place_detail::changes(option.arrangement, current);
}

PlacePerformances place_performances(const PlaceFacts& facts, const std::vector<integration::Arrangement>& options) {
    using place_detail::clip;
    validate(facts);
    double fm_factor = 1.0;
    if (facts.blend == Blend::council_stronger)  // continuous with the compatible blend's 1.0 at the boundary
        fm_factor = 1.0 + place_council_uplift *
                              (std::min(facts.council_score - facts.nhs_score, place_full_gap) - place_blend_gap) /
                              (place_full_gap - place_blend_gap);
    else if (facts.blend == Blend::nhs_stronger)
        fm_factor = place_nhs_stronger_factor;
    const double ageing = facts.over_80_share * (1 + facts.over_80_growth) /
                          (england_over_80_share * (1 + place_over_80_growth));
    const double com_factor = std::min(1.4, std::max(0.6, 0.5 + 0.5 * ageing));
    const double deficit_factor =
        facts.pooled_spend != 0 ? 1.0 + 0.5 * std::min(1.0, 20.0 * facts.nhs_deficit / facts.pooled_spend) : 1.0;
    const auto now = place_detail::ranks(facts.current);

    PlacePerformances out;
    out.criteria = green_paper_criteria();
    for (const auto& a : options) {
        const auto rk = place_detail::ranks(a);
        const double b = rk.r[0] / 3.0, s = rk.r[1] / 3.0, l = rk.r[2] / 3.0, g = rk.r[3] / 3.0, lb = rk.r[4] / 3.0;
        const bool new_body = rk.r[4] >= 2 && rk.r[4] > now.r[4];
        const bool care_trust = a.legal_basis == integration::LegalBasis::care_trust;
        const double fm = 10 * (0.45 * b + 0.35 * l + 0.2 * g) * fm_factor;
        const double com = 10 * (0.5 * b + 0.25 * s + 0.25 * l) * com_factor;
        const double cc = 10 * (0.4 * s + 0.3 * g + 0.3 * l) * facts.coterminosity;
        const double gov = 10 * (0.45 * lb + 0.35 * b + 0.2 * g) * deficit_factor;
        const int level = rk.sum() - now.sum();
        const double dis = 10.0 * level / 15 * (new_body ? 1.25 : 1.0);
        const double acc = 1.0 + (care_trust ? 6.0 : 0.0) + (rk.r[0] == 3 && rk.r[4] != 3 ? 1.0 : 0.0);
        out.options.push_back(a.name);
        out.performances.push_back({
            Performance::range(clip(0.75 * fm), clip(1.25 * fm)),
            Performance::range(clip(0.75 * com), clip(1.25 * com)),
            Performance::range(clip(0.8 * cc), clip(1.2 * cc)),
            Performance::range(clip(0.7 * gov), clip(1.3 * gov)),
            Performance::range(clip(0.7 * dis), dis > 0 ? clip(1.3 * dis) : 0.5),
            Performance::range(clip(acc - 1.5), clip(acc + 1.5)),
        });
    }
    return out;
}

PlaceAmounts place_amounts(const PlaceFacts& facts, const integration::Arrangement& option) {
    validate(facts);
    const auto now = place_detail::ranks(facts.current), r = place_detail::ranks(option);
    const int db = r.r[0] - now.r[0], ds = r.r[1] - now.r[1], dl = r.r[2] - now.r[2], dg = r.r[3] - now.r[3],
              dlb = r.r[4] - now.r[4];
    const double S = facts.pooled_spend;
    const double depth = 0.1 * dl + 0.1 * dg + 0.1 * db;
    const double intensity = (0.5 * db + 0.25 * ds + 0.25 * dl) / 3.0;
    const double over_80 = facts.population * facts.over_80_share * (1 + facts.over_80_growth / 2);
    PlaceAmounts m;
    m.restructuring = S * (0.002 * db + 0.003 * ds + 0.002 * dl + 0.001 * dg + 0.004 * dlb);
    m.restructuring_years = 1 + (dlb != 0 && r.r[4] >= 2 ? 1 : 0) + (ds >= 2 ? 1 : 0);
    m.running = S * 0.0004 * (dg + dl);
    m.posts = S * 0.002 * (dl + 0.5 * ds);
    m.deficit = depth > 0 ? facts.nhs_deficit * std::min(depth, 0.8) : 0.0;
    m.recovered = place_deficit_recovered * (facts.blend == Blend::council_stronger ? 1.3 : 1.0);
    m.bed_days = intensity > 0 ? over_80 * place_bed_day_cost * intensity : 0.0;
    return m;
}

std::vector<finance::Flow> place_flows(const PlaceFacts& facts, const integration::Arrangement& option) {
    using finance::FlowKind;
    using finance::Uncertain;
    const auto m = place_amounts(facts, option);
    const std::string& name = option.name;
    std::vector<finance::Flow> out;
    if (m.restructuring > 0) {
        const double mode = m.restructuring;
        out.push_back({"restructuring: " + name, FlowKind::one_off_cost,
                       Uncertain::triangular(0.6 * mode, mode, 2.0 * mode), 0, -1, m.restructuring_years, 0.0});
    }
    if (m.running > 0)
        out.push_back({"joint running costs: " + name, FlowKind::running_cost,
                       Uncertain::normal(m.running, 0.2 * m.running), 1, -1, 1, 0.0});
    if (m.posts > 0)
        out.push_back({"shared management posts: " + name, FlowKind::saving,
                       Uncertain::normal(m.posts, 0.3 * m.posts), 1, -1, 1, 0.0});
    if (m.deficit > 0)
        out.push_back({"NHS deficit recovered", FlowKind::prevention,
                       Uncertain::beta(m.recovered, place_deficit_recovered_sd), 2, -1, 1, m.deficit});
    if (m.bed_days > 0)
        out.push_back({"bed days saved per person over 80", FlowKind::prevention,
                       Uncertain::normal(place_bed_days_mean, place_bed_days_sd), 2, -1, 1, m.bed_days});
    return out;
}

OptimismBias place_optimism_bias() { return optimism_bias({{place_project_type, 1.0}}, place_mitigation); }

std::vector<Option> place_options(const PlaceFacts& facts, const std::vector<integration::Arrangement>& options,
                                  const OptimismBias& bias) {
    if (options.empty()) throw DomainError(std::string(place_detail::who) + "there must be at least one option");
    std::vector<Option> out;
    for (std::size_t i = 0; i < options.size(); ++i)
        out.push_back({options[i].name, place_flows(facts, options[i]), i == 0 ? OptimismBias{} : bias, {}});
    return out;
}

int place_staged_option(int preferred_in_money, const std::vector<std::vector<double>>& rank_acceptability) {
    const int n = static_cast<int>(rank_acceptability.size());
    if (preferred_in_money < 0 || preferred_in_money >= n)
        throw DomainError(std::string(place_detail::who) + "the option preferred in money must be one of the " +
                          std::to_string(n) + " options, got index " + std::to_string(preferred_in_money));
    if (preferred_in_money != 0) return preferred_in_money;
    int first = 0;
    for (int i = 0; i < n; ++i) {
        if (rank_acceptability[i].empty())
            throw DomainError(std::string(place_detail::who) + "rank acceptabilities must have a first rank");
        if (rank_acceptability[i][0] > rank_acceptability[first][0]) first = i;
    }
    return first != 0 ? first : n - 1;
}

PlaceStaging place_staging(const PlaceFacts& facts, const integration::Arrangement& option, const OptimismBias& bias,
                           int horizon, double rate) {
    const auto m = place_amounts(facts, option);
    // the flows' means with optimism bias, in the tree's terms (staging.hpp): the triangular's mean
    // (0.6 + 1 + 2) / 3 × mode raised by the capital uplift, the running costs by the operating uplift
    const double restructuring = m.restructuring * (0.6 + 1.0 + 2.0) / 3.0 * (1 + bias.capital);
    const double net_running = m.running * (1 + bias.operating) - m.posts - m.deficit * m.recovered;
    const double value = std::max(m.bed_days, 1.0);
    PlaceStaging out;
    out.known_savings = std::max(0.0, -net_running);
    out.net_running = net_running;
    // a net saving of k a year from year 1 has the effect's timing (lag 1): counted as k / V more effect; the pilot
    // measures θ, so its estimate moves by the same known amount and its standard error is unchanged
    out.prior = finance::Uncertain::normal(place_bed_days_mean + out.known_savings / value, place_bed_days_sd);
    out.model.scale = EffectScale::per_year;
    out.model.value_per_unit = value;
    out.model.horizon = horizon;
    out.model.lag = 1;
    out.model.restructuring_cost = restructuring;
    out.model.running_cost = std::max(net_running, 0.0);
    out.model.pilot_years = place_pilot_years;
    out.model.pilot_cost = place_pilot_cost_share * facts.pooled_spend * 0.5;
    out.model.discounting.rate = rate;
    return out;
}

PilotDesign place_pilot() {
    PilotDesign p;
    p.kind = PilotDesignKind::stepped_wedge;
    p.design = evaluation::stepped_wedge_design(place_pilot_steps, place_pilot_clusters_per_step,
                                                place_pilot_baseline_periods);
    p.cluster_size = place_pilot_cluster_size;
    p.stepped_wedge.sigma = place_pilot_sd;
    p.stepped_wedge.icc = place_pilot_icc;
    return p;
}

std::string_view to_string(RestructuringFinding f) noexcept {
    switch (f) {
        case RestructuringFinding::stays_preferred: return "stays_preferred";
        case RestructuringFinding::only_below: return "only_below";
        case RestructuringFinding::stays_below: return "stays_below";
        case RestructuringFinding::none: break;
    }
    return "none";
}

RestructuringFinding place_restructuring_finding(const SwitchingValue& sv, bool most_is_preferred,
                                                 const std::string& most) {
    if (!sv.found) return most_is_preferred ? RestructuringFinding::stays_preferred : RestructuringFinding::none;
    if (!most_is_preferred && sv.takes_over == most && sv.value < sv.mean) return RestructuringFinding::only_below;
    if (most_is_preferred && sv.value > sv.mean) return RestructuringFinding::stays_below;
    return RestructuringFinding::none;
}

}  // namespace hp::appraisal
