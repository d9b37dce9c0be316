// Reproduce the green paper's comparison from C++: the modal table, the widest competency gap, and the
// pilot candidates. With a path argument, the same analysis runs on the user's CSV.
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

        const auto cmp = hp::compare_sectors(table);
        std::printf("%-22s", "Modal score");
        for (const auto& g : cmp.groups) std::printf("%18s", g.c_str());
        std::printf("\n");
        for (std::size_t j = 0; j < cmp.categories.size(); ++j) {
            std::printf("%-22s", cmp.categories[j].label.c_str());
            for (const auto& s : cmp.summaries[j]) std::printf("%18s", modes_text(s.modes).c_str());
            std::printf("\n");
        }

        if (!table.areas().empty()) {
            const auto gaps = hp::competency_gaps(table);
            const auto& top = gaps.front();
            std::cout << "\nWidest gap: " << top.area << ", council " << top.council_total.total << " out of "
                      << top.council_total.maximum << " against " << top.nhs_total.total << " out of "
                      << top.nhs_total.maximum << " for the NHS body\n";
            const auto screen = hp::pilot_candidates(table);
            std::cout << "Pilot candidates (4-star council, 1-star NHS body, coterminous): "
                      << screen.candidates.size() << " of " << gaps.size() << " areas\n";
        }

        // The arrangements the seeds describe, from closer working to full merger.
        std::cout << "\nArrangements:\n";
        for (const auto& a : hp::arrangements::presets())
            std::printf("  %-22s level %2d  budgets %-9s legal basis %s\n", a.name.c_str(), hp::integration_level(a),
                        std::string(hp::to_string(a.budgets)).c_str(), std::string(hp::to_string(a.legal_basis)).c_str());
        return 0;
    } catch (const hp::Error& e) {
        std::cerr << "nlgn_compare: " << e.what() << "\n";
        return 2;
    }
}
