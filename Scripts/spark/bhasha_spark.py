#!/usr/bin/env python3
"""Runs Bhasha over a set of files (or a folder of text: a data set) on a Spark cluster.

    spark-submit [--master URL] Scripts/spark/bhasha_spark.py [all|stats|classify|split] \
        --bhasha PATH --model PATH --out DIR [options] INPUT...

INPUT: files, folders (every file below them, sorted; names starting with '.' or '_' are
skipped, like Hadoop does) or globs, on any file system Spark reads (a local path, file://,
hdfs://, s3a://...). The binary and its model are shipped to the executors with the job
(SparkContext.addFile, the mechanism behind spark-submit --files) unless --installed says they
are already at those paths on every node.

What runs where:
- stats: every input is cut into shards of whole lines (--chunk-bytes, cut only at a line end,
  never between the CR and LF of a CRLF); each shard is piped through
  `bhasha stats --format json -`; the shards of a file are summed with `bhasha stats --merge`
  on an executor, and the files with `bhasha stats --merge` on the driver, so OUT/stats.json
  is what `bhasha stats --format json INPUT...` gives for the same files, exactly.
- classify: `bhasha classify -` per whole file (line numbers and offsets are the file's); the
  records' "file" is the input's name, as single-process bhasha writes it.
- split: `bhasha split` per whole file; streams and manifest go to the input's own folder, so
  `bhasha merge OUT/files/K/split/NAME.manifest.jsonl` rebuilds that input byte for byte.

Results come back to the driver, which writes OUT (a folder of the driver's machine: run in
client deploy mode, or give a folder every node mounts). OUT is built beside itself under a
temporary name and renamed into place at the end, so a failed run leaves no half-written OUT.

OUT/stats.json            the merged report (bhasha stats --format json), files as named
OUT/stats.txt             the same as a table, per file (bhasha stats --merge --per-file)
OUT/inputs.jsonl          one record per input: index, name, uri, bytes, shards, folder
OUT/files/K-NAME/         per input: stats.json, classify.jsonl, split/NAME.*
OUT/errors.jsonl          inputs bhasha refused (step, exit status, message)

Exit status: 0; 65 when bhasha refused an input (the others are written, stats.json counts only
them); 70 when bhasha crashed on one; 2 or 64 for bad arguments, 66 for a missing input, 73
for an OUT that is not empty.

Only the Python standard library and pyspark are used.
"""

import argparse
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

MODES = ("stats", "classify", "split")
# Bhasha samples the first 64 KiB of an input to refuse binary data and UTF-16/32 without a
# byte-order mark (InputSniffer.sampleBytes); the first shard of a file always holds them.
SNIFF_BYTES = 64 << 10
# A shard never starts with bytes that Bhasha reads as a byte-order mark at the start of an
# input (UTF-16/32 ones are refused; a UTF-8 one is kept, but is avoided too).
BOM_PREFIXES = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff", b"\xef\xbb\xbf")
TERMINATOR = re.compile(rb"[\r\n]")
GLOB_CHARS = re.compile(r"[*?\[\]{}\\]")


# ---------------------------------------------------------------------------------------------
# Pure helpers (also run on the executors)


def is_cut(data, p):
    """Whether a shard may start at byte p: the start of a line (after LF, after a CR not
    followed by LF) that does not start with a byte-order mark."""
    if p <= 0 or p >= len(data):
        return False
    before = data[p - 1]
    if before == 0x0A or (before == 0x0D and data[p] != 0x0A):
        return not any(data.startswith(bom, p) for bom in BOM_PREFIXES)
    return False


def next_cut(data, p):
    """The first valid shard start at or after p, or len(data)."""
    n = len(data)
    while p < n:
        if is_cut(data, p):
            return p
        m = TERMINATOR.search(data, p)
        if m is None:
            return n
        p = m.start() + 1
    return n


