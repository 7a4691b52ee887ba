import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Paths the tests need: the repository, its Corpora, and ../shared beside it.
public enum Fixtures {
  /// The repository root, found from this file's path.
  public static let root: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  public static var corpora: URL { root.appendingPathComponent("Corpora") }

  /// `../shared` beside the repository, or nil when absent (tests that need it skip).
  public static var shared: URL? {
    let url = root.deletingLastPathComponent().appendingPathComponent("shared")
    return FileManager.default.fileExists(atPath: url.path) ? url : nil
  }

  /// A file in ../shared, or nil when ../shared or the file is absent.
  public static func shared(_ relative: String) -> URL? {
    guard let url = shared?.appendingPathComponent(relative),
      FileManager.default.fileExists(atPath: url.path)
    else { return nil }
    return url
  }

  /// Whether `path` (absolute) exists: for `.enabled(if:)` on tests whose data is optional.
  public static func exists(_ path: String) -> Bool {
    FileManager.default.fileExists(atPath: path)
  }

  /// A fresh temporary folder.
  public static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("bhasha-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}

/// What a run of the `bhasha` binary did.
public struct RunResult: Sendable {
  public var status: Int32
  public var stdout: [UInt8]
  public var stderr: String
  public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
  public var stdoutLines: [String] {
    stdoutText.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
  }
}

/// The built `bhasha` executable, beside the test runner.
public var bhashaExecutable: URL {
  let runner = URL(fileURLWithPath: CommandLine.arguments[0])
  var folder = runner.deletingLastPathComponent()
  // On macOS the runner sits inside an .xctest bundle.
  while folder.path.contains(".xctest") { folder = folder.deletingLastPathComponent() }
  let candidate = folder.appendingPathComponent("bhasha")
  if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
  return Fixtures.root.appendingPathComponent(".build/debug/bhasha")
}

/// Runs `bhasha` with `arguments`, feeding `stdin` (or the file `stdinFile` itself, as a shell's
/// `< FILE` does), reading stdout to the end before waiting (a full pipe would block the child)
/// and stderr through a temporary file.
public func runBhasha(
  _ arguments: [String], stdin: [UInt8]? = nil, stdinFile: URL? = nil,
  currentDirectory: URL? = nil, environment: [String: String] = [:]
) throws -> RunResult {
  // A child that exits before reading all of stdin must not kill the test runner.
  signal(SIGPIPE, SIG_IGN)
  let process = Process()
  process.executableURL = bhashaExecutable
  process.arguments = arguments
  if !environment.isEmpty {
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
  }
  if let currentDirectory { process.currentDirectoryURL = currentDirectory }
  let out = Pipe()
  process.standardOutput = out
  let errURL = FileManager.default.temporaryDirectory
    .appendingPathComponent("bhasha-stderr-\(UUID().uuidString)")
  _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
  let errHandle = try FileHandle(forWritingTo: errURL)
  process.standardError = errHandle
  let input = Pipe()
  if let stdinFile {
    process.standardInput = try FileHandle(forReadingFrom: stdinFile)
  } else {
    process.standardInput = stdin == nil ? FileHandle.nullDevice : input
  }
  try process.run()
  if let stdin {
    let writer = input.fileHandleForWriting
    DispatchQueue.global().async {
      try? writer.write(contentsOf: Data(stdin))
      try? writer.close()
    }
  }
  let data = out.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  try errHandle.close()
  let err = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
  try? FileManager.default.removeItem(at: errURL)
  return RunResult(status: process.terminationStatus, stdout: Array(data), stderr: err)
}

/// Compares `actual` with `Fixtures/NAME` beside the calling test file.
///
/// `RECORD_GOLDENS=1 swift test` writes the file instead, and the test fails so that a fresh
/// golden is reviewed before it counts.
public func assertGolden(
  _ actual: String, named name: String, filePath: String = #filePath,
  sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures").appendingPathComponent(name)
  if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" {
    try actual.write(to: url, atomically: true, encoding: .utf8)
    Issue.record("recorded golden \(name); review it and run again", sourceLocation: sourceLocation)
    return
  }
  guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
    Issue.record(
      "missing golden \(name); run RECORD_GOLDENS=1 swift test", sourceLocation: sourceLocation)
    return
  }
  #expect(actual == expected, "output differs from golden \(name)", sourceLocation: sourceLocation)
}

/// Runs `bhasha` with `BHASHA_REPORT_PEAK_MEMORY` set and returns the result and the peak
/// resident memory (VmHWM, KiB) it reported from `/proc/self/status` as it exited.
public func runBhashaMeasuringMemory(_ arguments: [String]) throws -> (RunResult, Int) {
  let r = try runBhasha(arguments, environment: ["BHASHA_REPORT_PEAK_MEMORY": "1"])
  let line = r.stderr.split(separator: "\n").last { $0.hasPrefix("bhasha: peak memory: ") }
  let kB = line.flatMap { Int($0.dropFirst("bhasha: peak memory: ".count).dropLast(3)) }
  return (r, kB ?? Int.max)
}
