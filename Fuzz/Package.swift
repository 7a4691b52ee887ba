// swift-tools-version: 6.1
// The fuzz harnesses: one executable, `bhasha-fuzz`, whose harness BHASHA_FUZZ_TARGET chooses
// (classify, roundtrip, stats, manifest, report). Built by Scripts/fuzz.sh with
// `-sanitize=fuzzer,address -DBHASHA_LIBFUZZER` (libFuzzer's main); without the flag it replays
// files and folders given as arguments. The checks live in BhashaTestSupport's FuzzHarness, a
// test target of the main package and no product of it (so release builds never compile it):
// Sources/FuzzChecks holds symbolic links to those two files.
import PackageDescription

let package = Package(
  name: "BhashaFuzz",
  dependencies: [
    // Named, so the product references below do not depend on the checkout's folder name.
    .package(name: "Bhasha", path: "..")
  ],
  targets: [
    // Declares libFuzzer's LLVMFuzzerRunDriver (SwiftPM defines `main` for executables).
    .target(name: "CLibFuzzer"),
    .target(name: "FuzzChecks", dependencies: [.product(name: "BhashaKit", package: "Bhasha")]),
    .executableTarget(
      name: "bhasha-fuzz",
      dependencies: [
        "CLibFuzzer", "FuzzChecks", .product(name: "BhashaKit", package: "Bhasha"),
      ]),
  ]
)
