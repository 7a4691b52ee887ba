#!/usr/bin/env bash
# Fuzzes BhashaKit with libFuzzer and AddressSanitizer: Scripts/fuzz.sh [SECONDS] [TARGET...]
#
# SECONDS per harness (default 60); TARGETs among classify, roundtrip, stats, manifest, report
# (default all five). Builds Fuzz/ (the bhasha-fuzz harnesses; checks in
# Tests/BhashaTestSupport/FuzzHarness.swift), seeds each harness from Corpora/, the built-in
# pathological shapes, manifests and stats reports written by `bhasha`, and the saved
# reproducers, then runs it with a dictionary from Fuzz/dictionaries/. Everything it writes
# stays in Fuzz/.build/ (fuzz/corpus/TARGET grows from run to run), except that a crash, leak,
# timeout or out-of-memory input is copied to
# Tests/BhashaKitTests/Fixtures/fuzz-regressions/TARGET/, where FuzzRegressionTests replays it.
# Exits 1 if any harness failed, after running them all and printing a summary table.
set -euo pipefail
cd "$(dirname "$0")/.."

ALL_TARGETS=(classify roundtrip stats manifest report)
SECONDS_EACH=${1:-60}
if ! [[ $SECONDS_EACH =~ ^[0-9]+$ ]] || [ "$SECONDS_EACH" -lt 1 ]; then
  echo "usage: Scripts/fuzz.sh [SECONDS] [${ALL_TARGETS[*]}]..." >&2
  exit 64
