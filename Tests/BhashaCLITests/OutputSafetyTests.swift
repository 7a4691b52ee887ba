import BhashaTestSupport
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

// What an audit found as a hostile user: outputs that replaced inputs or devices, a commit that
// SIGKILL could leave half done, terminal escapes, and refusals that left things behind.

/// The file type bits of `path`, without following a symbolic link.
private func fileType(_ path: String) -> mode_t? {
  var info = stat()
  return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : nil
}

private let mixedText = "আমি ভাত খাই। I eat rice.\nThe river rose overnight.\nবৃষ্টি হবে।\n"

@Test func chartNeverReplacesAnInputOrAnExistingFile() throws {
  let folder = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let input = folder.appendingPathComponent("in.txt")
  try Data(mixedText.utf8).write(to: input)
  let original = read(input)
  // The input itself, under its own name, a hard link and as standard input: never, even
  // with --force.
  let link = folder.appendingPathComponent("link.txt").path
  #expect(Glibc.link(input.path, link) == 0)
  for arguments in [
    ["stats", input.path, "--chart", input.path],
    ["stats", input.path, "--chart", input.path, "--force"],
    ["stats", link, "--chart", input.path, "--force"],
  ] {
    let r = try runBhasha(arguments)
    #expect(r.status == 73, "\(arguments)")
    #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
    #expect(r.stderr.contains("would overwrite an input"), "\(r.stderr)")
    #expect(read(input) == original)
  }
  let fromStdin = try runBhasha(["stats", "-", "--chart", input.path, "--force"], stdinFile: input)
  #expect(fromStdin.status == 73, "\(fromStdin.stderr)")
  #expect(read(input) == original)
  // An existing file (or a symbolic link) only with --force.
  let chart = folder.appendingPathComponent("chart.svg")
  try Data("keep".utf8).write(to: chart)
  let symlink = folder.appendingPathComponent("symlink.svg").path
  #expect(Glibc.symlink(chart.path, symlink) == 0)
  for target in [chart.path, symlink] {
    let refused = try runBhasha(["stats", input.path, "--chart", target])
    #expect(refused.status == 73 && refused.stderr.contains("exists already"), "\(refused.stderr)")
    #expect(read(chart) == Array("keep".utf8))
    #expect(fileType(symlink) == S_IFLNK)
  }
  let forced = try runBhasha(["stats", input.path, "--chart", chart.path, "--force"])
  #expect(forced.status == 0)
  #expect(String(decoding: read(chart), as: UTF8.self).hasPrefix("<svg"))
}

/// `split --force` over an earlier split, killed (SIGKILL, by the test hook) at each step of
/// its commit in turn, each run starting from what the one before left: the folder always
/// merges to the earlier input or the new one, byte for byte.
@Test func splitForceKilledAtEveryCommitStepMergesToTheOldOrTheNewInput() throws {
  let folder = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let input = folder.appendingPathComponent("doc.txt")
  let out = folder.appendingPathComponent("out").path
  let manifest = folder.appendingPathComponent("out/doc.manifest.jsonl").path
  // Different streams in each version: en+bn, then en+bn+other+bn-Latn words, then en only.
  let versions: [[UInt8]] = [
    Array(mixedText.utf8),
    Array("আমি ভাত খাই।\r\nBonjour tout le monde, comment allez-vous ?\nhello there".utf8),
    Array("Only English here.\n\nAnd a second line.\n".utf8),
  ]
  try Data(versions[0]).write(to: input)
  #expect(try runBhasha(["split", input.path, "-o", out, "-q"]).status == 0)
  var current = 0
  var killed = 0
  var sawOld = false
  var sawNew = false
  for step in 1...40 {
    let next = (current + 1) % versions.count
    try Data(versions[next]).write(to: input)
    let run = try runBhasha(
      ["split", input.path, "-o", out, "--force", "-q"],
      environment: ["BHASHA_TEST_KILL_AT_STEP": String(step)])
    let merged = try runBhasha(["merge", manifest, "-q"])
    #expect(merged.status == 0, "step \(step): \(merged.stderr)")
    if run.status == 0 {
      #expect(merged.stdout == versions[next], "step \(step): a finished split")
      current = next
      break
    }
    #expect(run.status == SIGKILL, "step \(step): exit \(run.status) \(run.stderr)")
    killed += 1
    if merged.stdout == versions[next] {
      sawNew = true
      current = next
    } else {
      #expect(merged.stdout == versions[current], "step \(step): neither the old nor the new input")
      sawOld = true
    }
  }
  #expect(killed >= 8, "the commit has at least 8 steps")
  #expect(sawOld && sawNew)
  // Nothing is left of the killed runs after a clean one (second names, temporaries).
  try Data(versions[0]).write(to: input)
  #expect(try runBhasha(["split", input.path, "-o", out, "--force", "-q"]).status == 0)
  let left = try FileManager.default.contentsOfDirectory(atPath: out).filter {
    $0.hasPrefix(".")
  }
  #expect(left.isEmpty, "\(left)")
  #expect(try runBhasha(["merge", manifest, "-q"]).stdout == versions[0])
}

