@_spi(Stages) import BhashaKit
import BhashaTestSupport
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

// One end-to-end test per way a stranger's file can attack or break a run (README: "What
// Bhasha does with bad or hostile input").

/// Splits a small Bengali/English document into `folder/out`; returns the manifest's URL.
private func splitDocument(_ folder: URL, _ extra: [String] = []) throws -> URL {
  let input = folder.appendingPathComponent("news.txt")
  try Data("ঢাকায় আজ বৃষ্টি হয়েছে।\nThe city said pumps ran all night.\nআমি ভাত খাই।\n".utf8)
    .write(to: input)
  let r = try runBhasha(
    ["split", input.path, "-o", folder.appendingPathComponent("out").path] + extra)
  #expect(r.status == 0, "\(r.stderr)")
  return folder.appendingPathComponent("out/news.manifest.jsonl")
}

/// The manifest's lines, with `edit` applied to the header's JSON object.
private func editHeader(_ manifest: URL, _ edit: (inout [String: Any]) -> Void) throws {
  var lines = try String(contentsOf: manifest, encoding: .utf8).split(separator: "\n").map(
    String.init)
  var header = try #require(
    JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
  edit(&header)
  lines[0] = String(decoding: try JSONSerialization.data(withJSONObject: header), as: UTF8.self)
  try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: manifest)
}

private func setStreamFile(_ stream: String, _ file: String) -> (inout [String: Any]) -> Void {
  { header in
    var streams = header["streams"] as? [String: Any] ?? [:]
    var entry = streams[stream] as? [String: Any] ?? [:]
    entry["file"] = file
    streams[stream] = entry
    header["streams"] = streams
  }
}

// MARK: - 1, 2: manifests are untrusted

@Test(arguments: [
  "../../../../../../etc/passwd", "/../../etc/passwd", "/etc/passwd", "..", "a\u{0}b",
  "a\u{1B}[31mred",
])
func manifestCannotNameAFileOutsideItsFolder(file: String) throws {
  let folder = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let manifest = try splitDocument(folder)
  try editHeader(manifest, setStreamFile("en", file))
  let translation = folder.appendingPathComponent("t.txt")
  try Data("x\n".utf8).write(to: translation)
  for extra in [["--bn", translation.path, "--fallback", "source"], []] {
    let r = try runBhasha(["merge", manifest.path] + extra)
    #expect(r.status == 65, "\(file): \(r.stderr)")
    #expect(r.stderr.contains("news.manifest.jsonl:1:"))
    #expect(r.stderr.contains("not a plain file name"))
    #expect(r.stdout.isEmpty)
  }
}

@Test func streamThatIsASymbolicLinkIsRefused() throws {
  let folder = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let manifest = try splitDocument(folder)
  let out = folder.appendingPathComponent("out")
  // A link to /dev/zero (endless, no newline) or to a file outside the folder.
  for target in ["/dev/zero", "/etc/passwd"] {
    try FileManager.default.createSymbolicLink(
      atPath: out.appendingPathComponent("zero").path, withDestinationPath: target)
    try editHeader(manifest, setStreamFile("en", "zero"))
    let r = try runBhasha(["merge", manifest.path])
    #expect(r.status == 66, "\(r.stderr)")
    #expect(r.stderr.contains("symbolic link"))
    #expect(r.stdout.isEmpty)
    try FileManager.default.removeItem(at: out.appendingPathComponent("zero"))
  }
}

@Test func endlessStreamOrManifestStopsAtTheLineLimit() throws {
  let folder = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let manifest = try splitDocument(folder)
  let (stream, streamPeak) = try runBhashaMeasuringMemory(
    ["merge", manifest.path, "--en", "/dev/zero", "--max-line-bytes", "1000000"])
  #expect(stream.status == 65)
  #expect(stream.stderr.contains("line longer than 1000000 bytes"))
  #expect(streamPeak < 100_000, "peak RSS \(streamPeak) KiB")
  let (endless, endlessPeak) = try runBhashaMeasuringMemory([
    "merge", "/dev/zero", "--max-line-bytes", "1000000",
  ])
  #expect(endless.status == 65)
  #expect(endlessPeak < 100_000, "peak RSS \(endlessPeak) KiB")
}

// MARK: - 3, 4: stats reports are untrusted

private func report(bytes: Int, labelBytes: Int? = nil) -> String {
  let c = { (b: Int) in
    #"{"lines":0,"segments":0,"words":0,"embedded_words":0,"graphemes":0,"codepoints":0,"bytes":\#(b),"invalid_bytes":0}"#
  }
  return #"{"schema":1,"total":\#(c(bytes)),"labels":{"en":\#(c(labelBytes ?? bytes))},"files":[]}"#
}

