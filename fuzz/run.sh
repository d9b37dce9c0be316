#!/usr/bin/env bash
# Run libFuzzer harnesses one after another (make fuzz; docs/fuzzing.md) and print, per harness, the executions,
# executions per second, new corpus inputs and findings. Exit status 1 when any harness found something.
#   fuzz/run.sh BUILD_DIR HARNESS...
# Environment: FUZZ_SECONDS (per harness, default 300), FUZZ_KEEP_GOING=1 (fork mode: go on after a crash, so
# that one known bug does not stop the campaign; every crash is kept), HP_FUZZ_STRICT=1 (also check the answers),
# FUZZ_ARGS (more libFuzzer flags).
# New inputs go to BUILD_DIR/corpus/<harness>/ (the committed fuzz/corpus/<harness>/ is only read); findings to
# BUILD_DIR/findings/<harness>/ (crash-*, timeout-*, leak-*, oom-*), the log to BUILD_DIR/logs/<harness>.log.
set -u
build=$1
shift
seconds=${FUZZ_SECONDS:-300}
here=$(cd "$(dirname "$0")" && pwd)
status=0
printf '%-15s %12s %9s %8s %9s  %s\n' harness executions exec/s "new cov" inputs findings
for h in "$@"; do
  bin=$build/fuzz/fuzz_$h
  [ -x "$bin" ] || { echo "no harness $bin"; status=1; continue; }
  mkdir -p "$build/corpus/$h" "$build/findings/$h" "$build/logs"
  log=$build/logs/$h.log
  before=$(ls "$build/findings/$h" | wc -l)
  mode=()
  [ "${FUZZ_KEEP_GOING:-0}" = 1 ] && mode=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
  # -timeout: an input running longer than 10 s is a hang; -rss_limit_mb: 2 GB is an out-of-memory finding;
  # -max_len: the readers' inputs are a few KB (bigger inputs only slow the search).
  start=$(date +%s)
  # shellcheck disable=SC2086
  "$bin" "${mode[@]}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 -print_final_stats=1 \
    -artifact_prefix="$build/findings/$h/" ${FUZZ_ARGS:-} "$build/corpus/$h" "$here/corpus/$h" > "$log" 2>&1
  rc=$?
  took=$(( $(date +%s) - start ))
  # Executions: the final stats (plain mode) or the last status line (fork mode).
  execs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$')
  [ -n "$execs" ] || execs=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#')
  rate=$(( ${execs:-0} / (took > 0 ? took : 1) ))  # executions per wall-clock second, startup included
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$')
  inputs=$(ls "$build/corpus/$h" | wc -l)
  found=$(( $(ls "$build/findings/$h" | wc -l) - before ))
  if [ "$found" -gt 0 ] || { [ "$rc" -ne 0 ] && [ "${FUZZ_KEEP_GOING:-0}" != 1 ]; }; then
    status=1
    what="FOUND $found (see $log, $build/findings/$h/)"
  else
    what=0
  fi
  printf '%-15s %12s %9s %8s %9s  %s\n' "$h" "${execs:-?}" "${rate:-?}" "${cov:-?}" "$inputs" "$what"
done
exit $status
