#!/usr/bin/env bash
# Bhasha on Spark, end to end on one machine (master local[2]):
#   Scripts/spark/test-spark.sh
# Installs what is missing (Java 17 from Debian if there is no `java`; PySpark from PyPI into
# .build-spark/venv), writes a few inputs (English and Bengali lines, invalid UTF-8, CRLF and
# lone CR, a byte-order mark, lines that start like one, control bytes past the first 64 KiB, no
# final newline, an empty file, an HTML page, a folder, a glob), runs
# Scripts/spark/bhasha_spark.py over them with small stats shards, and checks against
# single-process bhasha on the same files:
#   - OUT/stats.json equals `bhasha stats --format json FILES` (parsed: totals, labels, and the
#     per-file blocks with their names, in order), and the sharded files were cut in shards;
#   - each OUT/files/*/classify.jsonl equals `bhasha classify FILE` byte for byte;
#   - each OUT/files/*/split/ holds the files `bhasha split FILE` writes, byte for byte, and
#     `bhasha merge` of its manifest rebuilds the input byte for byte;
#   - a binary input and a UTF-16 one make the job exit 65 and are named in errors.jsonl.
# Prints the time of spark-submit beside single-process bhasha on the same input. Exits 1 on any
# mismatch, and when Spark cannot be installed (it never passes without running Spark).
#
# BHASHA=PATH and MODEL=PATH choose the binary and model (default: the debug build and
# Sources/BhashaKit/Resources/languages.bin). PYSPARK_VERSION (default 3.5.7).
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
export LC_ALL=C
PYSPARK_VERSION=${PYSPARK_VERSION:-3.5.7}
VENV=$ROOT/.build-spark/venv
WORK=$ROOT/.build-spark/test

die() {
  echo "test-spark: FAIL: $*" >&2
  exit 1
}
say() { echo "test-spark: $*" >&2; }

# --- what is needed --------------------------------------------------------------------------
BHASHA=${BHASHA:-$ROOT/.build/debug/bhasha}
MODEL=${MODEL:-$ROOT/Sources/BhashaKit/Resources/languages.bin}
if [ ! -x "$BHASHA" ]; then
  say "no $BHASHA: building it (swift build --product bhasha)"
  ./Scripts/setup.sh && swift build --product bhasha >&2 || die "cannot build bhasha"
fi
[ -f "$MODEL" ] || die "no model at $MODEL"
BHASHA=$(cd "$(dirname "$BHASHA")" && pwd)/$(basename "$BHASHA")

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
APT_UPDATED=""
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  if [ -z "$APT_UPDATED" ]; then
    $SUDO apt-get update -qq || return 1
    APT_UPDATED=1
  fi
  $SUDO apt-get install -y -qq "$@" >/dev/null
}

if ! command -v java >/dev/null 2>&1; then
  say "installing Java 17 (openjdk-17-jre-headless)"
  apt_install openjdk-17-jre-headless || die "cannot install Spark: apt-get install openjdk-17-jre-headless failed"
fi
java -version >/dev/null 2>&1 || die "cannot install Spark: java does not run"
if ! command -v python3 >/dev/null 2>&1; then
  say "installing python3"
  apt_install python3 python3-venv || die "cannot install Spark: apt-get install python3 failed"
fi
if ! "$VENV/bin/python" -c "import pyspark, sys; sys.exit(pyspark.__version__ != '$PYSPARK_VERSION')" 2>/dev/null; then
  say "installing pyspark==$PYSPARK_VERSION into .build-spark/venv (PyPI)"
  rm -rf "$VENV"
  if ! python3 -m venv "$VENV" 2>/dev/null; then
    rm -rf "$VENV"
    apt_install python3-venv || die "cannot install Spark: python3 -m venv fails and python3-venv did not install"
    python3 -m venv "$VENV" || die "cannot install Spark: python3 -m venv fails"
  fi
  "$VENV/bin/pip" install -q "pyspark==$PYSPARK_VERSION" ||
    die "cannot install Spark: pip install pyspark==$PYSPARK_VERSION failed"
fi
"$VENV/bin/python" -c "import pyspark" || die "cannot install Spark: pyspark does not import"
export PATH="$VENV/bin:$PATH"
SPARK_HOME=$("$VENV/bin/python" -c "import os, pyspark; print(os.path.dirname(pyspark.__file__))")
export SPARK_HOME
export PYSPARK_PYTHON="$VENV/bin/python" PYSPARK_DRIVER_PYTHON="$VENV/bin/python"
export SPARK_LOCAL_IP=${SPARK_LOCAL_IP:-127.0.0.1}
command -v spark-submit >/dev/null || die "cannot install Spark: no spark-submit in $VENV/bin"
say "$(java -version 2>&1 | head -1); pyspark $("$VENV/bin/python" -c 'import pyspark; print(pyspark.__version__)'); $("$BHASHA" --version | head -1)"