@Test func statsMergeOfHugeCountsIsAnErrorNotACrash() throws {
  let folder = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let r1 = folder.appendingPathComponent("r.json")
  try Data(report(bytes: Int.max - 10).utf8).write(to: r1)
  let r = try runBhasha(["stats", "--merge", r1.path, r1.path])
  #expect(r.status == 65, "\(r.stderr)")
  #expect(r.stderr.contains("counts too large"))
  #expect(!r.stderr.contains("Fatal error"))
  // One huge but consistent report renders in every format.
  for format in StatsFormat.allCases {
    let one = try runBhasha(["stats", "--merge", r1.path, "--format", format.rawValue])
    #expect(one.status == 0, "\(format): \(one.stderr)")
  }
}

@Test(arguments: [
  report(bytes: 1, labelBytes: 1_000_000_000_000_000_000),
  report(bytes: -5),
  #"{"schema":1,"total":{"lines":0,"words":1,"graphemes":0,"codepoints":0,"bytes":0},"labels":{"\u001b[31m":{"lines":0,"words":1,"graphemes":0,"codepoints":0,"bytes":0}}}"#,
  #"{"schema":1,"total":{"lines":0,"words":0,"graphemes":0,"codepoints":0,"bytes":1e300},"labels":{}}"#,
])
func statsMergeRefusesReportsNoRunCouldWrite(text: String) throws {
  let folder = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let file = folder.appendingPathComponent("r.json")
  try Data(text.utf8).write(to: file)
  for format in StatsFormat.allCases {
    let r = try runBhasha(["stats", "--merge", file.path, "--format", format.rawValue])
    #expect(r.status == 65, "\(format): \(r.stderr)")
    #expect(r.stderr.hasPrefix("bhasha: "))
    #expect(r.stdout.isEmpty)
  }
}

// MARK: - 5: bounded memory on blank lines

@Test func tenMillionBlankLinesSplitAndMergeInBoundedMemory() throws {
  let folder = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let input = folder.appendingPathComponent("blank.txt")
  var bytes = Array("আমি ভাত খাই।\n".utf8)
  bytes += [UInt8](repeating: 0x0A, count: 10_000_000)
  bytes += Array("I eat rice.\n".utf8)
  try Data(bytes).write(to: input)
  let out = folder.appendingPathComponent("out")
  let (split, splitPeak) = try runBhashaMeasuringMemory(["split", input.path, "-o", out.path])
  #expect(split.status == 0)
  print("split of 10 M blank lines: peak RSS \(splitPeak) KiB")
  #expect(splitPeak < 100_000)
  // No manifest line holds more than one gap record's worth.
  let manifest = out.appendingPathComponent("blank.manifest.jsonl")
  let longest = try String(contentsOf: manifest, encoding: .utf8).split(separator: "\n").map(
    \.utf8.count
  ).max()
  #expect((longest ?? 0) < 200_000)
  let back = folder.appendingPathComponent("back.txt")
  let (merge, mergePeak) = try runBhashaMeasuringMemory([
    "merge", manifest.path, "-o", back.path,
  ])
  #expect(merge.status == 0)
  print("merge of 10 M blank lines: peak RSS \(mergePeak) KiB")
  #expect(mergePeak < 100_000)
  #expect(FileManager.default.contentsEqual(atPath: input.path, andPath: back.path))
}

// MARK: - 6: signals and leftovers

private func temporaries(in folder: URL) -> [String] {
  ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter {
    $0.contains(".tmp-")
  }
}

/// A 40 MB input, so that a split runs long enough to be interrupted.
private func bigInput(_ folder: URL) throws -> URL {
  let input = folder.appendingPathComponent("big.txt")
  let line = "আমি Facebook এ পোস্ট দিয়েছি, The economy grew 6% this year.\n"
  try Data(String(repeating: line, count: 500_000).utf8).write(to: input)
  return input
}

/// Starts `bhasha split` and waits until its first temporary file appears.
private func startSplit(_ input: URL, _ out: URL) throws -> Process {
  let process = Process()
  process.executableURL = bhashaExecutable
  process.arguments = ["split", input.path, "-o", out.path]
  process.standardOutput = FileHandle.nullDevice
  process.standardError = FileHandle.nullDevice
  try process.run()
  for _ in 0..<400 where temporaries(in: out).isEmpty { usleep(25_000) }
  return process
}

