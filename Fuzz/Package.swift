// swift-tools-version: 6.1
// The fuzz harnesses: one executable, `bhasha-fuzz`, whose harness BHASHA_FUZZ_TARGET chooses
// (classify, roundtrip, stats, manifest, report). Built by Scripts/fuzz.sh with
// `-sanitize=fuzzer,address -DBHASHA_LIBFUZZER` (libFuzzer's main); without the flag it replays
// files and folders given as arguments. The checks live in BhashaTestSupport's FuzzHarness.
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
    .executableTarget(
      name: "bhasha-fuzz",
      dependencies: [
        "CLibFuzzer",
        .product(name: "BhashaKit", package: "Bhasha"),
        .product(name: "BhashaTestSupport", package: "Bhasha"),
      ]),
  ]
)
