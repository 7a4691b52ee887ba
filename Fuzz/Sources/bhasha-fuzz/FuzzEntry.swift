@_spi(Stages) import BhashaKit
import Foundation
import FuzzChecks

#if canImport(Glibc)
  import Glibc
#endif

/// The harness named by `BHASHA_FUZZ_TARGET`, or nil when it is unset or unknown.
let selectedTarget: FuzzHarness.Target? = ProcessInfo.processInfo.environment[
  "BHASHA_FUZZ_TARGET"
].flatMap(FuzzHarness.Target.init(rawValue:))

/// Writes `text` and a newline to standard error.
func printError(_ text: String) {
  FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// The harness to run, or exit 2 with a usage line.
func requireTarget() -> FuzzHarness.Target {
  guard let target = selectedTarget else {
    let names = FuzzHarness.Target.allCases.map(\.rawValue).joined(separator: "|")
    printError("bhasha-fuzz: set BHASHA_FUZZ_TARGET to one of \(names)")
    exit(2)
  }
  return target
}

/// libFuzzer calls this once per input. A broken invariant traps, so libFuzzer keeps the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let target = requireTarget()
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  FuzzHarness.run(target, bytes) { message in
    fatalError("bhasha-fuzz \(target.rawValue): \(message)")
  }
  return 0
}
