// Reproduce the green paper's comparison from C++: the modal table, the widest competency gap, the pilot
// candidates, the paired test of each council against its NHS body, and a seeded bootstrap. With a path
// argument, the same analysis runs on the user's CSV.
//   nlgn_compare [scores.csv]
#include <healthyplaces/healthyplaces.hpp>

#include <cstdio>
#include <iostream>
#include <string>

namespace {
std::string modes_text(const std::vector<int>& modes) {
    std::string s;
    for (int m : modes) s += (s.empty() ? "" : "/") + std::to_string(m);
    return s.empty() ? "-" : s;
}
}  // namespace

int main(int argc, char** argv) {
    try {
        auto table = argc > 1 ? hp::io::read_scores(argv[1]).table : hp::datasets::nlgn2008();
        std::cout << "healthyplaces " << hp::version << ": " << table.n_organisations() << " organisations, "
                  << table.areas().size() << " areas\n\n";

        const auto cmp = hp::analysis::compare_sectors(table);
        std::printf("%-22s", "Modal score");
        for (const auto& g : cmp.groups) std::printf("%18s", g.c_str());
        std::printf("\n");
        for (std::size_t j = 0; j < cmp.categories.size(); ++j) {
            std::printf("%-22s", cmp.categories[j].label.c_str());
            for (const auto& s : cmp.summaries[j]) std::printf("%18s", modes_text(s.modes).c_str());
            std::printf("\n");
        }

        if (!table.areas().empty()) {
            const auto gaps = hp::analysis::competency_gaps(table);
            const auto& top = gaps.front();
            std::cout << "\nWidest gap: " << top.area << ", council " << top.council_total.total << " out of "
                      << top.council_total.maximum << " against " << top.nhs_total.total << " out of "
                      << top.nhs_total.maximum << " for the NHS body\n";
            const auto screen = hp::analysis::pilot_candidates(table);
            std::cout << "Pilot candidates (4-star council, 1-star NHS body, coterminous): "
                      << screen.candidates.size() << " of " << gaps.size() << " areas\n";

            // Is the gap real? Council minus NHS body per area, exact Wilcoxon, Holm across categories.
            std::cout << "\nPaired Wilcoxon (council - NHS body), Holm-adjusted:\n";
            for (const auto& t : hp::analysis::paired_sector_tests(table)) {
                if (!t.tested()) {
                    std::printf("  %-22s %s\n", t.category.label.c_str(), t.note.c_str());
                    continue;
                }
                std::printf("  %-22s higher in %lld of %lld  p %.4f  Holm %.4f  shift %+g [%+g, %+g]\n",
                            t.category.label.c_str(), static_cast<long long>(t.council_higher),
                            static_cast<long long>(t.n_pairs), t.wilcoxon.pvalue, t.pvalue_adjusted,
                            t.shift.estimate, t.shift.ci_low, t.shift.ci_high);
            }
        }

        // The statistics engine on its own: a seeded bootstrap of the councils' median in the first category,
        // the same whatever the number of threads.
        std::vector<double> first;
        for (std::size_t i = 0; i < table.n_organisations(); ++i)
            if (auto s = table.score(i, 0); s && table.organisations()[i].sector() == hp::core::Sector::local_authority)
                first.push_back(*s);
        if (first.size() >= 2) {
            hp::stats::BootstrapOptions bo;
            bo.method = hp::stats::IntervalMethod::percentile;
            bo.seed = 2008;
            bo.threads = 0;
            const auto b = hp::stats::bootstrap(first, bo);
            std::printf("\nCouncils' median %s: %g, 95%% bootstrap interval [%g, %g]\n",
                        table.framework().categories()[0].label.c_str(), b.estimate.estimate, b.estimate.ci_low,
                        b.estimate.ci_high);
        }

        // The arrangements the seeds describe, from closer working to full merger.
        std::cout << "\nArrangements:\n";
        for (const auto& a : hp::integration::arrangements::presets())
            std::printf("  %-22s level %2d  budgets %-9s legal basis %s\n", a.name.c_str(), hp::integration::integration_level(a),
                        std::string(hp::integration::to_string(a.budgets)).c_str(), std::string(hp::integration::to_string(a.legal_basis)).c_str());
        return 0;
    } catch (const hp::Error& e) {
        std::cerr << "nlgn_compare: " << e.what() << "\n";
        return 2;
    }
}