def shard_ranges(data, chunk_bytes, whole):
    """Byte ranges [start, end) of whole lines covering data: about chunk_bytes each, the first
    at least SNIFF_BYTES, one range for the whole input when `whole` (HTML: markup state runs
    from line to line) or when the input is small. An empty input is one empty range."""
    n = len(data)
    if whole or n <= max(chunk_bytes, SNIFF_BYTES):
        return [(0, n)]
    ranges = []
    start = 0
    target = max(chunk_bytes, SNIFF_BYTES)
    while start < n:
        end = next_cut(data, target)
        ranges.append((start, end))
        start = end
        target = start + chunk_bytes
    return ranges


def reads_markup(name, markup):
    """bhasha's --markup rule (InputOptions.readsMarkup): auto is html for .html/.htm."""
    if markup == "auto":
        lower = name.lower()
        return lower.endswith(".html") or lower.endswith(".htm")
    return markup == "html"


def display_name(name):
    """RawPath.display: bytes of a name that are not UTF-8 (surrogate escapes) as \\xFF."""
    if not any(0xDC80 <= ord(c) <= 0xDCFF for c in name):
        return name
    return "".join(
        "\\x%02X" % (ord(c) - 0xDC00) if 0xDC80 <= ord(c) <= 0xDCFF else c for c in name
    )


def json_quote(text):
    """JSONText.quote: the same escapes as bhasha's JSON writer."""
    out = ['"']
    for c in text:
        v = ord(c)
        if c == '"':
            out.append('\\"')
        elif c == "\\":
            out.append("\\\\")
        elif c == "\n":
            out.append("\\n")
        elif c == "\r":
            out.append("\\r")
        elif c == "\t":
            out.append("\\t")
        elif v < 0x20 or v in (0x2028, 0x2029, 0xFEFF, 0x7F):
            out.append("\\u%04x" % v)
        else:
            out.append(c)
    out.append('"')
    return "".join(out)


def safe_relative(name):
    """A relative path without '..' or empty parts (so it can be rebuilt under a temporary
    folder and keep the manifest's "source" as bhasha would write it), else None."""
    if not name or name.startswith("/") or "://" in name or ":" in name.split("/")[0]:
        return None
    parts = name.split("/")
    if any(p in ("", ".", "..") for p in parts):
        return None
    return name


def folder_name(index, width, name):
    base = name.rstrip("/").split("/")[-1] or "input"
    base = re.sub(r"[^A-Za-z0-9._+-]", "_", base)[:80]
    return "%0*d-%s" % (width, index + 1, base)


def last_line(text, name=None, status=0):
    """bhasha's error line (the last one on stderr; for a crash, the fatal error and the
    signal), with "stdin" replaced by the input's name."""
    lines = [l for l in text.decode("utf-8", "replace").splitlines() if l.strip()]
    if status < 0:
        fatal = [l for l in lines if "Fatal error" in l or "fatal error" in l]
        return "bhasha crashed (signal %d)%s" % (-status, ": " + fatal[0] if fatal else "")
    own = [l for l in lines if l.startswith(("bhasha:", "Error:"))]
    line = own[-1] if own else lines[-1] if lines else ""
    if name is not None and line.startswith("bhasha: stdin:"):
        line = "bhasha: " + display_name(name) + line[len("bhasha: stdin"):]
    return line


# ---------------------------------------------------------------------------------------------
# Executor side


class Tool:
    """Where bhasha and its model are on this node (shipped with the job, or installed)."""

    def __init__(self, bhasha, model, shipped):
        self.bhasha, self.model, self.shipped = bhasha, model, shipped
        self._resolved = None

    def resolve(self):
        if self._resolved is None:
            if self.shipped:
                from pyspark import SparkFiles

                binary = SparkFiles.get(os.path.basename(self.bhasha))
                model = SparkFiles.get(os.path.basename(self.model))
                if not os.access(binary, os.X_OK):
                    # Files fetched by Spark are normally made executable; copy if not.
                    folder = tempfile.mkdtemp(prefix="bhasha-bin-")
                    copy = os.path.join(folder, "bhasha")
                    shutil.copyfile(binary, copy)
                    os.chmod(copy, 0o755)
                    binary = copy
            else:
                binary, model = self.bhasha, self.model
            env = dict(os.environ)
            env["BHASHA_MODEL"] = model
            self._resolved = (binary, env)
        return self._resolved

    def run(self, args, stdin=None, cwd=None):
        binary, env = self.resolve()
        done = subprocess.run(
            [binary] + args, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env=env, cwd=cwd)
        return done.returncode, done.stdout, done.stderr


