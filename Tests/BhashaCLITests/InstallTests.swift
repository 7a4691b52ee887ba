@_spi(Stages) import BhashaKit
import BhashaTestSupport
import Foundation
import Testing

/// Runs a copy of the built `bhasha` at `binary` on one romanized-Bengali line.
private func classifyWithCopy(
  _ binary: URL, _ extra: [String] = [], environment: [String: String] = [:]
) throws -> (status: Int32, stdout: String, stderr: String) {
  let process = Process()
  process.executableURL = binary
  process.arguments = ["classify", "--format", "tsv"] + extra
  process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
  process.environment?["BHASHA_MODEL"] = environment["BHASHA_MODEL"]
  let input = Pipe()
  let output = Pipe()
  let error = Pipe()
  process.standardInput = input
  process.standardOutput = output
  process.standardError = error
  try process.run()
  try input.fileHandleForWriting.write(contentsOf: Data("ami tomake onek miss kori\n".utf8))
  try input.fileHandleForWriting.close()
  let out = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
  let err = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
  process.waitUntilExit()
  return (process.terminationStatus, out, err)
}

@Test func installedCopyFindsItsModelOrSaysWhereItLooked() throws {
  let prefix = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: prefix) }
  let bin = prefix.appendingPathComponent("bin")
  let share = prefix.appendingPathComponent("share/bhasha")
  try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
  try FileManager.default.createDirectory(at: share, withIntermediateDirectories: true)
  let binary = bin.appendingPathComponent("bhasha")
  try FileManager.default.copyItem(at: bhashaExecutable, to: binary)
  let model = share.appendingPathComponent("languages.bin")
  try FileManager.default.copyItem(
    at: Fixtures.root.appendingPathComponent("Sources/BhashaKit/Resources/languages.bin"),
    to: model)
  // PREFIX/share/bhasha, as Scripts/install.sh lays it out.
  let found = try classifyWithCopy(binary)
  #expect(found.status == 0, "\(found.stderr)")
  #expect(found.stdout == "stdin\t1\tbn-Latn\tami tomake onek miss kori\n")
  // No model: exit 69 with one line naming every place looked at; never a crash, never a
  // silent script-only answer.
  try FileManager.default.moveItem(at: model, to: prefix.appendingPathComponent("elsewhere.bin"))
  let missing = try classifyWithCopy(binary)
  #expect(missing.status == 69)
  #expect(missing.stdout.isEmpty)
  #expect(missing.stderr.split(separator: "\n").count == 1)
  #expect(missing.stderr.contains(share.appendingPathComponent("languages.bin").lastPathComponent))
  #expect(missing.stderr.contains("--script-only"))
  // --script-only runs without it; BHASHA_MODEL points to it.
  let scriptOnly = try classifyWithCopy(binary, ["--script-only"])
  #expect(scriptOnly.status == 0)
  #expect(scriptOnly.stdout == "stdin\t1\ten\tami tomake onek miss kori\n")
  let viaEnvironment = try classifyWithCopy(
    binary, environment: ["BHASHA_MODEL": prefix.appendingPathComponent("elsewhere.bin").path])
  #expect(viaEnvironment.status == 0)
  #expect(viaEnvironment.stdout.contains("\tbn-Latn\t"))
  // A file that is not a model is named as such.
  let garbage = prefix.appendingPathComponent("garbage.bin")
  try Data("not a model".utf8).write(to: garbage)
  let bad = try classifyWithCopy(binary, environment: ["BHASHA_MODEL": garbage.path])
  #expect(bad.status == 69)
  #expect(bad.stderr.contains("garbage.bin: not a Bhasha language model"))
}

@Test func versionNamesToolModelAndICU() throws {
  let r = try runBhasha(["--version"])
  #expect(r.status == 0)
  let lines = r.stdoutLines
  #expect(lines.count == 3)
  #expect(lines.first == "bhasha \(BhashaKit.version)")
  #expect(
    lines.dropFirst().first?.hasPrefix("model: languages.bin v\(LanguageModel.formatVersion), ")
      == true)
  #expect(lines.dropFirst().first?.contains("sha256 ") == true)
  #expect(lines.last == "ICU: \(icuVersion)")
}
