// For a place (include/healthyplaces/appraisal/place.hpp): the facts' precedence and validation, the short list,
// the criteria performances, the options' flows and the staged decision's inputs; and the population value of
// information (value_of_information.hpp). hp.appraisal.for_place (python/healthyplaces/appraisal/_place.py)
// gathers the facts from the datasets and shapes the results. Every call is quick: no interrupt guard.
#include "box.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

namespace {
namespace ha = hp::appraisal;
namespace hi = hp::integration;

// The Python PlaceFacts dataclass (or any object with its fields) as the C++ struct; validated by the callee.
ha::PlaceFacts place_facts_of(const py::object& f) {
    ha::PlaceFacts out;
    out.area = f.attr("area").cast<std::string>();
    out.council = f.attr("council").cast<std::string>();
    out.nhs_body = f.attr("nhs_body").cast<std::string>();
    out.council_score = f.attr("council_score").cast<double>();
    out.nhs_score = f.attr("nhs_score").cast<double>();
    out.blend = ha::parse_blend(f.attr("blend").cast<std::string>());
    out.coterminosity = f.attr("coterminosity").cast<double>();
    out.current = f.attr("current").cast<hi::Arrangement>();
    out.population = f.attr("population").cast<double>();
    out.over_80_share = f.attr("over_80_share").cast<double>();
    out.over_80_growth = f.attr("over_80_growth").cast<double>();
    out.pooled_spend = f.attr("pooled_spend").cast<double>();
    out.nhs_deficit = f.attr("nhs_deficit").cast<double>();
    return out;
}

ha::OptimismBias place_bias_of(const std::tuple<double, double, double>& b) {
    return {std::get<0>(b), std::get<1>(b), std::get<2>(b)};
}

ha::OptionKind place_kind_of(const std::string& kind) {
    for (const auto k : {ha::OptionKind::business_as_usual, ha::OptionKind::do_minimum, ha::OptionKind::option})
        if (kind == ha::to_string(k)) return k;
    throw hp::DomainError("for_place: an option's kind must be 'business as usual', 'do minimum' or 'option', got '" +
                          kind + "'");
}

// (name, kind, amount, start, end, years, baseline), as hp.finance.Flow holds them.
py::list place_flow_rows(const std::vector<hp::finance::Flow>& flows) {
    py::list out;
    for (const auto& f : flows)
        out.append(py::make_tuple(f.name, hp::finance::to_string(f.kind), f.amount, f.start, f.end, f.years,
                                  f.baseline));
    return out;
}
}  // namespace

