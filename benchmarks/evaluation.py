"""Issue 7's speed table in one run: (1) Callaway-Sant'Anna group-time effects with 1,000 multiplier-bootstrap
draws on a simulated panel of 2,500 units x 5 periods against an idiomatic numpy/statsmodels implementation,
and (2) the Proposition 99 synthetic control with all 38 placebo fits against pysyncon; each on one and two
threads. The two parts live in evaluation_att_gt.py and evaluation_synth.py (run either alone for its options:
evaluation_synth.py --full times all 39 pysyncon fits instead of extrapolating from the first).

Targets: placebo inference >= 10x pysyncon; group-time effects with bootstrap >= 10x numpy; two threads >= 1.8x.

Run: python benchmarks/evaluation.py  (make bench runs every script in benchmarks/, this one included)
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import evaluation_att_gt  # noqa: E402
import evaluation_synth  # noqa: E402

if __name__ == "__main__":
    print("== Callaway-Sant'Anna (evaluation_att_gt.py)")
    evaluation_att_gt.main()
    print("\n== Synthetic control, Proposition 99 with 38 placebos (evaluation_synth.py --pysyncon-fits 1)")
    sys.argv = [sys.argv[0], "--pysyncon-fits", "1"]
    evaluation_synth.main()