def cut_shards(options, chunk_bytes):
    """(index, name, data) -> ((index, shard), (name, start, bytes)) for each shard."""

    def run(record):
        index, name, data = record
        html = reads_markup(name, options["markup"])
        view = memoryview(data)
        return [((index, k), (name, start, bytes(view[start:end])))
                for k, (start, end) in enumerate(shard_ranges(data, chunk_bytes, whole=html))]

    return run


def stats_of_shards(tool, options):
    """A partition of shards -> (index, (shard, start, report JSON, status, message)) each."""

    def run(partition):
        with tempfile.TemporaryDirectory(prefix="bhasha-stats-") as tmp:
            path = os.path.join(tmp, "shard")
            for (index, k), (name, start, data) in partition:
                with open(path, "wb") as f:
                    f.write(data)
                args = ["stats", "--format", "json"]
                args += options["common"] + options["threads"]
                if reads_markup(name, options["markup"]) and options["markup_flag"]:
                    args += ["--markup", "html"]
                if k > 0 and not options["binary_text"]:
                    # Bhasha looks for binary data in an input's first bytes only: a later
                    # shard is not the start of the file and is not sniffed again.
                    args += ["--binary", "text"]
                # The shard as standard input, from a regular file: read as the file would be
                # (a pipe's first read may be shorter than the 64 KiB that bhasha sniffs).
                with open(path, "rb") as f:
                    rc, stdout, stderr = tool.run(args + ["-"], stdin=f)
                if rc != 0:
                    message = last_line(stderr, name, rc)
                    if k > 0:
                        message += " (in the shard at byte %d)" % start
                    yield index, (k, start, None, rc, message)
                else:
                    yield index, (k, start, stdout, 0, "")

    return run


def merge_file_shards(tool, names):
    """(index, shards) -> (index, {"report": file report, "shards": n} or {"error": ...})"""

    def run(item):
        index, shards = item
        shards = sorted(shards, key=lambda s: s[0])
        if [s[0] for s in shards] != list(range(len(shards))):
            raise RuntimeError("shards of input %d lost: %r" % (index, [s[0] for s in shards]))
        bad = [s for s in shards if s[3] != 0]
        if bad:
            _, _, _, rc, message = bad[0]
            return index, {"error": {"step": "stats", "status": rc, "message": message}}
        if len(shards) == 1:
            merged = shards[0][2]
        else:
            with tempfile.TemporaryDirectory(prefix="bhasha-merge-") as tmp:
                paths = []
                for k, _, report, _, _ in shards:
                    p = os.path.join(tmp, "shard-%08d.json" % k)
                    with open(p, "wb") as f:
                        f.write(report)
                    paths.append(p)
                # bhasha sums the shards (and refuses shards of another model).
                rc, merged, stderr = tool.run(["stats", "--merge", "--format", "json"] + paths)
                if rc != 0:
                    return index, {"error": {"step": "stats --merge", "status": rc,
                                             "message": last_line(stderr, None, rc)}}
        report = json.loads(merged)
        block = {"name": display_name(names[index]), "total": report["total"],
                 "labels": report["labels"]}
        out = {k: report[k] for k in ("schema", "bhasha", "model") if k in report}
        out["total"] = report["total"]
        out["labels"] = report["labels"]
        out["files"] = [block]
        return index, {"report": out, "shards": len(shards)}

    return run


