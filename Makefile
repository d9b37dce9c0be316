# healthyplaces: two commands for a new user on Debian/Ubuntu.
#   make demo   install everything (system headers with apt-get, the package with pip into .venv) and
#               write the report on the embedded data
#   make test   every test: the C++ tests (ctest) under ASan+UBSan with the fuzz corpus replayed, the C++ consumer example,
#               pytest (which also runs README.md's Python blocks, examples/python and the notebook), the CLI
#               (report and evaluate)
# One Release tree, build/release, serves the wheel (scikit-build-core's build-dir, no build isolation), the C++
# tests and the C++ consumer's install, so the library is compiled once there; `make demo` then `make test`
# compiles nothing twice. The sanitizer tree (build/sanitize, -O1) compiles the library and tests once more.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check
CMAKE  := $(VENV)/bin/cmake
CTEST  := $(VENV)/bin/ctest
JOBS   ?= $(shell nproc 2>/dev/null || echo 2)
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Debian/Ubuntu packages the C++ side needs. CMake and Ninja come from PyPI into .venv.
APT_PACKAGES := g++ make libeigen3-dev libboost-dev doctest-dev librandom123-dev ccache
OUT ?= report.html
BUILD := build/release
# ccache (from apt above) makes a second `make test` recompile nothing that did not change. The precompiled
# headers need its pch_defines/time_macros sloppiness to be cached.
export CCACHE_SLOPPINESS := pch_defines,time_macros,include_file_mtime,include_file_ctime
# Container images often set PYTHONDONTWRITEBYTECODE=1: then every Python process (pytest's workers, each CLI run,
# the Jupyter kernel, the Dask workers) compiles pandas, scipy and matplotlib from source again, 5 CPU-s an import
# instead of 1.5. The venv's bytecode is written once, on first import (pip installs with --no-compile).
unexport PYTHONDONTWRITEBYTECODE
LAUNCHER = $(if $(shell command -v ccache),-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
# pip builds the wheel in $(BUILD) with the venv's scikit-build-core, pybind11, CMake and Ninja (no isolation:
# the same tools every time, so the tree is reused) and configures the C++ tests into the same tree.
SKBUILD := --no-build-isolation -Cbuild-dir=$(BUILD) -Ccmake.define.HP_BUILD_TESTS=ON \
           $(if $(shell command -v ccache),-Ccmake.define.CMAKE_CXX_COMPILER_LAUNCHER=ccache)

# Phase timers: each phase prints how long it took (make test's closing line gives the total).
define started
	@mkdir -p build && date +%s > build/.t-$@
endef
define finished
	@echo "== $@ took $$(( $$(date +%s) - $$(cat build/.t-$@) )) s"
endef

# doctest_discover_tests splits a test name at ';' and breaks on unbalanced '[ ]': such a test would be
# registered under a name that matches nothing and pass without running. Check every test case is registered.
define check_registered
	@n_doc=$$($(1)/tests/cpp/hp_tests -ltc | grep -o 'passing the current filters: [0-9]*' | grep -o '[0-9]*$$'); \
	n_ct=$$($(CTEST) --test-dir $(1) -N | grep -o 'Total Tests: [0-9]*' | grep -o '[0-9]*$$'); \
	if [ "$$n_doc" != "$$n_ct" ]; then \
	  echo "ctest registers $$n_ct tests but doctest has $$n_doc: a TEST_CASE name with ';' or '[' breaks discovery"; exit 1; \
	fi; echo "ctest runs all $$n_doc doctest cases"
endef

# The sanitizer tree runs the cases in shards (tests/cpp/CMakeLists.txt), so it checks the names instead: none may
# hold ';' or an unbalanced '[', or make cpp-test's per-case registration would break.
define check_names
	@if $(1)/tests/cpp/hp_tests -ltc | grep -v '^\[doctest\]' | \
	  awk '/;/ || gsub(/\[/, "[") != gsub(/\]/, "]") { print; bad = 1 } END { exit !bad }'; then \
	  echo "a TEST_CASE name above holds ';' or an unbalanced '[': make cpp-test's doctest_discover_tests would not run it"; exit 1; fi
endef

.PHONY: help demo test stubs install-deps venv install install-test cpp-test cpp-sanitize cpp-example py-test cli-test bench fuzz clean

help:
	@echo "make demo   - install everything and write $(OUT) from the embedded data"
	@echo "make test   - run every test (C++, C++ under sanitizers, pytest, CLI, examples)"
	@echo "make bench  - benchmarks against Python peers (not part of make test)"
	@echo "make fuzz   - libFuzzer campaign, FUZZ_SECONDS=$(FUZZ_SECONDS) per harness (docs/fuzzing.md)"
	@echo "make clean  - remove build products and .venv"

# ---- installation -------------------------------------------------------------------------------------
install-deps:
	@missing=""; \
	for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	$(PYTHON) -c 'import venv, ensurepip' 2>/dev/null || missing="$$missing python3-venv"; \
	$(PYTHON) -c 'import sysconfig, os, sys; sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))' \
	  || missing="$$missing python3-dev"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  $(SUDO) apt-get update -qq; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	else echo "System packages present: $(APT_PACKAGES)"; fi

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip

# The build tools go into the venv first: pip builds without isolation (see SKBUILD).
venv: install-deps $(PY)
	$(PIP) install -q cmake ninja "scikit-build-core>=0.10" "pybind11>=3.0"

# The package and its runtime dependencies (a user's `pip install .` does the same with build isolation).
install: venv
	$(PIP) install -q $(SKBUILD) .

# ... and the test extras (scipy, statsmodels, dask, pysyncon: references the tests compare against).
# --no-compile: Python byte-compiles the modules the tests import when they import them, not all of scipy
# and pandas up front (16 CPU-s less).
install-test: venv
	$(call started)
	$(PIP) install -q --no-compile $(SKBUILD) ".[test]"
	$(call finished)

demo: install
	$(VENV)/bin/healthyplaces report --out $(OUT)

# ---- tests --------------------------------------------------------------------------------------------
# Every phase as one graph on the two cores (make -j2): the sanitizer build needs only CMake, so it starts at
# once and runs beside pip's downloads and the Release build; pytest (on every core) and the CLI run beside
# the C++ phases. Each phase's output is printed whole when it ends, with its wall-clock time.
test: venv
	@date +%s > build/.test-start 2>/dev/null || { mkdir -p build; date +%s > build/.test-start; }
	$(MAKE) --no-print-directory -j2 --output-sync=target cpp-sanitize py-test cli-test cpp-example
	@echo "make test: all passed in $$(( $$(date +%s) - $$(cat build/.test-start) )) s"

# The doctest suite in the wheel's tree (optimised, no sanitizers): only the tests compile here, the library is
# already built. Not part of make test, which runs every doctest case once, under ASan+UBSan (cpp-sanitize): the
# Release library itself is exercised there by pytest, the CLI and the C++ consumer (make test's budget is 8 minutes
# on 2 cores; this tree's test build was a minute of it).
cpp-test: install-test
	$(call started)
	$(CMAKE) --build $(BUILD) -j $(JOBS)
	$(call check_registered,$(BUILD))
	$(CTEST) --test-dir $(BUILD) --output-on-failure -j $(JOBS)
	$(call finished)

# The same doctest cases under ASan+UBSan (UBSan without vptr: CMakeLists.txt says why), at -Og (assertions on;
# optimised only as far as keeps every line traceable): fast enough to run every case in full.
cpp-sanitize: venv
	$(call started)
	$(CMAKE) -S . -B build/sanitize -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-Og" \
	  -DHP_BUILD_TESTS=ON -DHP_SANITIZE=ON $(LAUNCHER)
	$(CMAKE) --build build/sanitize -j $(JOBS)
	$(call check_names,build/sanitize)
	ASAN_OPTIONS=abort_on_error=1:detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  $(CTEST) --test-dir build/sanitize --output-on-failure -j $(JOBS)
	# The fuzz harnesses (fuzz/), built into this tree by g++: replay the seed corpus, then mutate it briefly.
	cd build/sanitize/fuzz && ASAN_OPTIONS=abort_on_error=1:detect_leaks=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ./hp_fuzz_replay --runs 3000 $(CURDIR)/fuzz/corpus
	$(call finished)

# The C++ consumer example: install the library to a prefix (the Release tree pip built), then build examples/cpp
# against it with find_package(healthyplaces), as a separate project would.
cpp-example: install-test
	$(call started)
	rm -rf build/stage build/example
	$(CMAKE) --install $(BUILD) --component development --prefix build/stage
	$(CMAKE) -S examples/cpp -B build/example -G Ninja -DCMAKE_PREFIX_PATH="$(CURDIR)/build/stage" $(LAUNCHER)
	$(CMAKE) --build build/example
	build/example/nlgn_compare | tee build/example/out.txt
	grep -q "Widest gap: Bexley, council 16 out of 20 against 6 out of 20" build/example/out.txt
	grep -q "Financial management   higher in 8 of 9  p 0.0078  Holm 0.0391" build/example/out.txt
	grep -q "Councils' median Financial reporting: 3, 95% bootstrap interval \[2, 3\]" build/example/out.txt
	build/example/nlgn_compare tests/data/bad_score.csv 2> build/example/err.txt && exit 1 || true
	grep -q "bad_score.csv, line 3, column 8 (financial_standing)" build/example/err.txt
	build/example/ae_indicators build/stage/share/healthyplaces/real/ae_attendances.csv | tee build/example/ae.txt
	grep -q "Additive random effects (tau2 0.0121): 0 outside 99.8%, 18 outside 95%" build/example/ae.txt
	grep -q "RQM: 36 months, mean 0.939, limits 0.909 to 0.969; 7 months of concern, 10 of improvement; hit and miss" build/example/ae.txt
	build/example/ae_indicators tests/data/bad_ae.csv 2> build/example/ae-err.txt && exit 1 || true
	grep -q "bad_ae.csv, line 3, column 4 (attendances), organisation 'RF4': '12x' is not a number" build/example/ae-err.txt
	$(call finished)

# pytest on every core (pytest-xdist): py-test is on make test's critical path (install-test -> py-test).
py-test: install-test
	$(call started)
	cd tests/python && ../../$(PY) -m pytest -q -n $(JOBS)
	$(call finished)

cli-test: install-test
	$(call started)
	$(VENV)/bin/healthyplaces report --out build/cli/report.html | tee build/cli.txt
	grep -q "Wrote report to .*build/cli/report.html" build/cli.txt
	grep -q "<svg" build/cli/report.html
	$(PY) -m healthyplaces report --data tests/data/user_scores.csv --out build/cli/user.html
	@if $(VENV)/bin/healthyplaces report --data tests/data/bad_score.csv --out build/cli/bad.html 2> build/cli-err.txt; \
	  then echo "expected a non-zero exit on bad data"; exit 1; fi
	grep -q "bad_score.csv, line 3, column 8" build/cli-err.txt
	! grep -q Traceback build/cli-err.txt
	$(VENV)/bin/healthyplaces report --counts data/real/ae_attendances.csv --by org_code --numerator breaches \
	  --denominator attendances --where type=1 --time period --better lower \
	  --indicator-label "Four-hour A&E breaches, type 1 departments" --out build/cli/ae.html
	grep -q "<h1>Four-hour A&amp;E breaches, type 1 departments, March 2019</h1>" build/cli/ae.html
	grep -q "No organisation is outside the 99.8% limits after allowing for overdispersion; 18 are outside the 95% limits: 3 worse than expected (RXN, RAS, RHU)" build/cli/ae.html
	grep -q "without allowing for it, 124 would be outside the 99.8% limits" build/cli/ae.html
	! grep -q "NLGN" build/cli/ae.html
	$(VENV)/bin/healthyplaces evaluate --out build/cli/prop99.html
	grep -q "ranks 1 of 39 when every donor is treated in turn: permutation <strong>p = 0.026" build/cli/prop99.html
	$(VENV)/bin/healthyplaces evaluate --data tests/data/mpdta.csv --unit countyreal --time year --outcome lemp \
	  --adoption first.treat --out build/cli/mpdta.html
	grep -q "adopting changed lemp by <strong>-0.040</strong>" build/cli/mpdta.html
	@if $(VENV)/bin/healthyplaces evaluate --data tests/data/mpdta.csv --unit countyreal --time year --outcome lemp \
	  --treated 13001 --out build/cli/bad.html 2> build/cli-err.txt; then echo "expected a non-zero exit"; exit 1; fi
	grep -q "treatment-period must say when" build/cli-err.txt
	! grep -q Traceback build/cli-err.txt
	$(call finished)

# Type stubs of healthyplaces._core, generated from the installed module (checked for staleness by pytest).
stubs: install-test
	$(PY) tools/stubs.py

bench: install
	$(PIP) install -q $(SKBUILD) ".[bench]"
	@for f in benchmarks/[!_]*.py; do echo "== $$f"; $(PY) $$f; done

# The fuzzing campaign (docs/fuzzing.md): clang's libFuzzer from Debian, the library and each harness of fuzz/ built
# with -fsanitize=fuzzer,address,undefined in build/fuzz, then every harness run for FUZZ_SECONDS from the committed
# seeds (fuzz/corpus/<harness>), one after another. FUZZ_KEEP_GOING=1 goes on after a crash; HP_FUZZ_STRICT=1 also
# checks the answers (p-values in [0, 1], ordered intervals, finite results).
FUZZ_SECONDS ?= 300
FUZZ_HARNESSES ?= csv scores counts panel mann_whitney bootstrap permutation hodges_lehmann funnel spc simulate
FUZZ_CLANG := clang libclang-rt-14-dev
fuzz: venv
	@command -v clang++ >/dev/null && dpkg-query -W -f='$${Status}' libclang-rt-14-dev 2>/dev/null | grep -q "ok installed" \
	  || { $(SUDO) apt-get update -qq; $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(FUZZ_CLANG); }
	$(CMAKE) -S . -B build/fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug \
	  -DCMAKE_CXX_FLAGS_DEBUG="-O1 -gline-tables-only" \
	  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
	  -DHP_FUZZ=ON -DHP_BUILD_TESTS=OFF $(LAUNCHER)
	$(CMAKE) --build build/fuzz -j $(JOBS) --target fuzz
	FUZZ_SECONDS=$(FUZZ_SECONDS) fuzz/run.sh build/fuzz $(FUZZ_HARNESSES)

clean:
	rm -rf build $(VENV) report.html