# --- inputs ----------------------------------------------------------------------------------
rm -rf "$WORK"
mkdir -p "$WORK/inputs"
cd "$WORK/inputs" || die "no $WORK/inputs"
"$VENV/bin/python" - "$ROOT/Corpora" <<'EOF' || die "cannot write the inputs"
import os, random, sys
corpora = sys.argv[1]
random.seed(20261122)
lines = []
for name in sorted(os.listdir(corpora)):
    if name.endswith(".txt"):
        with open(os.path.join(corpora, name), "rb") as f:
            lines += [l.rstrip(b"\r\n") for l in f.read().splitlines() if l.strip()]
bengali = [l for l in lines if any(0xE0 <= b for b in l[:3])]
english = [l for l in lines if l[:1].isalpha() and l.isascii()]
assert bengali and english, "no Bengali or English lines in Corpora"

def pick():
    r = random.random()
    return random.choice(bengali if r < 0.45 else english if r < 0.9 else lines)

# mixed.txt: LF, about 200 KB; lines that start with bytes of a byte-order mark (UTF-16 and
# UTF-8), control bytes and NULs after the first 64 KiB, invalid UTF-8, no final newline.
out = []
size = 0
k = 0
while size < 200_000:
    k += 1
    line = pick()
    # Many lines start like a byte-order mark, so that shard cuts land on some of them: a
    # shard must not start there (bhasha refuses an input that starts with FF FE).
    if k % 4 == 0:
        line = b"\xff\xfe" + line          # invalid UTF-8 that starts like a UTF-16 BOM
    elif k % 5 == 0:
        line = b"\xef\xbb\xbf" + line      # a U+FEFF at a line start
    elif k % 37 == 0:
        line = line[:7] + b"\xc0\x80\xed\xa0\x80" + line[7:] + b"\xe0\xa6"
    if size > 100_000 and k % 97 == 0:
        line = b"\x01" * 3000 + b"\x00\x00 " + line   # >5 % control bytes in a 16 KiB shard
    out.append(line + b"\n")
    size += len(line) + 1
with open("mixed.txt", "wb") as f:
    f.write(b"".join(out)[:-1])             # no final newline

# crlf.txt: a UTF-8 BOM, CRLF mostly, some lone CR and LF, blank lines, ends in a lone CR.
out = [b"\xef\xbb\xbf"]
size = 0
k = 0
while size < 150_000:
    k += 1
    line = b"" if k % 23 == 0 else pick()
    term = b"\r" if k % 11 == 0 else b"\n" if k % 13 == 0 else b"\r\n"
    out.append(line + term)
    size += len(line) + len(term)
out.append(b"last line after a lone CR\r")
with open("crlf.txt", "wb") as f:
    f.write(b"".join(out))

# invalid.txt: small, invalid UTF-8 of every kind, CRLF and LF, no final newline.
with open("invalid.txt", "wb") as f:
    f.write(b"ami tomake onek miss kori\n"
            b"\xe0\xa6\x86\xe0\xa6\xae\xe0\xa6\xbf \xff\xfe bad \xc3\x28 \xa0\xa1\r\n"
            b"The price went up by 20%. \xf8\x88\x80\x80\x80 \xed\xbf\xbf\n"
            + english[0] + b" \xe2\x82" + b"\n\n"
            + bengali[0] + b"\xe0\xa6")

# page.html: over 64 KiB, with <script>, <style> and comments across lines: markup state runs
# from line to line, so an HTML input is one shard. Bengali and English paragraphs with an emoji
# (markup after non-ASCII text once trapped: `printf '<p>😀</p>\n' | bhasha stats`).
parts = [b"<!DOCTYPE html>\n<html lang=\"bn\">\n<head>\n<style>\nbody { font: 1em serif; }\n"
         b"p.note:after { content: \"English words in CSS\"; }\n</style>\n</head>\n<body>\n"]
k = 0
while sum(map(len, parts)) < 100_000:
    k += 1
    # Most lines are inside a <script> or a comment, so a cut would land in one.
    if k % 3 == 0:
        parts.append(b"<script>\nvar s = 'This is JavaScript, not English prose';\n"
                     + b"".join(b"// " + random.choice(english) + b"\n" for _ in range(4))
                     + b"</script>\n")
    elif k % 3 == 1:
        parts.append(b"<!-- a comment that goes on\n"
                     + b"".join(random.choice(english) + b"\n" for _ in range(4)) + b"-->\n")
    else:
        text = random.choice(english if k % 2 else bengali)
        parts.append(b"<p class=\"x\">" + text + b" &amp; &#2453; \xf0\x9f\x98\x80</p>\n")
