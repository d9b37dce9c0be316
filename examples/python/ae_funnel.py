"""Which trusts' four-hour A&E performance is unusual? A funnel plot of breaches by trust for one month.

NHS England's A&E statistics (hp.datasets.ae_attendances, Open Government Licence): attendances and
four-hour breaches at every major (type 1) emergency department in March 2019, one row per trust. Each trust
is compared with the national breach rate at its own size. The plain limits assume trusts differ only by
chance; Spiegelhalter's overdispersion adjustments ask which trusts stand out even among trusts that
genuinely differ.

Run:  python examples/python/ae_funnel.py [funnel.png]
"""
import os
import sys
import tempfile

import healthyplaces as hp

ae = hp.datasets.ae_attendances()
month = ae[(ae["period"] == "2019-03-01") & (ae["type"] == "1")]
trusts = month.groupby("org_code", as_index=False)[["attendances", "breaches"]].sum()
print(f"March 2019, type 1 departments: {len(trusts)} trusts, {trusts['attendances'].sum():,} attendances, "
      f"{trusts['breaches'].sum():,} over four hours")

# Breaches per 100 attendances, with 95% and 99.8% Wilson intervals per trust.
rates = hp.indicators.proportion("breaches", "attendances", data=trusts, by="org_code",
                                 confidence_level=(0.95, 0.998), multiplier=100)
print(rates.sort_values("value").tail(3)[["org_code", "value", "lower_99_8", "upper_99_8"]].round(1).to_string(index=False))

plain = hp.indicators.funnel("breaches", "attendances", data=trusts, by="org_code", multiplier=100)
print(f"\nTarget (national rate): {plain.target:.1f} per 100; overdispersion phi = {plain.phi:.0f}")
print(f"Outside the plain 99.8% limits: {len(plain.outliers(0.998))} of {len(plain)} trusts; chance alone would put "
      "about 0.2% there, so the trusts differ for real and the plain limits flag almost everyone")

for how in ("multiplicative", "additive"):
    f = hp.indicators.funnel("breaches", "attendances", data=trusts, by="org_code", multiplier=100,
                             overdispersion=how)
    high = f.outliers(0.95)
    print(f"{how:>14}: {len(f.outliers(0.998))} outside 99.8%, {len(high)} outside 95%  (tau2 = {f.tau2:.4f})")
adjusted = f  # the additive (random-effects) funnel: Spiegelhalter (2012)'s choice for large providers
print(adjusted.outliers(0.95)[["label", "denominator", "value", "significance"]].round(1)
      .sort_values("value").to_string(index=False))

path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(tempfile.mkdtemp(), "ae_funnel.png")
fig = hp.plot.funnel(adjusted, title="Four-hour breaches per 100 attendances, type 1 A&E, March 2019")
fig.savefig(path, dpi=120)
print(f"\nWrote {path}")