/// Writes `mixedText` to `FOLDER/in.txt` and splits it into `FOLDER/out`; returns the input and
/// the manifest.
private func splitSample(in folder: URL) throws -> (input: String, manifest: String) {
  let input = folder.appendingPathComponent("in.txt")
  try Data(mixedText.utf8).write(to: input)
  let out = folder.appendingPathComponent("out").path
  #expect(try runBhasha(["split", input.path, "-o", out, "-q"]).status == 0)
  return (input.path, out + "/in.manifest.jsonl")
}

@Test(.enabled(if: getuid() == 0, "mknod needs root"))
func mergeIntoADeviceWritesIntoItAndLeavesItADevice() throws {
  let folder = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let (input, manifest) = try splitSample(in: folder)
  // A null device of our own: 1,3 is /dev/null (makedev(1, 3), which Swift does not import).
  let device = folder.appendingPathComponent("null").path
  #expect(mknod(device, S_IFCHR | 0o666, dev_t((1 << 8) | 3)) == 0)
  let refused = try runBhasha(["merge", manifest, "-o", device])
  #expect(refused.status == 73 && refused.stderr.contains("exists already"))
  for arguments in [
    ["merge", manifest, "-o", device, "--force"],
    ["stats", input, "--chart", device, "--force"],
  ] {
    let r = try runBhasha(arguments)
    #expect(r.status == 0, "\(arguments): \(r.stderr)")
    #expect(fileType(device) == S_IFCHR, "\(arguments)")
  }
  #expect(fileType("/dev/null") == S_IFCHR)
}

@Test func mergeIntoAFIFOWritesIntoIt() throws {
  let folder = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let manifest = try splitSample(in: folder).manifest
  let fifo = folder.appendingPathComponent("pipe").path
  #expect(mkfifo(fifo, 0o644) == 0)
  final class Box: @unchecked Sendable { var data = Data() }
  let box = Box()
  let done = DispatchSemaphore(value: 0)
  DispatchQueue.global().async {
    box.data = FileHandle(forReadingAtPath: fifo)?.readDataToEndOfFile() ?? Data()
    done.signal()
  }
  let r = try runBhasha(["merge", manifest, "-o", fifo, "--force", "-q"])
  #expect(r.status == 0, "\(r.stderr)")
  #expect(done.wait(timeout: .now() + 30) == .success)
  #expect(Array(box.data) == Array(mixedText.utf8))
  #expect(fileType(fifo) == S_IFIFO)
}

@Test func controlCharactersNeverReachTheTerminalRaw() throws {
  let folder = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let name = "evil\u{1B}[31mred\u{07}\u{9B}2J.txt"
  let input = folder.appendingPathComponent(name)
  try Data(mixedText.utf8).write(to: input)
  let raw: [UInt8] = [0x1B, 0x07]
  func clean(_ bytes: [UInt8]) -> Bool {
    !bytes.contains(where: raw.contains)
      && !String(decoding: bytes, as: UTF8.self).contains("\u{9B}")
  }
  for format in ["table", "csv", "markdown"] {
    let r = try runBhasha(["stats", "--per-file", "--format", format, input.path])
    #expect(r.status == 0)
    #expect(clean(r.stdout), "\(format): \(r.stdoutText)")
    #expect(r.stdoutText.contains("evil\\u{1b}[31mred\\u{7}\\u{9b}2J.txt"), "\(r.stdoutText)")
  }
  let tsv = try runBhasha(["classify", "--format", "tsv", input.path])
  #expect(clean(tsv.stdout), "\(tsv.stdoutText)")
  let missing = try runBhasha(["classify", input.path + "\u{1B}]0;TITLE\u{07}"])
  #expect(missing.status == 66)
  #expect(clean(Array(missing.stderr.utf8)) && missing.stderr.contains("\\u{1b}]0;TITLE"))
  // The split summary names the file (whose stream names a manifest refuses); a translation
  // record's id is quoted in an error.
  let out = folder.appendingPathComponent("out").path
  let split = try runBhasha(["split", input.path, "-o", out + "-evil"])
  #expect(split.status == 0)
  #expect(clean(Array(split.stderr.utf8)) && split.stderr.contains("\\u{1b}"), "\(split.stderr)")
  let plain = folder.appendingPathComponent("plain.txt")
  try Data(mixedText.utf8).write(to: plain)
  #expect(try runBhasha(["split", plain.path, "-o", out, "--format", "jsonl"]).status == 0)
  let translation = folder.appendingPathComponent("bn.mt.jsonl")
  try Data(#"{"id":"x\u001b]0;TITLE\u0007","text":"I eat rice."}"#.utf8 + [0x0A]).write(
    to: translation)
  let manifest = try FileManager.default.contentsOfDirectory(atPath: out).first {
    $0.hasSuffix(".manifest.jsonl")
  }
  let merged = try runBhasha([
    "merge", out + "/" + (manifest ?? ""), "--bn", translation.path, "--fallback", "source",
  ])
  #expect(merged.status == 65)
  #expect(clean(Array(merged.stderr.utf8)), "\(merged.stderr)")
  #expect(merged.stderr.contains("x\\u{1b}]0;TITLE\\u{7}"), "\(merged.stderr)")
}