parts.append(b"</body>\n</html>\n")
with open("page.html", "wb") as f:
    f.write(b"".join(parts))

open("empty.txt", "wb").close()
os.makedirs("folder", exist_ok=True)
with open("folder/notes.txt", "wb") as f:
    f.write(b"Notes\r\n" + bengali[1] + b"\r\n" + english[1] + b"\r")
with open("folder/more.txt", "wb") as f:
    f.write(english[2] + b"\n" + bengali[2] + b"\n")
EOF
mkdir -p corpora && cp "$ROOT"/Corpora/*.txt corpora/ || die "cannot copy Corpora"
# The job gets a folder and a glob; single-process bhasha gets the files they stand for.
JOB_ARGS=(mixed.txt crlf.txt invalid.txt page.html empty.txt folder 'corpora/*.txt')
FILES=(mixed.txt crlf.txt invalid.txt page.html empty.txt folder/more.txt folder/notes.txt corpora/*.txt)
INPUT_BYTES=$(cat "${FILES[@]}" | wc -c)
say "${#FILES[@]} inputs, $INPUT_BYTES bytes in $WORK/inputs"

# --- the Spark job ---------------------------------------------------------------------------
export BHASHA_MODEL=$MODEL # for single-process bhasha and the checks: the same model
# No web UI, no progress bar in the log.
SPARK_CONF="--conf spark.ui.enabled=false --conf spark.ui.showConsoleProgress=false"
OUT=$WORK/out
LOG=$WORK/spark.log
t0=$(date +%s%N)
spark-submit --master 'local[2]' $SPARK_CONF "$ROOT/Scripts/spark/bhasha_spark.py" all \
  --bhasha "$BHASHA" --model "$MODEL" --out "$OUT" --chunk-bytes 16384 "${JOB_ARGS[@]}" \
  >"$LOG" 2>&1
status=$?
t1=$(date +%s%N)
grep '^bhasha-spark:' "$LOG" >&2
if [ "$status" != 0 ]; then
  tail -40 "$LOG" >&2
  die "spark-submit exited $status"
fi

# --- single-process bhasha on the same files -------------------------------------------------
SINGLE=$WORK/single
mkdir -p "$SINGLE"
t2=$(date +%s%N)
"$BHASHA" stats --format json "${FILES[@]}" >"$SINGLE/stats.json" 2>/dev/null || die "bhasha stats failed"
k=0
for f in "${FILES[@]}"; do
  k=$((k + 1))
  "$BHASHA" classify "$f" >"$SINGLE/$k.classify.jsonl" 2>/dev/null || die "bhasha classify $f failed"
  "$BHASHA" split "$f" -o "$SINGLE/$k.split" 2>/dev/null || die "bhasha split $f failed"
done
t3=$(date +%s%N)

# --- checks ----------------------------------------------------------------------------------
FAILS=0
bad() {
  echo "test-spark: MISMATCH: $*" >&2
  FAILS=$((FAILS + 1))
}

"$VENV/bin/python" - "$OUT" "$SINGLE/stats.json" "${FILES[@]}" <<'EOF' || bad "stats (see above)"
import json, os, sys
out, single, files = sys.argv[1], sys.argv[2], sys.argv[3:]
spark = json.load(open(os.path.join(out, "stats.json")))
expected = json.load(open(single))
ok = True
def check(cond, what):
    global ok
    if not cond:
        ok = False
        print("test-spark: stats: " + what, file=sys.stderr)
for key in ("schema", "bhasha", "model", "total", "labels"):
    check(spark.get(key) == expected.get(key), "%s differs: spark %s, bhasha %s"
          % (key, json.dumps(spark.get(key)), json.dumps(expected.get(key))))
names = [f["name"] for f in spark["files"]]
check(names == files, "file names %s, expected %s" % (names, files))
for a, b in zip(spark["files"], expected["files"]):
    check(a == b, "block of %s differs:\n  spark  %s\n  bhasha %s" % (b["name"], json.dumps(a), json.dumps(b)))
check(spark == expected, "reports differ")
check(spark["total"]["bytes"] == sum(os.path.getsize(f) for f in files), "total bytes != input size")
inputs = [json.loads(l) for l in open(os.path.join(out, "inputs.jsonl"))]
shards = {r["name"]: r.get("shards") for r in inputs}
check(shards.get("mixed.txt", 0) >= 8, "mixed.txt was not cut in shards: %s" % shards.get("mixed.txt"))
check(shards.get("crlf.txt", 0) >= 6, "crlf.txt was not cut in shards: %s" % shards.get("crlf.txt"))
check(shards.get("page.html") == 1, "page.html (HTML) was cut: %s" % shards.get("page.html"))
check(not os.path.exists(os.path.join(out, "errors.jsonl")), "errors.jsonl exists")
print("test-spark: stats: %d files, %d shards, %d lines, %d bytes: %s" % (
    len(names), sum(v or 0 for v in shards.values()), spark["total"]["lines"],
    spark["total"]["bytes"], "equal to single-process bhasha" if ok else "MISMATCH"), file=sys.stderr)
sys.exit(0 if ok else 1)
EOF

# Per-file reports sum to the whole (stats --merge semantics).
"$BHASHA" stats --merge --format json "$OUT"/files/*/stats.json >"$WORK/remerged.json" 2>/dev/null ||
  bad "bhasha stats --merge of the per-file reports failed"