@Test(arguments: [SIGINT, SIGTERM])
func signalDuringSplitLeavesNothingBehind(signal: Int32) throws {
  let folder = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let input = try bigInput(folder)
  let out = folder.appendingPathComponent("out")
  let process = try startSplit(input, out)
  #expect(!temporaries(in: out).isEmpty)
  kill(process.processIdentifier, signal)
  process.waitUntilExit()
  // Died of the signal itself (the shell shows 130 or 143).
  #expect(process.terminationReason == .uncaughtSignal)
  #expect(process.terminationStatus == signal)
  #expect(temporaries(in: out).isEmpty)
  #expect(((try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []).isEmpty)
}

@Test func temporariesOfAKilledRunAreRemovedByTheNextRun() throws {
  let folder = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let input = try bigInput(folder)
  let out = folder.appendingPathComponent("out")
  let process = try startSplit(input, out)
  kill(process.processIdentifier, SIGKILL)
  process.waitUntilExit()
  let left = temporaries(in: out)
  #expect(!left.isEmpty)
  // A temporary of a live process (ours) is kept.
  let live = out.appendingPathComponent(".other.txt.tmp-\(getpid())-1")
  try Data("x".utf8).write(to: live)
  let small = folder.appendingPathComponent("small.txt")
  try Data("আমি ভাত খাই।\n".utf8).write(to: small)
  let r = try runBhasha(["split", small.path, "-o", out.path])
  #expect(r.status == 0)
  #expect(temporaries(in: out) == [live.lastPathComponent])
}

// MARK: - 7: two runs into one folder

@Test func twoSplitsIntoOneFolderNeverReplaceEachOther() throws {
  let folder = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let input = try bigInput(folder)
  let out = folder.appendingPathComponent("out")
  let runs = (0..<2).map { _ -> Process in
    let p = Process()
    p.executableURL = bhashaExecutable
    p.arguments = ["split", input.path, "-o", out.path]
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    return p
  }
  for p in runs { try p.run() }
  for p in runs { p.waitUntilExit() }
  let statuses = runs.map(\.terminationStatus).sorted()
  #expect(statuses == [0, 73])
  #expect(temporaries(in: out).isEmpty)
  // What is there is one run's whole output: it merges back.
  let back = folder.appendingPathComponent("back.txt")
  let merge = try runBhasha([
    "merge", out.appendingPathComponent("big.manifest.jsonl").path, "-o", back.path,
  ])
  #expect(merge.status == 0, "\(merge.stderr)")
}

@Test func commitWithoutReplaceRefusesAFileThatAppearedMeanwhile() throws {
  let folder = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let path = folder.appendingPathComponent("a.txt").path
  let first = try AtomicFileWriter(path: path)
  let second = try AtomicFileWriter(path: path)
  try first.write(Array("first".utf8))
  try second.write(Array("second".utf8))
  try first.commit(replace: false)
  #expect(throws: BhashaError.outputExists(path: path)) { try second.commit(replace: false) }
  #expect(try String(contentsOfFile: path, encoding: .utf8) == "first")
  #expect(temporaries(in: folder).isEmpty)
}

/// `split` puts its manifest's records after the header by appending the scratch file's
/// bytes: any bytes, of any length (several chunks here, no newline at the end), come through
/// unchanged; a file that is not there is an error, not an empty manifest.
@Test func appendingAFileCopiesItsBytesExactly() throws {
  let folder = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  var state: UInt64 = 9
  let bytes = (0..<200_001).map { _ -> UInt8 in
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return UInt8(truncatingIfNeeded: state >> 56)
  }
  let source = folder.appendingPathComponent("body")
  try Data(bytes).write(to: source)
  let path = folder.appendingPathComponent("out").path
  let writer = try AtomicFileWriter(path: path)
  try writer.write(Array("header\n".utf8))
  try writer.append(contentsOfFile: source.path)
  #expect(writer.byteCount == 7 + bytes.count)
  #expect(throws: BhashaError.self) {
    try writer.append(contentsOfFile: folder.appendingPathComponent("missing").path)
  }
  try writer.commit()
  #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(Array("header\n".utf8) + bytes))
}

// MARK: - 8, 9: nothing written before the manifest and streams are checked

@Test func wrongChecksumWritesNothingToStandardOutput() throws {
  let folder = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let manifest = try splitDocument(folder)
  try editHeader(manifest) { $0["sha256"] = String(repeating: "0", count: 64) }
  let r = try runBhasha(["merge", manifest.path])
  #expect(r.status == 65)
  #expect(r.stderr.contains("does not match the source"))
  #expect(r.stdout.isEmpty)
}

