import BhashaTestSupport
import Foundation
import Testing

/// Inputs that once broke a fuzz harness (`Scripts/fuzz.sh` copies each crash, leak or timeout
/// into `Fixtures/fuzz-regressions/TARGET/`), replayed through the same checks. A check that
/// fails is recorded as an issue naming the file; a trap inside BhashaKit still stops the run,
/// as it would stop `bhasha`.
@Test(arguments: FuzzHarness.Target.allCases)
func fuzzReproducersStayFixed(target: FuzzHarness.Target) throws {
  let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/fuzz-regressions/\(target.rawValue)")
  let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
  for name in names.sorted() where !name.hasPrefix(".") {
    let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(name)))
    FuzzHarness.run(target, bytes) { Issue.record("\(target.rawValue)/\(name): \($0)") }
  }
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