@Test func anEmptyLineInATextTranslationIsAMissingTranslation() throws {
  let folder = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  #expect(try split(translationSample, in: folder, ["-q"]).status == 0)
  let manifest = folder.appendingPathComponent("out/news.manifest.jsonl").path
  let bn = String(decoding: read(folder.appendingPathComponent("out/news.bn.txt")), as: UTF8.self)
  var lines = bn.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  lines[1] = ""
  let translation = folder.appendingPathComponent("bn.mt.txt")
  try Data(lines.joined(separator: "\n").utf8).write(to: translation)
  let result = folder.appendingPathComponent("merged.txt")
  let r = try runBhasha(["merge", manifest, "--bn", translation.path, "-o", result.path])
  #expect(r.status == 65)
  #expect(
    r.stderr
      == "bhasha: bn: empty translation on line 2 of the stream (an empty line is a missing translation; --fallback source keeps the original segment)\n"
  )
  #expect(!FileManager.default.fileExists(atPath: result.path))
  let kept = try runBhasha([
    "merge", manifest, "--bn", translation.path, "--fallback", "source", "-o", result.path, "-q",
  ])
  #expect(kept.status == 0, "\(kept.stderr)")
  let original = bn.split(separator: "\n", omittingEmptySubsequences: false)[1]
  #expect(String(decoding: read(result), as: UTF8.self).contains(original))
}

@Test func splitOfStandardInputNeverReplacesItsOwnFile() throws {
  let folder = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let out = folder.appendingPathComponent("out")
  let first = try runBhasha(["split", "-", "-o", out.path, "-q"], stdin: Array(mixedText.utf8))
  #expect(first.status == 0)
  let stream = out.appendingPathComponent("stdin.en.txt")
  let before = read(stream)
  #expect(!before.isEmpty)
  let r = try runBhasha(["split", "-", "-o", out.path, "--force"], stdinFile: stream)
  #expect(r.status == 73)
  #expect(r.stderr.contains("stdin.en.txt: output would overwrite an input"), "\(r.stderr)")
  #expect(read(stream) == before)
}

@Test func aRefusedSplitLeavesNoFolderBehind() throws {
  let folder = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let binary = folder.appendingPathComponent("image.bin")
  try Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 37) }).write(to: binary)
  let long = folder.appendingPathComponent("long.txt")
  try Data((String(repeating: "a", count: 100) + "\n").utf8).write(to: long)
  for (arguments, status) in [
    (["split", binary.path], Int32(65)),
    (["split", long.path, "--max-line-bytes", "10"], 65),
  ] {
    let out = folder.appendingPathComponent("new/deeper")
    let r = try runBhasha(arguments + ["-o", out.path])
    #expect(r.status == status, "\(arguments): \(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("new").path))
  }
  // A folder that was there stays, empty.
  let existing = folder.appendingPathComponent("existing")
  try FileManager.default.createDirectory(at: existing, withIntermediateDirectories: false)
  #expect(try runBhasha(["split", binary.path, "-o", existing.path]).status == 65)
  #expect(try FileManager.default.contentsOfDirectory(atPath: existing.path).isEmpty)
}

@Test func statsMergeReadsReportsUpToMaxLineBytes() throws {
  let folder = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  var inputs: [String] = []
  for k in 0..<40 {
    let file = folder.appendingPathComponent("part\(k).txt")
    try Data(mixedText.utf8).write(to: file)
    inputs.append(file.path)
  }
  let report = try runBhasha(["stats", "--format", "json", "--per-file"] + inputs)
  #expect(report.status == 0)
  let path = folder.appendingPathComponent("report.json")
  try Data(report.stdout).write(to: path)
  let limit = report.stdout.count - 100
  let refused = try runBhasha(["stats", "--merge", path.path, "--max-line-bytes", "\(limit)"])
  #expect(refused.status == 65)
  #expect(refused.stderr.contains("longer than \(limit) bytes"), "\(refused.stderr)")
  #expect(refused.stderr.contains("--max-line-bytes"))
  let read = try runBhasha([
    "stats", "--merge", path.path, "--max-line-bytes", "\(report.stdout.count + 1)",
  ])
  #expect(read.status == 0, "\(read.stderr)")
}

@Test(arguments: [
  (["split", "x.txt"], "bhasha split --help"),
  (["merge"], "bhasha merge --help"),
  (["classify", "--format", "xml"], "bhasha classify --help"),
  (["stats", "--no-such-flag"], "bhasha stats --help"),
  (["classify", "--threads", "0"], "bhasha classify --help"),
  (["--nope"], "bhasha --help"),
])
func argumentErrorsAreOneLineStartingBhasha(arguments: [String], help: String) throws {
  let r = try runBhasha(arguments)
  #expect(r.status == 64)
  #expect(r.stderr.hasPrefix("bhasha: "), "\(r.stderr)")
  #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
  #expect(r.stderr.hasSuffix("(see '\(help)')\n"), "\(r.stderr)")
  #expect(r.stdout.isEmpty)
}
