import BhashaTestSupport
import Foundation
import Testing

/// Inputs that once broke a fuzz harness or the library (`Scripts/fuzz.sh` copies each crash,
/// leak or timeout into `Fixtures/fuzz-regressions/TARGET/`; the README there lists the rest),
/// replayed through the same checks. A check that fails is recorded as an issue naming the
/// file; a trap inside BhashaKit still stops the run, as it would stop `bhasha`. A missing or
/// empty folder, or a folder that names no harness, fails: a wrong path must not pass.
@Test func fuzzReproducersStayFixed() throws {
  let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/fuzz-regressions")
  var replayed = 0
  for entry in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
    let path = folder.appendingPathComponent(entry)
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path.path, isDirectory: &isFolder),
      isFolder.boolValue
    else { continue }
    guard let target = FuzzHarness.Target(rawValue: entry) else {
      Issue.record("fuzz-regressions/\(entry) is not a harness (\(FuzzHarness.Target.allCases))")
      continue
    }
    let names = try FileManager.default.contentsOfDirectory(atPath: path.path)
    for name in names.sorted() where !name.hasPrefix(".") {
      let bytes = try [UInt8](Data(contentsOf: path.appendingPathComponent(name)))
      FuzzHarness.run(target, bytes) { Issue.record("\(entry)/\(name): \($0)") }
      replayed += 1
    }
  }
  #expect(replayed >= 2, "reproducers replayed from \(folder.path): \(replayed)")
}

/// The pathological shapes and edge cases that seed the fuzzer keep every invariant: script
/// switches at every character and word, runs of combining marks, joiners and dandas, invalid
/// UTF-8, CRLF, BOM, NUL; manifests and reports with numbers at the edges of `Int`.
@Test(arguments: FuzzHarness.Target.allCases)
func fuzzSeedsKeepTheInvariants(target: FuzzHarness.Target) {
  for seed in FuzzHarness.seeds(for: target) {
    FuzzHarness.run(target, seed.bytes) { Issue.record("\(target.rawValue)/\(seed.name): \($0)") }
  }
}
