// Four-hour A&E performance from C++: read NHS England's monthly A&E file (installed with the library under
// share/healthyplaces/real/), put every trust's type 1 department on a funnel plot for one month with
// Spiegelhalter's additive overdispersion adjustment, then an XmR chart of one trust's monthly performance.
//   ae_indicators <ae_attendances.csv> [month, default 2019-03-01] [trust, default RQM]
#include <healthyplaces/healthyplaces.hpp>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: ae_indicators <ae_attendances.csv> [month] [trust]\n";
        return 2;
    }
    const std::string month = argc > 2 ? argv[2] : "2019-03-01", trust = argc > 3 ? argv[3] : "RQM";
    try {
        // Breaches out of attendances by trust and month; every count is checked, errors name line and column.
        hp::io::CountsOptions columns;
        columns.by = "org_code";
        columns.numerator = "breaches";
        columns.denominator = "attendances";
        columns.period = "period";
        const auto counts = hp::io::read_counts(std::filesystem::path(argv[1]), columns);
        const auto& type = counts.other_column("type");

        // One month, type 1 departments: breaches over attendances by trust (std::map keeps codes sorted).
        std::map<std::string, std::pair<double, double>> by_trust;
        std::map<std::string, std::pair<double, double>> by_month;  // the chosen trust, all department types
        for (std::size_t i = 0; i < counts.size(); ++i) {
            const auto &org = counts.organisations[i], &period = counts.periods[i];
            const double br = counts.numerators[i], att = counts.denominators[i];
            if (period == month && type[i] == "1") {
                by_trust[org].first += br;
                by_trust[org].second += att;
            }
            if (org == trust) {
                by_month[period].first += br;
                by_month[period].second += att;
            }
        }
        std::vector<std::string> codes;
        std::vector<double> breaches, attendances;
        for (const auto& [code, ba] : by_trust) {
            codes.push_back(code);
            breaches.push_back(ba.first);
            attendances.push_back(ba.second);
        }

        hp::indicators::FunnelOptions options;
        options.multiplier = 100;  // per 100 attendances
        const auto plain = hp::indicators::funnel(breaches, attendances, options);
        options.overdispersion = hp::indicators::Overdispersion::additive;
        const auto adjusted = hp::indicators::funnel(breaches, attendances, options);
        auto outside = [](const hp::indicators::Funnel& f, double level) {
            int n = 0;
            for (double b : f.beyond) n += !std::isnan(b) && b >= level - 1e-12;
            return n;
        };
        std::printf("%s, type 1 departments: %zu trusts, national rate %.1f per 100 attendances\n", month.c_str(),
                    codes.size(), plain.target);
        std::printf("Overdispersion phi %.0f: %d trusts outside the plain 99.8%% limits\n", plain.phi,
                    outside(plain, 0.998));
        std::printf("Additive random effects (tau2 %.4f): %d outside 99.8%%, %d outside 95%%\n", adjusted.tau2,
                    outside(adjusted, 0.998), outside(adjusted, 0.95));
        for (std::size_t i = 0; i < codes.size(); ++i)
            if (adjusted.direction[i] > 0)
                std::printf("  high: %s %.1f per 100 (%s)\n", codes[i].c_str(), adjusted.value[i],
                            adjusted.significance[i].c_str());

        // The trust's monthly share seen within four hours, as an XmR chart against the 95% standard.
        std::vector<double> share;
        for (const auto& [period, ba] : by_month) share.push_back(1.0 - ba.first / ba.second);
        hp::indicators::XmrOptions spc;
        spc.target = 0.95;
        const auto chart = hp::indicators::xmr(share, {}, spc);
        int concern = 0, improvement = 0;
        for (auto v : chart.variation) {
            concern += v == hp::indicators::Variation::concern;
            improvement += v == hp::indicators::Variation::improvement;
        }
        const auto& seg = chart.segments.back();
        std::printf("%s: %zu months, mean %.3f, limits %.3f to %.3f; %d months of concern, %d of improvement; %s\n",
                    trust.c_str(), share.size(), seg.centre, seg.lower, seg.upper, concern, improvement,
                    hp::indicators::to_string(chart.assurance).c_str());
    } catch (const hp::Error& e) {
        std::cerr << "ae_indicators: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