@Test(arguments: ["duplicate", "noEnd", "afterEnd", "badIndex", "extraStream"])
func brokenManifestIsRefusedEvenWithATranslation(damage: String) throws {
  let folder = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let manifest = try splitDocument(folder)
  var lines = try String(contentsOf: manifest, encoding: .utf8).split(separator: "\n").map(
    String.init)
  switch damage {
  case "duplicate": lines.insert(lines[2], at: 3)
  case "noEnd": lines.removeLast()
  case "afterEnd": lines.append(lines[1])
  case "badIndex": lines[1] = lines[1].replacingOccurrences(of: "\"index\":0", with: "\"index\":1")
  default:
    lines[1] = lines[1].replacingOccurrences(of: "\"stream\":\"bn\"", with: "\"stream\":\"xx\"")
  }
  try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: manifest)
  let translation = folder.appendingPathComponent("en.txt")
  try Data("The city said pumps ran all night.\n".utf8).write(to: translation)
  let r = try runBhasha(["merge", manifest.path, "--en", translation.path])
  #expect(r.status == 65, "\(damage): \(r.stderr)")
  #expect(r.stderr.contains("news.manifest.jsonl:"), "\(r.stderr)")
  #expect(r.stdout.isEmpty)
}

// MARK: - 10: file names that are not UTF-8

@Test func fileNamesThatAreNotUTF8() throws {
  let folder = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  // Made and named through the shell: Foundation cannot hold such a name.
  let script = """
    set -e
    cd "$1"
    name=$(printf 'bad\\377\\376')
    printf 'আমি ভাত খাই।\\nI eat rice.\\n' > "$name.txt"
    "$2" classify --format tsv "$name.txt"
    "$2" split "$name.txt" -o out 2>/dev/null
    "$2" merge "out/$name.manifest.jsonl" -o back.txt 2>/dev/null
    cmp "$name.txt" back.txt
    ls out | od -c | grep -q '377 376'
    """
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/bin/sh")
  process.arguments = ["-c", script, "sh", folder.path, bhashaExecutable.path]
  let pipe = Pipe()
  process.standardOutput = pipe
  try process.run()
  let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
  process.waitUntilExit()
  #expect(process.terminationStatus == 0)
  #expect(out.hasPrefix(#"bad\xFF\xFE.txt"# + "\t1\tbn\t"), "\(out)")
}

// MARK: - 11, 12: binary input, UTF-16 without a byte-order mark, a BOM

@Test func binaryInputIsRefusedUnlessAskedFor() throws {
  let r = try runBhasha(["stats", "/bin/ls"])
  #expect(r.status == 65)
  #expect(r.stderr.contains("looks like binary data"))
  #expect(r.stderr.contains("--binary text"))
  #expect(r.stdout.isEmpty)
  let forced = try runBhasha(["stats", "--binary", "text", "/bin/ls", "--format", "json"])
  #expect(forced.status == 0)
}

@Test(arguments: [false, true])
func utf16WithoutByteOrderMarkIsRefused(bigEndian: Bool) throws {
  let text = "আমি ভাত খাই। I eat rice.\n"
  let bytes = text.utf16.flatMap { u -> [UInt8] in
    bigEndian ? [UInt8(u >> 8), UInt8(u & 0xFF)] : [UInt8(u & 0xFF), UInt8(u >> 8)]
  }
  let r = try runBhasha(["classify"], stdin: bytes)
  #expect(r.status == 65)
  #expect(r.stderr.contains("UTF-16\(bigEndian ? "BE" : "LE")"))
  #expect(r.stderr.contains("iconv"))
  #expect(r.stdout.isEmpty)
}

@Test func byteOrderMarkStaysInTheManifestNotInTranslation() throws {
  let folder = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let input = folder.appendingPathComponent("bom.txt")
  let bytes = [0xEF, 0xBB, 0xBF] + Array("আমি ভাত খাই।\nI eat rice.\n".utf8)
  try Data(bytes).write(to: input)
  let out = folder.appendingPathComponent("out")
  #expect(try runBhasha(["split", input.path, "-o", out.path, "--format", "jsonl"]).status == 0)
  let bn = try String(contentsOf: out.appendingPathComponent("bom.bn.jsonl"), encoding: .utf8)
  #expect(!bn.contains("\\ufeff") && !bn.contains("\u{FEFF}"))
  let back = folder.appendingPathComponent("back.txt")
  let merge = try runBhasha([
    "merge", out.appendingPathComponent("bom.manifest.jsonl").path, "-o", back.path,
  ])
  #expect(merge.status == 0)
  #expect(FileManager.default.contentsEqual(atPath: input.path, andPath: back.path))
}
