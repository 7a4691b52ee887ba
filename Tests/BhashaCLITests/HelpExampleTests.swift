import BhashaTestSupport
import Foundation
import Testing

/// Runs `script` with /bin/sh in `folder`, the built `bhasha` first on PATH.
func runShell(_ script: String, in folder: URL) throws -> Int32 {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/bin/sh")
  process.arguments = ["-c", script]
  process.currentDirectoryURL = folder
  let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
  process.environment = ProcessInfo.processInfo.environment.merging([
    "PATH": bhashaExecutable.deletingLastPathComponent().path + ":" + path
  ]) { $1 }
  process.standardOutput = FileHandle.nullDevice
  process.standardError = FileHandle.nullDevice
  try process.run()
  process.waitUntilExit()
  return process.terminationStatus
}

/// The example lines of `bhasha ARGUMENTS --help` that start with `prefix`.
func helpExamples(_ arguments: [String], startingWith prefix: String) throws -> [String] {
  try runBhasha(arguments + ["--help"]).stdoutText.split(separator: "\n")
    .map { $0.trimmingCharacters(in: .whitespaces) }
    .filter { $0.hasPrefix(prefix) }
}

let examplePage = "Flood waters rose overnight in Sylhet.\nবন্যার পানি রাতে বেড়েছে।\n"

/// Runs `script` in a fresh folder holding only `examplePage` as `input`, and expects it to
/// succeed and write the page back byte for byte to the file its last word names.
func expectRebuilds(_ script: String, input: String) throws {
  let folder = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  try Data(examplePage.utf8).write(to: folder.appendingPathComponent(input))
  #expect(try runShell(script, in: folder) == 0, "\(script)")
  let output = try #require(script.split(separator: " ").last.map(String.init))
  let rebuilt = try String(contentsOf: folder.appendingPathComponent(output), encoding: .utf8)
  #expect(rebuilt == examplePage, "\(script)")
}

// The help's split-and-merge examples run as written.
@Test func topLevelHelpRoundTripExampleRuns() throws {
  let split = try helpExamples([], startingWith: "bhasha split page.txt")
  let merge = try helpExamples([], startingWith: "bhasha merge out/page.manifest.jsonl")
  #expect(split.count == 1)
  #expect(merge.count == 1)
  try expectRebuilds(
    try #require(split.first) + " && " + (try #require(merge.first)), input: "page.txt")
}

@Test func mergeHelpRebuildExampleRuns() throws {
  let merge = try helpExamples(["merge"], startingWith: "bhasha merge out/news.manifest.jsonl -o")
  #expect(merge.count == 1)
  try expectRebuilds(
    "bhasha split news.txt -o out && " + (try #require(merge.first)), input: "news.txt")
}

// Every help's examples fit the 80 columns the help is wrapped to: a wrapped example cannot be
// copied and run (the top-level round trip once wrapped its output name onto a line of its own).
@Test(arguments: [[], ["classify"], ["split"], ["merge"], ["stats"]])
func helpExamplesAreNotWrapped(command: [String]) throws {
  let lines = try runBhasha(command + ["--help"]).stdoutText.split(
    separator: "\n", omittingEmptySubsequences: false)
  let start = try #require(lines.firstIndex(of: "Examples:"), "\(command)")
  let examples = lines[(start + 1)...].prefix { !$0.isEmpty }
  #expect(!examples.isEmpty)
  for line in examples {
    #expect(line.hasPrefix("  "), "\(command): \(line)")
  }
}
