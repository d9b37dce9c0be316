"""Issue 15, the fuzz campaign's findings outside the indicators (docs/fuzzing.md): each replays the input from
Python and checks the answer or the one-line error. The C++ side (the Poisson variate's limit, the 128-bit
first_block product) is in tests/cpp/test_hostile_findings.cpp."""
from __future__ import annotations

import numpy as np
import pytest

import healthyplaces as hp

POP = (["0-64", "65+"], [90000, 20000])


def _service(counts: str = "poisson", dispersion: float = 0.0) -> list:
    return [hp.finance.Service("home care", "council", [0.001, 0.01], hp.finance.Gamma(1000, 300), 1e6,
                               counts=counts, dispersion=dispersion)]


def test_first_block_times_block_size_past_int64_is_not_wrapped():
    # Finding 4: 2^40 - 1 blocks of 10^9 years start at year 1.1e21, past int64; the last block is still valid.
    r = hp.finance.simulate(POP, _service(), n_sims=1, block_size=10**9, first_block=2**40 - 1)
    assert r.events.shape == (1, 1, 1) and np.isfinite(r.spend).all() and r.events[0, 0, 0] >= 0
    with pytest.raises(hp.DomainError, match=r"^simulate: n_sims too large for the stream id's 2\^40 blocks$"):
        hp.finance.simulate(POP, _service(), n_sims=2, block_size=1, first_block=2**40 - 1)


def test_negative_binomial_of_subnormal_dispersion_is_refused():
    # Strict-mode finding: 5e-324 passed "> 0" and the gamma's shape 1/5e-324 was infinite.
    with pytest.raises(hp.DataError) as e:
        hp.finance.simulate(POP, _service("negative_binomial", 5e-324), n_sims=10)
    assert str(e.value) == ("service \"home care\": a negative binomial's dispersion must be at least 1e-30 (smaller "
                            "is a Poisson to 18 digits: use counts=\"poisson\"), got 4.940656458e-324")
    hp.finance.simulate(POP, _service("negative_binomial", 1e-30), n_sims=10)  # the limit itself runs


def test_header_name_with_a_line_break_stays_on_one_line_of_the_message(tmp_path):
    # Strict-mode finding: a quoted header name holding a newline split "the columns are ..." over two lines.
    p = tmp_path / "c.csv"
    p.write_bytes(b'organisation,"num\nerator",denominator\nA,1,2\n')
    with pytest.raises(hp.DataError) as e:
        hp.io.read_counts(p)
    assert str(e.value) == (f"{p}: no column 'numerator'; the columns are 'organisation', 'num\\nerator', "
                            "'denominator'")


@pytest.mark.parametrize("bom, encoding", [(b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"),
                                           (b"\xef\xbb\xbf", "utf-8")])
def test_a_doubled_byte_order_mark_is_dropped(tmp_path, bom, encoding):
    # Strict-mode finding: a UTF-16 file with its mark twice kept U+FEFF at the start of its first column's name.
    p = tmp_path / "c.csv"
    p.write_bytes(bom + ("\ufeff" + "organisation,numerator,denominator\nA,1,2\n").encode(encoding))
    df = hp.io.read_counts(p)
    assert list(df["organisation"]) == ["A"]
