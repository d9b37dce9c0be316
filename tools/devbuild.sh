#!/usr/bin/env bash
# Fast edit-build-test loop without reinstalling the wheel:
#   tools/devbuild.sh NAME            builds build/dev-NAME (C++ tests + _core) and assembles an importable
#                                     package at build/dev-NAME/pkg (symlinks to python/healthyplaces + the .so)
#   PYTHONPATH=build/dev-NAME/pkg .venv/bin/python -m pytest tests/python/test_x.py
#   build/dev-NAME/tests/cpp/hp_tests -tc='*pattern*'
# Each developer (or helper) uses its own NAME so parallel builds do not clobber each other.
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: tools/devbuild.sh NAME [extra cmake args]}
shift
dir=build/dev-$name
py=${VENV:-.venv}/bin/python
if [ ! -f "$dir/build.ninja" ]; then
  ${VENV:-.venv}/bin/cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DHP_BUILD_TESTS=ON -DHP_BUILD_PYTHON=ON \
    -Dpybind11_DIR="$($py -c 'import pybind11; print(pybind11.get_cmake_dir())')" \
    -DPython_EXECUTABLE="$(realpath $py)" "$@" >/dev/null
fi
${VENV:-.venv}/bin/cmake --build "$dir" -j "${JOBS:-2}"
pkg=$dir/pkg/healthyplaces
rm -rf "$dir/pkg" && mkdir -p "$pkg"
for f in python/healthyplaces/*; do ln -s "$(realpath "$f")" "$pkg/"; done
ln -s "$(realpath data)" "$pkg/data"
cp "$dir"/python/_core*.so "$pkg/"
echo "PYTHONPATH=$dir/pkg"