def whole_file_work(tool, options, modes):
    """(index, name, data) -> (index, {"classify": bytes, "split": [(name, bytes)], ...})"""

    def run(record):
        index, name, data = record
        result = {"errors": []}
        html = reads_markup(name, options["markup"])
        with tempfile.TemporaryDirectory(prefix="bhasha-file-") as tmp:
            src = os.path.join(tmp, "input")
            with open(src, "wb") as f:
                f.write(data)
            if "classify" in modes:
                args = ["classify", "--format", "jsonl"]
                args += options["common"] + options["threads"]
                if html and options["markup_flag"]:
                    args += ["--markup", "html"]
                with open(src, "rb") as f:
                    rc, stdout, stderr = tool.run(args + ["-"], stdin=f)
                if rc != 0:
                    result["errors"].append({"step": "classify", "status": rc,
                                             "message": last_line(stderr, name, rc)})
                else:
                    # `bhasha classify -` names its input "stdin"; name it as bhasha would.
                    old = b'{"file":"stdin",'
                    new = ('{"file":%s,' % json_quote(display_name(name))).encode(
                        "utf-8", "surrogateescape")
                    lines = stdout.split(b"\n")
                    if lines and lines[-1] == b"":
                        lines.pop()
                    fixed = []
                    for line in lines:
                        if not line.startswith(old):
                            raise RuntimeError("unexpected classify record: %r" % line[:80])
                        fixed.append(new + line[len(old):] + b"\n")
                    result["classify"] = b"".join(fixed)
            if "split" in modes:
                # Rebuild the input under its own relative name, so the manifest's "source"
                # and the streams' NAME are what `bhasha split NAME` writes.
                rel = safe_relative(name) or (name.rstrip("/").split("/")[-1] or "input")
                root = os.path.join(tmp, "src")
                target = os.path.join(root, rel)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                os.link(src, target)
                outdir = os.path.join(tmp, "out")
                args = ["split", rel, "-o", outdir]
                args += options["common"] + options["threads"]
                if options["markup_flag"]:
                    if html:
                        args += ["--markup", "html"]
                    elif reads_markup(name, "auto"):
                        args += ["--markup", "none"]
                args += options["split_args"]
                rc, _, stderr = tool.run(args, cwd=root)
                if rc != 0:
                    result["errors"].append({"step": "split", "status": rc,
                                             "message": last_line(stderr, name, rc)})
                else:
                    files = []
                    for entry in sorted(os.listdir(os.fsencode(outdir))):
                        with open(os.path.join(os.fsencode(outdir), entry), "rb") as f:
                            files.append((entry, f.read()))
                    result["split"] = files
        return index, result

    return run


# ---------------------------------------------------------------------------------------------
# Driver side


def fail(message, status=64):
    print("bhasha-spark: " + message, file=sys.stderr)
    sys.exit(status)


def expand_inputs(sc, args):
    """[(name, uri, size)] in the order given; folders and globs expanded (sorted by name).

    Names are what bhasha would be given in a shell: a file as typed, a folder's files as
    FOLDER/NAME, a local glob's matches as the shell expands them (relative or absolute like
    the pattern); on other file systems the full URI."""
    jvm = sc._jvm
    conf = sc._jsc.hadoopConfiguration()
    out = []

    def walk(fs, status, name):
        if status.isDirectory():
            children = sorted(fs.listStatus(status.getPath()),
                              key=lambda s: s.getPath().getName())
            for child in children:
                child_name = child.getPath().getName()
                if child_name.startswith((".", "_")):
                    continue
                walk(fs, child, name.rstrip("/") + "/" + child_name)
        else:
            out.append((name, status.getPath().toString(), status.getLen()))

    for arg in args:
        if "," in arg:
            fail("%s: a comma in an input name is not supported (Spark reads inputs as a "
                 "comma-separated list)" % arg)
        path = jvm.org.apache.hadoop.fs.Path(arg)
        fs = path.getFileSystem(conf)
        statuses = fs.globStatus(path)
        if statuses is None or len(statuses) == 0:
            fail("%s: no such file or folder" % arg, 66)
        local = "://" not in arg and not arg.startswith("file:")
        for status in sorted(statuses, key=lambda s: s.getPath().toString()):
            if not GLOB_CHARS.search(arg):
                name = arg
            elif local:
                p = status.getPath().toUri().getPath()
                name = p if os.path.isabs(arg) else os.path.relpath(p)
            else:
                name = status.getPath().toString()
            walk(fs, status, name)
    return out


