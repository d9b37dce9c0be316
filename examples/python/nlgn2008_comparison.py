"""Reproduce the 2008 green paper's comparison of councils and PCTs from the embedded data.

Run:  python examples/python/nlgn2008_comparison.py
"""
import healthyplaces as hp

table = hp.read_scores(hp.datasets.nlgn2008())

# The paper's "modal averages across the above nine areas".
comparison = hp.compare_sectors(table)
print(comparison.modal_table())
assert comparison.modes("financial_standing", "nhs_commissioner") == [1]

# "LB Bexley scores 16 out of a possible 20 ... compared to 6 out of 20 for the PCT."
gaps = hp.competency_gaps(table).to_frame()
print(gaps[["rank", "area", "council_total", "nhs_total", "total_gap"]].to_string(index=False))
bexley = gaps.set_index("area").loc["Bexley"]
assert (bexley.council_total, bexley.nhs_total) == (16, 6)

# Where would a merger pilot start? Areas where the council leads by at least 7 points.
pilots = hp.pilot_candidates(table, min_total_gap=7)
print(pilots.to_frame()[["area", "total_gap"]].to_string(index=False))

# Beyond the mode: medians and quartiles per category and sector.
print(comparison.to_frame()[["category", "group", "n", "median", "q1", "q3", "mean"]].round(2).to_string(index=False))