void bind_appraisal_place(py::module_& m) {
    m.attr("place_spend_per_resident") = ha::place_spend_per_resident;
    m.attr("place_over_80_growth") = ha::place_over_80_growth;
    m.attr("england_over_80_share") = ha::england_over_80_share;
    m.attr("place_bed_day_cost") = ha::place_bed_day_cost;
    m.attr("place_bed_days_prior") = py::make_tuple(ha::place_bed_days_mean, ha::place_bed_days_sd);
    m.attr("place_default_population") = ha::place_default_population;
    m.attr("place_blend_gap") = ha::place_blend_gap;

    m.def(
        "place_facts",
        [](const std::string& area, const std::string& scores_source, const std::string& council,
           const std::string& nhs_body, double council_total, double council_max, double nhs_total, double nhs_max,
           double coterminosity, const std::string& case_source, const std::optional<hi::Arrangement>& case_arrangement,
           double case_population, double case_over_80_share, double england_over_80_share,
           const std::optional<hi::Arrangement>& current, std::optional<double> population,
           std::optional<double> over_80_share, std::optional<double> over_80_growth,
           std::optional<double> pooled_spend, std::optional<double> nhs_deficit) {
            ha::PlaceEvidence e;
            e.area = area;
            e.scores_source = scores_source;
            e.council = council;
            e.nhs_body = nhs_body;
            e.council_total = council_total;
            e.council_max = council_max;
            e.nhs_total = nhs_total;
            e.nhs_max = nhs_max;
            e.coterminosity = coterminosity;
            e.case_source = case_source;
            e.case_arrangement = case_arrangement;
            e.case_population = case_population;
            e.case_over_80_share = case_over_80_share;
            e.england_over_80_share = england_over_80_share;
            e.current = current;
            e.population = population;
            e.over_80_share = over_80_share;
            e.over_80_growth = over_80_growth;
            e.pooled_spend = pooled_spend;
            e.nhs_deficit = nhs_deficit;
            const auto f = ha::place_facts(e);
            py::dict d;
            d["area"] = f.area;
            d["council"] = f.council;
            d["nhs_body"] = f.nhs_body;
            d["council_score"] = f.council_score;
            d["nhs_score"] = f.nhs_score;
            d["blend"] = std::string(ha::to_string(f.blend));
            d["coterminosity"] = f.coterminosity;
            d["current"] = f.current;
            d["population"] = f.population;
            d["over_80_share"] = f.over_80_share;
            d["over_80_growth"] = f.over_80_growth;
            d["pooled_spend"] = f.pooled_spend;
            d["nhs_deficit"] = f.nhs_deficit;
            d["sources"] = f.sources;
            return d;
        },
        py::arg("area"), py::arg("scores_source"), py::arg("council"), py::arg("nhs_body"), py::arg("council_total"),
        py::arg("council_max"), py::arg("nhs_total"), py::arg("nhs_max"), py::arg("coterminosity"),
        py::arg("case_source"), py::arg("case_arrangement"), py::arg("case_population"),
        py::arg("case_over_80_share"), py::arg("england_over_80_share"), py::arg("current"), py::arg("population"),
        py::arg("over_80_share"), py::arg("over_80_growth"), py::arg("pooled_spend"), py::arg("nhs_deficit"),
        "A place's facts from what the datasets say and what the user gives (None: not given; NaN: not recorded), "
        "each with its source, validated: a dict of PlaceFacts' fields.");
    m.def("validate_place_facts", [](const py::object& facts) { ha::validate(place_facts_of(facts)); },
          py::arg("facts"), "DomainError naming the first fact out of its range.");
    m.def("blend_of", [](double council_score, double nhs_score) {
        return std::string(ha::to_string(ha::blend_of(council_score, nhs_score)));
    }, py::arg("council_score"), py::arg("nhs_score"), "The green paper's blend of two governance scores.");

    m.def(
        "place_short_list",
        [](const std::vector<std::tuple<hi::Arrangement, std::string, std::string>>& kept, double most) {
            std::vector<ha::LongListOption> options;
            for (const auto& [a, kind, preset] : kept) options.push_back({a, place_kind_of(kind), 0, preset});
            // a whole number of options, as int() took it; anything beyond int's range is out of 3..12 anyway
            // (NaN counts as 0), so the core's error names it
            const int k = std::isnan(most) ? 0 : static_cast<int>(std::clamp(most, -1e6, 1e6));
            return ha::place_short_list(options, k);
        },
        py::arg("kept"), py::arg("most"),
        "The options appraised for a place, as indices into kept [(Arrangement, kind, preset)].");
    m.def(
        "place_option_label",
        [](const hi::Arrangement& a, const std::string& kind, const std::string& preset,
           const hi::Arrangement& current) {
            return ha::place_option_label({a, place_kind_of(kind), 0, preset}, current);
        },
        py::arg("arrangement"), py::arg("kind"), py::arg("preset"), py::arg("current"),
        "An option's label: what it changes from business as usual, in short words.");

    m.def(
        "place_performances",
        [](const py::object& facts, const std::vector<hi::Arrangement>& options) {
            const auto p = ha::place_performances(place_facts_of(facts), options);
            std::vector<std::vector<std::pair<double, double>>> rows;
            for (const auto& row : p.performances) {
                auto& r = rows.emplace_back();
                for (const auto& c : row) r.emplace_back(c.a, c.b);
            }
            std::vector<std::string> criteria;
            for (const auto& c : p.criteria) criteria.push_back(c.name);
            return py::make_tuple(p.options, criteria, rows);
        },
        py::arg("facts"), py::arg("options"),
        "(options, criteria, [[(low, high)] per criterion] per option): the proposed criteria performances.");
    m.def(
        "place_amounts",
        [](const py::object& facts, const hi::Arrangement& option) {
            const auto a = ha::place_amounts(place_facts_of(facts), option);
            py::dict d;
            d["restructuring"] = a.restructuring;
            d["restructuring_years"] = a.restructuring_years;
            d["running"] = a.running;
            d["posts"] = a.posts;
            d["deficit"] = a.deficit;
            d["recovered"] = a.recovered;
            d["bed_days"] = a.bed_days;
            return d;
        },
        py::arg("facts"), py::arg("option"), "The illustrative sums of moving to an option (£).");
    m.def("place_flows", [](const py::object& facts, const hi::Arrangement& option) {
        return place_flow_rows(ha::place_flows(place_facts_of(facts), option));
    }, py::arg("facts"), py::arg("option"),
          "The option's flows as (name, kind, amount, start, end, years, baseline) rows.");
    m.def("place_optimism_bias", [] {
        const auto b = ha::place_optimism_bias();
        return py::make_tuple(b.capital, b.operating, b.duration);
    }, "(capital, operating, duration): the optimism bias of every option but business as usual.");
    m.def(
        "place_options",
        [](const py::object& facts, const std::vector<hi::Arrangement>& options,
           const std::tuple<double, double, double>& bias) {
            py::list out;
            for (const auto& o : ha::place_options(place_facts_of(facts), options, place_bias_of(bias)))
                out.append(py::make_tuple(o.name, place_flow_rows(o.flows),
                                          py::make_tuple(o.optimism_bias.capital, o.optimism_bias.operating,
                                                         o.optimism_bias.duration)));
            return out;
        },
        py::arg("facts"), py::arg("options"), py::arg("bias"),
        "The economic appraisal's options as (name, flows, (capital, operating, duration)).");

    m.def("place_staged_option", &ha::place_staged_option, py::arg("preferred_in_money"),
          py::arg("rank_acceptability"), "The index of the option the staged decision is about.");
    m.def(
        "place_staging",
        [](const py::object& facts, const hi::Arrangement& option, const std::tuple<double, double, double>& bias,
           Count<"horizon", 1, 10000> horizon, double rate) {
            const auto s = ha::place_staging(place_facts_of(facts), option, place_bias_of(bias), horizon, rate);
            py::dict d;
            d["prior"] = py::make_tuple(hp::finance::mean(s.prior), hp::finance::sd(s.prior));
            d["value_per_unit"] = s.model.value_per_unit;
            d["lag"] = s.model.lag;
            d["restructuring_cost"] = s.model.restructuring_cost;
            d["running_cost"] = s.model.running_cost;
            d["pilot_years"] = s.model.pilot_years;
            d["pilot_cost"] = s.model.pilot_cost;
            d["known_savings"] = s.known_savings;
            d["net_running"] = s.net_running;
            return d;
        },
        py::arg("facts"), py::arg("option"), py::arg("bias"), py::arg("horizon") = 10, py::arg("rate") = 0.035,
        "The staged decision's inputs for an option (a dict of single_step_or_staged's arguments).");
    {
        py::dict pilot;  // the default pilot as hp.appraisal.PilotDesign's fields
        pilot["design"] = "stepped_wedge";
        pilot["steps"] = ha::place_pilot_steps;
        pilot["clusters_per_step"] = ha::place_pilot_clusters_per_step;
        pilot["baseline_periods"] = ha::place_pilot_baseline_periods;
        pilot["cluster_size"] = ha::place_pilot_cluster_size;
        pilot["icc"] = ha::place_pilot_icc;
        pilot["sd"] = ha::place_pilot_sd;
        m.attr("place_pilot") = pilot;
    }
    m.def(
        "place_restructuring_finding",
        [](bool found, double value, double mean, const std::string& takes_over, bool most_is_preferred,
           const std::string& most) {
            ha::SwitchingValue sv;
            sv.found = found;
            sv.value = value;
            sv.mean = mean;
            sv.takes_over = takes_over;
            return std::string(ha::to_string(ha::place_restructuring_finding(sv, most_is_preferred, most)));
        },
        py::arg("found"), py::arg("value"), py::arg("mean"), py::arg("takes_over"), py::arg("most_is_preferred"),
        py::arg("most"),
        "What the most integrated option's restructuring switching value says: none, stays_preferred, only_below "
        "or stays_below.");

    // the population value of information (value_of_information.hpp)
    m.def("share_of_evpi", &ha::share_of_evpi, py::arg("evppi"), py::arg("evpi"),
          "evppi / evpi, NaN when the EVPI is not positive.");
    m.def("for_population", py::overload_cast<const ha::EvpiResult&, double>(&ha::for_population), py::arg("result"),
          py::arg("population"), "The EVPI result with every money value × population.");
    m.def("for_population", py::overload_cast<const ha::EvppiResult&, double>(&ha::for_population),
          py::arg("result"), py::arg("population"), "The EVPPI result with every money value × population.");
}
