#!/usr/bin/env bash
# The test runs of `make test` (the Makefile runs this after setting up; run it from the checkout's folder).
#
# The machine has two cores. The default site (this repository, every language, packs and audio) is built ONCE,
# by tests/prebuild.py, into a temporary folder outside the checkout (removed at the end); the tests run as
# several pytest processes ("runs") so that both cores are busy until the end:
#
#   site-a11y     tests/browser/test_a11y.py (pa11y on every page of the default site)
#   site-browser  the other files in tests/browser/ that use the default site (headless Chromium)
#   site-packs    the files in tests/packs/ that use it (the packs)
#   site-pages    the other files that use it (the site's pages)
#   other-1..N    the tests that do not use the default site (each builds small projects of its own), the
#                 files dealt out in turn
#
# The four site runs start together as soon as the build has finished (CHARTERKIT_TEST_PREBUILT names its
# folder; see tests/conftest.py). The other runs fill the rest of the machine: one at a time beside the build
# and the site runs, two at a time once those have ended, at a lower priority (nice) so they never hold up the
# build, which every site run waits for. They share one folder of cut fonts (CHARTERKIT_TEST_FONTS).
#
# A test file belongs to the default site's runs when it uses one of the fixtures below. Each test file is
# in exactly one run (the counts are printed). Every run's log is kept in .test-logs/ and printed at the end,
# with each run's time and processor time (tests/timed.py).
# `make test` fails if the build fails (its problems are shown) or if any run fails or collects no tests
# (pytest's exit code 5).
set -uo pipefail
set -m  # each run in a process group of its own, so that Ctrl+C (or a failure here) stops the whole of each run

PYTHON=${PYTHON:-.venv/bin/python}
export CHARTERKIT_TEST_CPU=${CHARTERKIT_TEST_CPU:-30}  # the slowest tests with their processor time (tests/conftest.py)
OTHER_RUNS=${CHARTERKIT_TEST_OTHER_RUNS:-6}  # how many runs the tests that do not use the default site are dealt into
LOGS=.test-logs
SITE_FIXTURES='\b(built_site|default_build|packs_site|ur_packs_site|test_cache)\b'

