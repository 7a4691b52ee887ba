// swift-tools-version: 6.2
import PackageDescription

let package = Package(
  name: "Bhasha",
  products: [
    .library(name: "BhashaKit", targets: ["BhashaKit"]),
    .executable(name: "bhasha", targets: ["bhasha"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    // SHA-256 for manifests: BoringSSL's assembly, 30× our first hand-written version.
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
  ],
  targets: [
    // icu-i18n.pc requires icu-uc: one target links both.
    .systemLibrary(
      name: "CICU", pkgConfig: "icu-i18n",
      providers: [.apt(["libicu-dev"]), .brew(["icu4c"])]),
    .target(
      name: "CICUShims", dependencies: ["CICU"],
      linkerSettings: [
        .linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata"),
      ]),
    .target(
      name: "BhashaKit",
      dependencies: ["CICUShims", .product(name: "Crypto", package: "swift-crypto")],
      // Built by Scripts/build-model.sh from wordfreq data (CC BY-SA 4.0): see NOTICE.
      resources: [.copy("Resources/languages.bin"), .copy("Resources/languages.info")]),
    .executableTarget(
      name: "bhasha",
      dependencies: [
        "BhashaKit",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .target(
      name: "BhashaTestSupport", dependencies: ["BhashaKit"], path: "Tests/BhashaTestSupport"),
    .testTarget(
      name: "BhashaKitTests",
      dependencies: [
        "BhashaKit", "BhashaTestSupport",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ],
      exclude: ["Fixtures"]),
    .testTarget(
      name: "BhashaCLITests",
      dependencies: [
        "BhashaKit", "BhashaTestSupport",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ],
      exclude: ["Fixtures"]),
  ]
)