"$VENV/bin/python" -c "import json,sys; sys.exit(json.load(open(sys.argv[1])) != json.load(open(sys.argv[2])))" \
  "$WORK/remerged.json" "$OUT/stats.json" || bad "the per-file stats.json do not sum to stats.json"

k=0
merged=0
for f in "${FILES[@]}"; do
  k=$((k + 1))
  dir=$(ls -d "$OUT"/files/"$(printf '%04d' "$k")"-* 2>/dev/null | head -1)
  [ -n "$dir" ] || {
    bad "no output folder for input $k ($f)"
    continue
  }
  cmp -s "$dir/classify.jsonl" "$SINGLE/$k.classify.jsonl" || bad "$f: classify.jsonl differs from bhasha classify"
  diff -r "$dir/split" "$SINGLE/$k.split" >/dev/null || bad "$f: split outputs differ from bhasha split"
  manifest=$(ls "$dir"/split/*.manifest.jsonl 2>/dev/null | head -1)
  if [ -z "$manifest" ]; then
    bad "$f: no manifest"
    continue
  fi
  if "$BHASHA" merge "$manifest" -o "$WORK/back" 2>"$WORK/merge.err" && cmp -s "$WORK/back" "$f"; then
    merged=$((merged + 1))
  else
    cat "$WORK/merge.err" >&2
    bad "$f: bhasha merge $(basename "$manifest") does not rebuild it byte for byte"
  fi
  rm -f "$WORK/back"
done
say "classify: ${#FILES[@]} files compared with bhasha classify; split: $merged of ${#FILES[@]} manifests merge back byte for byte"

# Refused inputs fail the job (exit 65) and are named; the others are still written. This run
# uses --installed: the binary and model at their paths on every node (here: this machine).
mkdir -p "$WORK/refused"
head -c 100000 "$BHASHA" >"$WORK/refused/binary.bin"
printf '\xff\xfeh\x00i\x00\n\x00' >"$WORK/refused/utf16.txt"
cp "$WORK/inputs/invalid.txt" "$WORK/refused/fine.txt"
spark-submit --master 'local[2]' $SPARK_CONF "$ROOT/Scripts/spark/bhasha_spark.py" stats --installed \
  --bhasha "$BHASHA" --model "$MODEL" --out "$WORK/refused-out" "$WORK/refused" \
  >"$WORK/refused.log" 2>&1
status=$?
if [ "$status" != 65 ]; then
  tail -20 "$WORK/refused.log" >&2
  bad "a binary and a UTF-16 input: spark job exited $status, expected 65"
elif [ "$(grep -c -e binary.bin -e utf16.txt "$WORK/refused-out/errors.jsonl")" != 2 ] ||
  ! grep -q '"name":"'"$WORK"'/refused/fine.txt"' "$WORK/refused-out/stats.json"; then
  bad "errors.jsonl does not name both refused inputs, or stats.json lacks the good one"
else
  say "refused inputs: exit 65, both named in errors.jsonl, the good one counted"
fi

seconds() { # nanoseconds -> seconds with one decimal
  local tenths=$((($1 + 50000000) / 100000000))
  echo "$((tenths / 10)).$((tenths % 10))"
}
spark_s=$(seconds $((t1 - t0)))
single_s=$(seconds $((t3 - t2)))
printf 'test-spark: timing on the same %d inputs (%d bytes): stats + classify + split\n' "${#FILES[@]}" "$INPUT_BYTES" >&2
printf 'test-spark:   spark-submit --master local[2] (JVM and Spark start included) %7s s\n' "$spark_s" >&2
printf 'test-spark:   single-process bhasha (stats once, classify and split per file) %7s s\n' "$single_s" >&2

if [ "$FAILS" != 0 ]; then
  die "$FAILS mismatches (work folder $WORK)"
fi
say "OK: Spark stats equal single-process bhasha, classify and split outputs are identical, every split merges back byte for byte"