fi
shift $(($# > 0 ? 1 : 0))
TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ]; then TARGETS=("${ALL_TARGETS[@]}"); fi
for t in "${TARGETS[@]}"; do
  if ! [[ " ${ALL_TARGETS[*]} " == *" $t "* ]]; then
    echo "fuzz: unknown target '$t' (one of: ${ALL_TARGETS[*]})" >&2
    exit 64
  fi
done

./Scripts/setup.sh

SCRATCH=Fuzz/.build
WORK=$SCRATCH/fuzz
REGRESSIONS=Tests/BhashaKitTests/Fixtures/fuzz-regressions
mkdir -p "$WORK/logs"

# MARK: - Build

# Runs a build quietly; on failure prints the end of its log and returns 1.
build() {
  local name=$1
  shift
  local log=$WORK/logs/build-$name.log
  local start=$SECONDS
  if ! nice -n 10 swift build --package-path Fuzz --scratch-path "$SCRATCH" "$@" >"$log" 2>&1; then
    # gold warns about every ASan symbol it cannot export; they hide the real error.
    sed '/Cannot export local symbol/d' "$log" | tail -40 >&2
    echo "fuzz: build of $name failed (log: $log)" >&2
    return 1
  fi
  echo "fuzz: built $name in $((SECONDS - start)) s"
}

# The harness with libFuzzer's loop and AddressSanitizer. The replay harness (no sanitizers)
# is built only to explain a failure.
build libfuzzer -c release --product bhasha-fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DBHASHA_LIBFUZZER || exit 1
FUZZER=$SCRATCH/release/bhasha-fuzz
REPLAY=$SCRATCH/debug/bhasha-fuzz
# `bhasha` writes manifests and reports for the seeds: the root package's debug build when
# there is one (CI's test.sh has just built it), else one here.
if [ -x .build/debug/bhasha ]; then
  BHASHA=.build/debug/bhasha
else
  build bhasha --product bhasha || exit 1
  BHASHA=$SCRATCH/debug/bhasha
fi
echo "fuzz: manifests and reports for the seeds from $BHASHA"

# MARK: - Seeds

# Option bytes for roundtrip seeds (FuzzHarness.options): units, mixed modes, formats, routing.
OPTION_BYTES=(00 01 03 05 0e 0f 37 5a b4 ff)

# Writes the Corpora files in pieces of at most 2 KiB of whole lines to folder $1 (prefix $2).
corpora_pieces() {
  local file
  for file in Corpora/*.txt Corpora/gold/*.txt; do
    [ -f "$file" ] || continue
    split -C 2048 -d -a 3 "$file" "$1/$2$(basename "$file" .txt)-"
  done
}

# Runs `bhasha` for seeds; a refusal (binary input, say) only means one seed less.
bhasha_quietly() {
  "$BHASHA" "$@" >/dev/null 2>>"$WORK/logs/seeds-bhasha.log" || true
}

# Writes the built-in seeds of harness $1 (FuzzHarness.seeds) to folder $2.
write_seeds() {
  BHASHA_FUZZ_TARGET=$1 ASAN_OPTIONS=detect_leaks=0 "$FUZZER" --write-seeds "$2"
}

make_seeds() {
  local t=$1 dir=$WORK/seeds/$1
  rm -rf "$dir"
  mkdir -p "$dir"
  write_seeds "$t" "$dir"
  case $t in
  classify | stats)
    corpora_pieces "$dir" corpora-
    ;;
  roundtrip)
    local pieces=$WORK/seeds/roundtrip-pieces k=0 piece byte
    rm -rf "$pieces"
    mkdir -p "$pieces"
    corpora_pieces "$pieces" ""
    for piece in "$pieces"/*; do
      for byte in "${OPTION_BYTES[k % 10]}" "${OPTION_BYTES[(k + 3) % 10]}"; do
        { printf "\\x$byte"; cat "$piece"; } >"$dir/corpora-$(basename "$piece")-$byte"
      done
      k=$((k + 1))
    done
    rm -rf "$pieces"
    ;;
  manifest)
    # Manifests (and JSONL streams) of Corpora and the shapes, under several options.
    local out=$WORK/seeds/split inputs=(Corpora/*.txt) args file name
    rm -rf "$out"
    write_seeds classify "$out/shapes"
    inputs+=("$out"/shapes/*)
    for args in "--unit line" "--unit sentence --mixed spans --format jsonl" \
      "--mixed separate --codes flores --romanized separate --assamese separate" \
      "--unit sentence --streams en,bn"; do
      name=$(echo "$args" | tr -cd 'a-z0-9')
      for file in "${inputs[@]}"; do
        # shellcheck disable=SC2086  # $args holds several flags
        bhasha_quietly split "$file" -o "$out/$name" --force $args
      done
      for file in "$out/$name"/*.manifest.jsonl; do
        [ -f "$file" ] && cp "$file" "$dir/cli-$name-$(basename "$file")"
      done
      for file in "$out/$name"/*.en.jsonl; do
        [ -f "$file" ] && cp "$file" "$dir/cli-$name-$(basename "$file")"
      done
    done
    rm -rf "$out"
    ;;
  report)
    # Reports of each Corpora file and shape, and of all of them with a block per file.
    local shapes=$WORK/seeds/report-shapes file
    rm -rf "$shapes"
    write_seeds classify "$shapes"
    for file in Corpora/*.txt "$shapes"/*; do
      "$BHASHA" stats --format json "$file" >"$dir/cli-$(basename "$file").json" \
        2>>"$WORK/logs/seeds-bhasha.log" || rm -f "$dir/cli-$(basename "$file").json"
    done
    "$BHASHA" stats --format json --per-file Corpora/*.txt >"$dir/cli-all.json" \
      2>>"$WORK/logs/seeds-bhasha.log" || rm -f "$dir/cli-all.json"
    rm -rf "$shapes"
    ;;
  esac
  # Empty outputs (a refused input) are no use.
  find "$dir" -type f -empty -delete
}

# MARK: - Fuzz

export SWIFT_BACKTRACE=enable=no # libFuzzer and ASan report crashes themselves
if [ -x /opt/swift/usr/bin/llvm-symbolizer ]; then
  export ASAN_SYMBOLIZER_PATH=/opt/swift/usr/bin/llvm-symbolizer
fi

# A field of libFuzzer's status line $line: `field cov` → 2463.
field() { echo "$line" | sed -nE "s/.*[[:space:]]$1:[[:space:]]*([^[:space:]]+).*/\\1/p"; }

declare -A STATUS RUNS EXECS COV FT CORPUS
FAILED=0
REPLAY_BUILT=no
for t in "${TARGETS[@]}"; do
  case $t in
  manifest | report) dict=Fuzz/dictionaries/json.dict max_len=16384 ;;
  *) dict=Fuzz/dictionaries/text.dict max_len=8192 ;;
  esac
  make_seeds "$t"
  corpus=$WORK/corpus/$t
  artifacts=$WORK/artifacts/$t
  log=$WORK/logs/$t.log
  mkdir -p "$corpus"
  rm -rf "$artifacts"
  mkdir -p "$artifacts"
  inputs=("$corpus" "$WORK/seeds/$t")
  if [ -d "$REGRESSIONS/$t" ]; then inputs+=("$REGRESSIONS/$t"); fi
  echo "fuzz: $t for $SECONDS_EACH s ($(find "$WORK/seeds/$t" -type f | wc -l) seeds; log $log)"
  status=0
  BHASHA_FUZZ_TARGET=$t "$FUZZER" "${inputs[@]}" -dict="$dict" -max_len="$max_len" \
    -max_total_time="$SECONDS_EACH" -timeout=30 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" >"$log" 2>&1 || status=$?

  # Figures from the last status line (DONE, or the last before a crash).
  line=$(grep -E '^#[0-9]+[[:space:]]+(DONE|NEW|REDUCE|pulse|INITED)' "$log" | tail -1 || true)
  RUNS[$t]=$(echo "$line" | sed -nE 's/^#([0-9]+).*/\1/p')
  EXECS[$t]=$(sed -nE 's/^stat::average_exec_per_sec:[[:space:]]*//p' "$log" | tail -1)
  [ -n "${EXECS[$t]}" ] || EXECS[$t]=$(field 'exec/s')
  COV[$t]=$(field cov)
  FT[$t]=$(field ft)
  CORPUS[$t]="$(field corp) $(find "$corpus" -type f | wc -l) files"

  found=$(find "$artifacts" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' \
    -o -name 'oom-*' \) | sort)
  if [ -z "$found" ] && [ "$status" -eq 0 ]; then
    STATUS[$t]=ok
    continue
  fi
  FAILED=1
  STATUS[$t]="FAILED"
  echo "fuzz: $t FAILED (exit $status); from its log:" >&2
  # The harness's message or the sanitizer's, and the top of the stack, demangled.
  grep -E 'Fatal error|ERROR:|SUMMARY:|^ +#[0-9]+ 0x' "$log" | grep -vE 'compiler-rt/|libc\.so' |
    head -14 | swift demangle --simplified | cut -c1-220 | sed 's/^/  /' >&2 || true
  if [ -z "$found" ]; then continue; fi
  mkdir -p "$REGRESSIONS/$t"
  if [ "$REPLAY_BUILT" = no ]; then
    REPLAY_BUILT=$(build replay --product bhasha-fuzz >&2 && echo yes || echo failed)
  fi
  for artifact in $found; do
    kept=$REGRESSIONS/$t/$(basename "$artifact")
    cp "$artifact" "$kept"
    STATUS[$t]="FAILED: $(basename "$artifact" | cut -d- -f1)"
    echo "fuzz: reproducer kept as $kept" >&2
    echo "  replay, no sanitizers:  BHASHA_FUZZ_TARGET=$t $REPLAY $kept" >&2
    echo "  replay, libFuzzer+ASan: BHASHA_FUZZ_TARGET=$t $FUZZER $kept" >&2
    echo "  as a test:              swift test --filter FuzzRegressionTests" >&2
    [ "$REPLAY_BUILT" = yes ] || continue
    echo "  without sanitizers it says:" >&2
    # In a subshell with its stderr dropped: bash would add "Illegal instruction" of its own.
    (BHASHA_FUZZ_TARGET=$t SWIFT_BACKTRACE=enable=yes,color=no,interactive=no \
      "$REPLAY" "$kept" >"$WORK/logs/replay.log" 2>&1 || true) 2>/dev/null
    grep -vE '^\s*$' "$WORK/logs/replay.log" | head -15 | sed 's/^/    /' >&2 || true
  done
done

# MARK: - Summary

echo
printf '%-10s %-16s %10s %8s %7s %8s  %s\n' harness status runs exec/s cov ft corpus
for t in "${TARGETS[@]}"; do
  printf '%-10s %-16s %10s %8s %7s %8s  %s\n' "$t" "${STATUS[$t]}" "${RUNS[$t]:--}" \
    "${EXECS[$t]:--}" "${COV[$t]:--}" "${FT[$t]:--}" "${CORPUS[$t]:--}"
done
if [ "$FAILED" -ne 0 ]; then
  echo "fuzz: failures above; reproducers are in $REGRESSIONS/" >&2
  exit 1
fi
