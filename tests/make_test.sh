#!/usr/bin/env bash
# The test runs of `make test` (the Makefile runs this after setting up; run it from the checkout's folder).
#
# The machine has two cores, so the tests run as three pytest processes side by side, after one build:
#
#   1. The default site (this repository, every language, packs and audio) is built ONCE, by tests/prebuild.py,
#      into a temporary folder outside the checkout (removed at the end). At the same time the tests that do
#      not use the default site start (run "other": each builds small projects of its own).
#   2. When that build has finished, the tests of the default site run as two processes, sharing it
#      (CHARTERKIT_TEST_PREBUILT names the folder; see tests/conftest.py):
#        "site-browser"  the files in tests/browser/ that use it (pa11y and headless Chromium on every page)
#        "site-rest"     the other files that use it (the site's pages, the packs)
#
# A test file belongs to the default site's runs when it uses one of the fixtures below. Each test file is
# in exactly one run (the counts are printed). Every run's log is kept in .test-logs/ and printed at the end.
# `make test` fails if the build fails (its problems are shown) or if any run fails or collects no tests
# (pytest's exit code 5).
set -uo pipefail
set -m  # each run in a process group of its own, so that Ctrl+C (or a failure here) stops the whole of each run

PYTHON=${PYTHON:-.venv/bin/python}
export CHARTERKIT_TEST_CPU=${CHARTERKIT_TEST_CPU:-30}  # the slowest tests with their processor time (tests/conftest.py)
LOGS=.test-logs
SITE_FIXTURES='\b(built_site|default_build|packs_site|ur_packs_site|test_cache)\b'

mkdir -p "$LOGS"
rm -f "$LOGS"/*.log "$LOGS"/*.status "$LOGS"/*.time

# ---- which test file goes in which run ----
mapfile -t all_files < <(find tests -name 'test_*.py' -not -path '*/fixtures/*' | sort)
mapfile -t site_files < <(grep -lE "$SITE_FIXTURES" "${all_files[@]}" | sort)
browser_files=() rest_files=() ignore=()
for f in "${site_files[@]}"; do
  case "$f" in
    tests/browser/*) browser_files+=("$f") ;;
    *) rest_files+=("$f") ;;
  esac
  ignore+=("--ignore=$f")
done
other_count=$(( ${#all_files[@]} - ${#site_files[@]} ))
echo "Test files: ${#all_files[@]} = ${#browser_files[@]} (site-browser) + ${#rest_files[@]} (site-rest)" \
     "+ $other_count (other)."
if [ "${#browser_files[@]}" -eq 0 ] || [ "${#rest_files[@]}" -eq 0 ] || [ "$other_count" -le 0 ]; then
  echo "A run has no test files: the way tests/make_test.sh sorts them no longer fits the tests."; exit 1
fi

# ---- running ----
prebuilt=$(mktemp -d -t charterkit-tests.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null; done
  rm -rf "$prebuilt"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# run NAME COMMAND...: COMMAND in the background, its output in .test-logs/NAME.log, and its exit code and
# times in .test-logs/NAME.status: seconds from start to end, and the processor time it and every program it
# started used (user and system, in seconds: on a shared machine these say more than the time it took;
# tests/timed.py counts the browser's processes too, which bash's time misses)
run() {
  local name=$1; shift
  ( "$PYTHON" tests/timed.py "$LOGS/$name.time" "$@" > "$LOGS/$name.log" 2>&1
    status=$?
    echo "$status $(cat "$LOGS/$name.time" 2>/dev/null || echo '? ? ?')" > "$LOGS/$name.status"
    rm -f "$LOGS/$name.time"
    exit "$status" ) &
  pids+=($!)
}

started=$SECONDS
echo "Building the default site for the tests (log: $LOGS/prebuild.log), beside the other tests" \
     "(log: $LOGS/other.log)..."
run prebuild "$PYTHON" tests/prebuild.py "$prebuilt"
prebuild_pid=$!
# (a test of the default site that was sorted into this run by mistake fails, saying so, instead of building
# the whole site a second time: see tests/prebuild.py)
CHARTERKIT_TEST_PREBUILT=none run other "$PYTHON" -m pytest --durations=30 "${ignore[@]}"
wait "$prebuild_pid"
if [ "$(cut -d' ' -f1 "$LOGS/prebuild.status")" -eq 0 ]; then
  echo "The default site is built ($((SECONDS - started)) s); its tests start in two runs."
  export CHARTERKIT_TEST_PREBUILT="$prebuilt"
  run site-browser "$PYTHON" -m pytest --durations=30 "${browser_files[@]}"
  run site-rest "$PYTHON" -m pytest --durations=30 "${rest_files[@]}"
else
  echo "The default site could not be built, so its tests do not run (the build's problems follow at the end)."
fi
wait "${pids[@]}"
pids=()

# ---- what happened ----
failed=0
for name in prebuild other site-browser site-rest; do
  [ -f "$LOGS/$name.log" ] || continue
  echo; echo "==== $name ($LOGS/$name.log) ===="
  cat "$LOGS/$name.log"
done
echo
echo "==== Summary (exit 0 means all passed; $((SECONDS - started)) s in all) ===="
for name in prebuild other site-browser site-rest; do
  if [ -f "$LOGS/$name.status" ]; then
    read -r status seconds user system < "$LOGS/$name.status"
    result=$(grep -E '^=+ .*(passed|failed|error|no tests ran).* =+$' "$LOGS/$name.log" | tail -1 | tr -d '=')
    printf '%-13s exit %s, %4s s (processor: user %4s s, system %3s s):%s\n' "$name" "$status" "$seconds" \
      "$user" "$system" "$result"
    [ "$status" -eq 0 ] || failed=1
  else
    printf '%-13s did not run\n' "$name"
    failed=1
  fi
done
exit "$failed"
