import BhashaTestSupport
import Foundation
import Testing

@Test func classifyAnswersEachLineOfAPipeAsItArrives() throws {
  let process = Process()
  process.executableURL = bhashaExecutable
  process.arguments = ["classify", "--format", "tsv"]
  let input = Pipe()
  let output = Pipe()
  process.standardInput = input
  process.standardOutput = output
  process.standardError = FileHandle.nullDevice
  try process.run()
  defer {
    try? input.fileHandleForWriting.close()
    process.waitUntilExit()
  }
  // Lines written one at a time, the pipe left open (as `tail -f` does): each line's record
  // must be read before the next line is written. This is an ordering check, not a timing
  // one: the wait only keeps a broken build from hanging the suite.
  final class Box: @unchecked Sendable { var data = Data() }
  let reader = output.fileHandleForReading
  for (k, line) in ["আমি ভাত খাই।", "I eat rice.", "ami bhat khai"].enumerated() {
    try input.fileHandleForWriting.write(contentsOf: Data((line + "\n").utf8))
    let box = Box()
    let done = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
      box.data = reader.availableData
      done.signal()
    }
    try #require(
      done.wait(timeout: .now() + 120) == .success,
      "no record for line \(k + 1) while the pipe stays open")
    let record = String(decoding: box.data, as: UTF8.self)
    #expect(record.hasPrefix("stdin\t\(k + 1)\t") && record.hasSuffix("\t\(line)\n"), "\(record)")
  }
}

@Test func progressLineWhenAsked() throws {
  let folder = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let input = folder.appendingPathComponent("big.txt")
  try Data(String(repeating: "আমি ভাত খাই। I eat rice.\n", count: 200_000).utf8).write(to: input)
  let shown = try runBhasha(["stats", "--progress", input.path])
  #expect(shown.status == 0)
  #expect(shown.stderr.contains("bhasha: \(input.path) "))
  #expect(shown.stderr.contains(" MB/s"))
  #expect(shown.stderr.contains("left"))
  // Not a terminal, not forced: nothing.
  let quiet = try runBhasha(["stats", input.path])
  #expect(quiet.stderr.isEmpty)
}

@Test func outputIsTheSameForAnyNumberOfThreads() throws {
  let corpora = try FileManager.default.contentsOfDirectory(atPath: Fixtures.corpora.path)
    .filter { $0.hasSuffix(".txt") }.sorted().map {
      Fixtures.corpora.appendingPathComponent($0).path
    }
  var outputs: [String: [UInt8]] = [:]
  for threads in ["1", "2", "3", "7"] {
    let classify = try runBhasha(["classify", "--threads", threads] + corpora)
    let stats = try runBhasha(["stats", "--format", "json", "--threads", threads] + corpora)
    #expect(classify.status == 0 && stats.status == 0)
    let both = classify.stdout + stats.stdout
    if let first = outputs.values.first { #expect(both == first, "--threads \(threads)") }
    outputs[threads] = both
  }
  let bad = try runBhasha(["classify", "--threads", "0"] + corpora)
  #expect(bad.status == 64)
}

@Test func splitBySentenceIsTheSameForAnyNumberOfThreads() throws {
  let folder = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let input = Fixtures.corpora.appendingPathComponent("code-mixed-social.txt").path
  var first: [String: Data]?
  for threads in ["1", "2", "5"] {
    let out = folder.appendingPathComponent("out\(threads)")
    let r = try runBhasha([
      "split", "--unit", "sentence", "--mixed", "spans", "--threads", threads, input, "-o",
      out.path,
    ])
    #expect(r.status == 0)
    var files: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: out.path) {
      files[name] = try Data(contentsOf: out.appendingPathComponent(name))
    }
    if let first { #expect(files == first, "--threads \(threads)") } else { first = files }
  }
}
