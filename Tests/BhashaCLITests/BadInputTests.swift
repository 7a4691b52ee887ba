import BhashaTestSupport
import Foundation
import Testing

@Test func missingFileExits66() throws {
  let r = try runBhasha(["classify", "/nonexistent/nothing.txt"])
  #expect(r.status == 66)
  #expect(r.stderr == "bhasha: /nonexistent/nothing.txt: cannot open: no such file or directory\n")
  #expect(r.stdout.isEmpty)
}

@Test func folderGivenAsFileExits66() throws {
  let folder = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  for command in ["classify", "stats"] {
    let r = try runBhasha([command, folder.path])
    #expect(r.status == 66)
    #expect(r.stderr == "bhasha: \(folder.path): is a directory, not a file\n")
  }
}

@Test func invalidUTF8IsKeptAndReportedOnce() throws {
  let bytes = Array("ok\nআমি ".utf8) + [0xFF, 0xFE, 0x0A] + [0xC3, 0x0A]
  let r = try runBhasha(["classify"], stdin: bytes)
  #expect(r.status == 0)
  #expect(r.stdoutLines.count == 3)
  #expect(r.stderr.hasPrefix("bhasha: warning: stdin:2: invalid UTF-8 at byte 13 (3 invalid bytes"))
  #expect(r.stderr.split(separator: "\n").count == 1)
  let stats = try runBhasha(["stats", "--format", "json"], stdin: bytes)
  #expect(stats.stdoutText.contains("\"bytes\":\(bytes.count),\"invalid_bytes\":3}"))
}

@Test func strictMakesInvalidUTF8Exit65() throws {
  let bytes = Array("ok\nআমি ".utf8) + [0xFF, 0x0A]
  let r = try runBhasha(["classify", "--strict"], stdin: bytes)
  #expect(r.status == 65)
  #expect(r.stderr == "bhasha: stdin:2: invalid UTF-8 at byte 13 (drop --strict to keep going)\n")
}

@Test func unwritableOutputFolderExits73() throws {
  let folder = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let file = folder.appendingPathComponent("plain-file")
  try Data("x".utf8).write(to: file)
  let r = try runBhasha(
    ["split", "-o", file.appendingPathComponent("sub").path], stdin: Array("hi\n".utf8))
  #expect(r.status == 73)
  #expect(r.stderr.hasPrefix("bhasha: "))
  #expect(r.stderr.split(separator: "\n").count == 1)
  let r2 = try runBhasha(["split", "-o", file.path], stdin: Array("hi\n".utf8))
  #expect(r2.status == 73)
  #expect(r2.stderr.contains("exists and is not a directory"))
}

@Test func badFlagsExit64() throws {
  #expect(try runBhasha(["classify", "--format", "xml"]).status == 64)
  #expect(try runBhasha(["split", "-o", "/tmp/x", "--streams", "en,fr"]).status == 64)
  #expect(try runBhasha(["stats", "--merge"]).status == 64)
  #expect(try runBhasha(["classify", "--max-line-bytes", "0"]).status == 64)
}

@Test func utf16InputIsRefusedClearly() throws {
  let r = try runBhasha(["classify"], stdin: [0xFF, 0xFE, 0x61, 0x00, 0x0A, 0x00])
  #expect(r.status == 65)
  #expect(r.stderr.contains("looks like UTF-16LE"))
}

@Test func overlongLineExits65() throws {
  let r = try runBhasha(
    ["classify", "--max-line-bytes", "10"], stdin: Array("short\nthis line is too long\n".utf8))
  #expect(r.status == 65)
  #expect(
    r.stderr
      == "bhasha: stdin:2: line longer than 10 bytes (raise --max-line-bytes if this is real text)\n"
  )
}

@Test func emptyInputGivesNoRecordsAndZeroStats() throws {
  let r = try runBhasha(["classify"], stdin: [])
  #expect(r.status == 0)
  #expect(r.stdout.isEmpty)
  let s = try runBhasha(["stats", "--format", "json"], stdin: [])
  #expect(s.stdoutText.hasPrefix("{\"schema\":1,\"bhasha\":"))
  #expect(s.stdoutText.contains(",\"total\":{\"lines\":0,"))
}

@Test(arguments: [
  ("clasify", "did you mean 'classify'?"), ("split2", "did you mean 'split'?"),
  ("stat", "did you mean 'stats'?"), ("news.txt", "unknown command 'news.txt' (commands:"),
])
func mistypedCommandGetsASuggestion(typed: String, expected: String) throws {
  let r = try runBhasha([typed, "x.txt"])
  #expect(r.status == 64)
  #expect(r.stderr.contains(expected), "\(r.stderr)")
  #expect(r.stderr.split(separator: "\n").count == 1)
}

@Test func quietSplitAndMergePrintNothing() throws {
  let folder = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let input = folder.appendingPathComponent("one.txt")
  try Data("আমি ভাত খাই।\n".utf8).write(to: input)
  let out = folder.appendingPathComponent("out")
  let split = try runBhasha(["split", input.path, "-o", out.path, "--quiet"])
  #expect(split.status == 0)
  #expect(split.stderr.isEmpty)
  let merge = try runBhasha([
    "merge", out.appendingPathComponent("one.manifest.jsonl").path, "-q", "-o",
    folder.appendingPathComponent("back.txt").path,
  ])
  #expect(merge.status == 0)
  #expect(merge.stderr.isEmpty)
  // Without --quiet, one line with correct plurals.
  let again = try runBhasha(["split", input.path, "-o", out.path, "--force"])
  #expect(again.stderr.contains("one.txt: 1 line → 1 segment (bn 1) in "))
}

@Test func everySubcommandsHelpHasExamples() throws {
  for command in ["classify", "split", "merge", "stats"] {
    let r = try runBhasha([command, "--help"])
    #expect(r.status == 0)
    #expect(r.stdoutText.contains("Examples:"), "\(command)")
    #expect(r.stdoutText.contains("bhasha \(command) "), "\(command)")
  }
}