def run_bhasha(tool, args):
    binary, env = tool.resolve()
    done = subprocess.run([binary] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          env=env)
    if done.returncode != 0:
        fail("bhasha %s: %s" % (args[0], last_line(done.stderr, None, done.returncode)),
             done.returncode if done.returncode > 0 else 70)
    return done.stdout


def merge_reports(tool, reports, tmp):
    """Sums per-file reports with `bhasha stats --merge` (in batches, merged again)."""
    paths = []
    for k, report in enumerate(reports):
        p = os.path.join(tmp, "file-%08d.json" % k)
        with open(p, "w", encoding="utf-8", errors="surrogateescape") as f:
            f.write(json.dumps(report, ensure_ascii=False, separators=(",", ":")) + "\n")
        paths.append(p)
    level = 0
    while len(paths) > 1000:
        batch_paths = []
        for b in range(0, len(paths), 1000):
            merged = run_bhasha(tool, ["stats", "--merge", "--format", "json"]
                                + paths[b:b + 1000])
            p = os.path.join(tmp, "merged-%d-%08d.json" % (level, b))
            with open(p, "wb") as f:
                f.write(merged)
            batch_paths.append(p)
        paths, level = batch_paths, level + 1
    return run_bhasha(tool, ["stats", "--merge", "--format", "json"] + paths), paths


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def parse_args(argv):
    mode = "all"
    if argv and argv[0] in MODES + ("all",):
        mode, argv = argv[0], argv[1:]
    p = argparse.ArgumentParser(
        prog="bhasha_spark.py",
        description="Bhasha on Spark: stats (sharded, merged exactly), classify and split per "
        "input file. Modes: all (default), stats, classify, split (first argument), or --mode.")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders or globs")
    p.add_argument("--bhasha", required=True, help="the bhasha executable (static-runtime "
                   "build from Scripts/install.sh for a cluster)")
    p.add_argument("--model", required=True, help="languages.bin")
    p.add_argument("--out", required=True, help="output folder (on the driver); must not "
                   "exist or be empty")
    p.add_argument("--mode", default=None, help="comma-separated: stats,classify,split (all)")
    p.add_argument("--installed", action="store_true", help="--bhasha and --model are "
                   "installed at these paths on every node: do not ship them")
    p.add_argument("--chunk-bytes", type=int, default=64 << 20, help="stats shard size in "
                   "bytes (cut at the next line end; the first shard is at least 64 KiB; "
                   "default 64 MiB)")
    p.add_argument("--partitions", type=int, default=0, help="partitions for the stats "
                   "shards (default: 2 x spark.default.parallelism)")
    p.add_argument("--threads", type=int, default=None, help="bhasha's --threads for each "
                   "task (default: spark.task.cpus, so tasks do not oversubscribe the cores; "
                   "0: bhasha's default, all cores)")
    p.add_argument("--strict", action="store_true")
    p.add_argument("--script-only", action="store_true")
    p.add_argument("--binary", choices=("refuse", "text"), default="refuse")
    p.add_argument("--max-line-bytes", type=int, default=None)
    p.add_argument("--markup", choices=("none", "html", "auto"), default="auto")
    p.add_argument("--split-args", default="", help="more options for bhasha split, one "
                   "string: \"--unit sentence --mixed spans\"")
    a = p.parse_args(argv)
    if a.mode:
        mode = a.mode
    modes = MODES if mode == "all" else tuple(m.strip() for m in mode.split(","))
    for m in modes:
        if m not in MODES:
            p.error("unknown mode %r (stats, classify, split, all)" % m)
    if a.chunk_bytes < 1:
        p.error("--chunk-bytes must be positive")
    a.modes = modes
    return a