mkdir -p "$LOGS"
rm -f "$LOGS"/*.log "$LOGS"/*.status "$LOGS"/*.time

# ---- which test file goes in which run ----
mapfile -t all_files < <(find tests -name 'test_*.py' -not -path '*/fixtures/*' | sort)
mapfile -t site_files < <(grep -lE "$SITE_FIXTURES" "${all_files[@]}" | sort)
declare -A files_of=()
add() { files_of[$1]+="${files_of[$1]:+ }$2"; }
for f in "${all_files[@]}"; do
  case "$f" in *[[:space:]]*) echo "A test file's name has a space in it, which this script cannot pass on: $f"; exit 1 ;; esac
done
for f in "${site_files[@]}"; do
  case "$f" in
    tests/browser/test_a11y.py) add site-a11y "$f" ;;
    tests/browser/*) add site-browser "$f" ;;
    tests/packs/*) add site-packs "$f" ;;
    *) add site-pages "$f" ;;
  esac
done
site_runs=(site-a11y site-browser site-packs site-pages)
other_runs=()
n=0
for f in "${all_files[@]}"; do
  if [[ " ${site_files[*]} " == *" $f "* ]]; then continue; fi
  name="other-$(( n % OTHER_RUNS + 1 ))"
  [ -n "${files_of[$name]:-}" ] || other_runs+=("$name")
  add "$name" "$f"
  n=$((n + 1))
done
counts=""
for name in "${site_runs[@]}" "${other_runs[@]}"; do
  set -- ${files_of[$name]:-}
  counts+=" + $# ($name)"
  if [ "$#" -eq 0 ]; then
    echo "The run $name has no test files: the way tests/make_test.sh sorts them no longer fits the tests."; exit 1
  fi
done
echo "Test files: ${#all_files[@]} =${counts# +}."
if [ "$n" -eq 0 ]; then
  echo "No test files that do without the default site: the way tests/make_test.sh sorts them no longer fits."; exit 1
fi

# ---- running ----
prebuilt=$(mktemp -d -t charterkit-tests.XXXXXX)
export CHARTERKIT_TEST_FONTS="$prebuilt/fonts"  # one folder of cut fonts for every run's small projects
mkdir -p "$CHARTERKIT_TEST_FONTS"
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
declare -A name_of=()  # the runs going on: process id -> name
run() {
  local name=$1; shift
  ( "$PYTHON" tests/timed.py "$LOGS/$name.time" "$@" > "$LOGS/$name.log" 2>&1
    status=$?
    echo "$status $(cat "$LOGS/$name.time" 2>/dev/null || echo '? ? ?')" > "$LOGS/$name.status"
    rm -f "$LOGS/$name.time"
    exit "$status" ) &
  pids+=($!)
  name_of[$!]=$name
}

built=""         # "yes" or "no" once the build has ended
site_going=0     # site runs going on
other_going=0    # other runs going on
next_other=0
start_runs() {
  local name
  if [ "$built" = yes ] && [ "$site_going" -eq 0 ] && [ -n "${site_runs[*]}" ]; then
    for name in "${site_runs[@]}"; do
      # shellcheck disable=SC2086  # (the names have no spaces: checked above)
      run "$name" "$PYTHON" -m pytest --durations=30 ${files_of[$name]}
      site_going=$((site_going + 1))
    done
    site_runs=()
  fi
  local room=2
  if [ -z "$built" ] || [ "$site_going" -gt 0 ]; then room=1; fi
  while [ "$other_going" -lt "$room" ] && [ "$next_other" -lt "${#other_runs[@]}" ]; do
    name=${other_runs[$next_other]}
    next_other=$((next_other + 1))
    # (a test of the default site that was sorted into these runs by mistake fails, saying so, instead of
    # building the whole site a second time: see tests/prebuild.py)
    # shellcheck disable=SC2086
    run "$name" env CHARTERKIT_TEST_PREBUILT=none nice -n 5 "$PYTHON" -m pytest --durations=30 ${files_of[$name]}
    other_going=$((other_going + 1))
  done
}

started=$SECONDS
echo "Building the default site for the tests (log: $LOGS/prebuild.log), beside the tests that do not use it..."
run prebuild "$PYTHON" tests/prebuild.py "$prebuilt"
start_runs
while [ "${#name_of[@]}" -gt 0 ]; do
  done_pid=""
  wait -n -p done_pid "${!name_of[@]}"
  [ -n "$done_pid" ] || continue
  name=${name_of[$done_pid]}
  unset "name_of[$done_pid]"
  case "$name" in
    prebuild)
      if [ "$(cut -d' ' -f1 "$LOGS/prebuild.status")" -eq 0 ]; then
        built=yes
        export CHARTERKIT_TEST_PREBUILT="$prebuilt"
        echo "The default site is built ($((SECONDS - started)) s); its tests start in ${#site_runs[@]} runs."
      else
        built=no
        echo "The default site could not be built, so its tests do not run (the build's problems follow at the end)."
      fi ;;
    site-*) site_going=$((site_going - 1)); echo "$name has ended ($((SECONDS - started)) s)." ;;
    *) other_going=$((other_going - 1)); echo "$name has ended ($((SECONDS - started)) s)." ;;
  esac
  start_runs
done
pids=()

# ---- what happened ----
all_runs=(prebuild site-a11y site-browser site-packs site-pages "${other_runs[@]}")
failed=0
for name in "${all_runs[@]}"; do
  [ -f "$LOGS/$name.log" ] || continue
  echo; echo "==== $name ($LOGS/$name.log) ===="
  cat "$LOGS/$name.log"
done
echo
echo "==== Summary (exit 0 means all passed; $((SECONDS - started)) s in all) ===="
total_user=0 total_system=0
for name in "${all_runs[@]}"; do
  if [ -f "$LOGS/$name.status" ]; then
    read -r status seconds user system < "$LOGS/$name.status"
    result=$(grep -E '^=+ .*(passed|failed|error|no tests ran).* =+$' "$LOGS/$name.log" | tail -1 | tr -d '=')
    printf '%-13s exit %s, %4s s (processor: user %4s s, system %3s s):%s\n' "$name" "$status" "$seconds" \
      "$user" "$system" "$result"
    [ "$status" -eq 0 ] || failed=1
    if [[ "$user$system" =~ ^[0-9]+$ ]]; then
      total_user=$((total_user + user)) total_system=$((total_system + system))
    fi
  else
    printf '%-13s did not run\n' "$name"
    failed=1
  fi
done
echo "Processor time of all runs: user $total_user s, system $total_system s (on two cores, no less than" \
     "$(( (total_user + total_system + 1) / 2 )) s from start to end)."
exit "$failed"