def main(argv):
    a = parse_args(argv)
    common = []
    if a.strict:
        common.append("--strict")
    if a.script_only:
        common.append("--script-only")
    if a.binary == "text":
        common += ["--binary", "text"]
    if a.max_line_bytes is not None:
        common += ["--max-line-bytes", str(a.max_line_bytes)]
    options = {"common": common, "threads": [], "markup": a.markup,
               "binary_text": a.binary == "text", "split_args": shlex.split(a.split_args)}

    out = os.path.abspath(a.out)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    if os.path.exists(out) and (not os.path.isdir(out) or os.listdir(out)):
        fail("%s exists and is not an empty folder" % a.out, 73)
    if not a.installed:
        for path in (a.bhasha, a.model):
            if not os.path.isfile(path):
                fail("%s: no such file" % path, 66)

    from pyspark import StorageLevel
    from pyspark.sql import SparkSession

    started = time.time()
    spark = SparkSession.builder.appName("bhasha").getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("WARN")
    if not a.installed:
        sc.addFile(os.path.abspath(a.bhasha))
        sc.addFile(os.path.abspath(a.model))
    tool = Tool(a.bhasha, a.model, shipped=not a.installed)
    # Options of newer bhasha versions are passed only when the binary has them.
    help_text = run_bhasha(tool, ["stats", "--help"]).decode("utf-8", "replace")
    options["markup_flag"] = "--markup" in help_text
    if "--quiet" in help_text:
        options["common"].append("--quiet")
    if a.markup != "auto" and not options["markup_flag"]:
        fail("--markup: this bhasha has no --markup option", 64)
    threads = a.threads
    if threads is None:
        threads = int(sc.getConf().get("spark.task.cpus", "1"))
        if "--threads" not in help_text:
            threads = 0
    if threads > 0:
        if "--threads" not in help_text:
            fail("--threads: this bhasha has no --threads option", 64)
        options["threads"] = ["--threads", str(threads)]

    inputs = expand_inputs(sc, a.inputs)
    names = [name for name, _, _ in inputs]
    width = max(4, len(str(len(inputs))))
    total_bytes = sum(size for _, _, size in inputs)
    version = run_bhasha(tool, ["--version"]).decode("utf-8", "replace").split("\n")[0]
    print("bhasha-spark: %d inputs, %d bytes; modes %s; %s; master %s" % (
        len(inputs), total_bytes, ",".join(a.modes), version, sc.master), file=sys.stderr)

    # Every input's bytes, read once (whole files: sc.binaryFiles keeps every byte).
    indices = {}
    for k, (_, uri, _) in enumerate(inputs):
        indices.setdefault(uri, []).append(k)
    nonempty = [uri for uri in indices if inputs[indices[uri][0]][2] > 0]
    empty = [(k, names[k], b"") for uri, ks in indices.items() if uri not in nonempty for k in ks]
    parts = []
    if nonempty:
        bi = sc.broadcast(indices)
        bn = sc.broadcast(names)
        parts.append(sc.binaryFiles(",".join(nonempty), minPartitions=sc.defaultParallelism)
                     .flatMap(lambda kv: [(k, bn.value[k], kv[1]) for k in bi.value[kv[0]]]))
    if empty:
        parts.append(sc.parallelize(empty, 1))
    files = sc.union(parts) if len(parts) > 1 else parts[0]
    files = files.persist(StorageLevel.MEMORY_AND_DISK)

    errors = {}
    staging = tempfile.mkdtemp(prefix=".%s.partial-" % os.path.basename(out),
                               dir=os.path.dirname(out))
    try:
        shards = {}
        file_reports = {}
        if "stats" in a.modes:
            partitions = a.partitions or max(2, 2 * sc.defaultParallelism)
            per_file = (files.flatMap(cut_shards(options, a.chunk_bytes))
                        .partitionBy(partitions, lambda key: key[0] * 7919 + key[1])
                        .mapPartitions(stats_of_shards(tool, options))
                        .groupByKey(partitions, lambda index: index)
                        .map(merge_file_shards(tool, names))
                        .collect())
            for index, result in per_file:
                if "error" in result:
                    errors.setdefault(index, []).append(result["error"])
                else:
                    file_reports[index] = result["report"]
                    shards[index] = result["shards"]
        if "classify" in a.modes or "split" in a.modes:
            work = files.map(whole_file_work(tool, options, a.modes))
            for index, result in work.toLocalIterator():
                folder = os.path.join(staging, "files", folder_name(index, width, names[index]))
                for e in result["errors"]:
                    errors.setdefault(index, []).append(e)
                if "classify" in result:
                    write(os.path.join(folder, "classify.jsonl"), result["classify"])
                for entry, data in result.get("split", []):
                    write(os.path.join(os.fsencode(folder), b"split", entry), data)

        if "stats" in a.modes and file_reports:
            good = sorted(file_reports)
            with tempfile.TemporaryDirectory(prefix="bhasha-reports-") as tmp:
                merged, _ = merge_reports(tool, [file_reports[k] for k in good], tmp)
            write(os.path.join(staging, "stats.json"), merged)
            report = json.loads(merged)
            for k, block in zip(good, report["files"]):
                one = {key: report[key] for key in ("schema", "bhasha", "model") if key in report}
                one.update(total=block["total"], labels=block["labels"], files=[block])
                folder = os.path.join(staging, "files", folder_name(k, width, names[k]))
                write(os.path.join(folder, "stats.json"), (json.dumps(
                    one, ensure_ascii=False, separators=(",", ":")) + "\n").encode(
                        "utf-8", "surrogateescape"))
            table = run_bhasha(tool, ["stats", "--merge", "--per-file",
                                      os.path.join(staging, "stats.json")])
            write(os.path.join(staging, "stats.txt"), table)

        with open(os.path.join(staging, "inputs.jsonl"), "w", encoding="utf-8",
                  errors="surrogateescape") as f:
            for k, (name, uri, size) in enumerate(inputs):
                record = {"index": k + 1, "name": display_name(name), "uri": uri, "bytes": size,
                          "folder": "files/" + folder_name(k, width, name)}
                if k in shards:
                    record["shards"] = shards[k]
                if k in errors:
                    record["errors"] = errors[k]
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
        if errors:
            with open(os.path.join(staging, "errors.jsonl"), "w", encoding="utf-8",
                      errors="surrogateescape") as f:
                for k in sorted(errors):
                    for e in errors[k]:
                        f.write(json.dumps(dict(name=display_name(names[k]), **e),
                                           ensure_ascii=False) + "\n")
        if os.path.isdir(out):
            os.rmdir(out)  # empty (checked above)
        os.rename(staging, out)
        staging = None
    finally:
        if staging:
            shutil.rmtree(staging, ignore_errors=True)
        spark.stop()

    n_shards = sum(shards.values())
    print("bhasha-spark: wrote %s (%d inputs%s) in %.1f s" % (
        a.out, len(inputs), ", %d stats shards" % n_shards if shards else "",
        time.time() - started), file=sys.stderr)
    if errors:
        for k in sorted(errors):
            for e in errors[k]:
                print("bhasha-spark: %s: %s: %s (exit %d)" % (
                    display_name(names[k]), e["step"], e["message"], e["status"]),
                    file=sys.stderr)
        print("bhasha-spark: %d of %d inputs failed; see %s" % (
            len(errors), len(inputs), os.path.join(a.out, "errors.jsonl")), file=sys.stderr)
        crashed = any(e["status"] < 0 for es in errors.values() for e in es)
        return 70 if crashed else 65
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
