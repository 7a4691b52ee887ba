@_spi(Stages) import BhashaKit
import CLibFuzzer
import Foundation
import FuzzChecks

#if canImport(Glibc)
  import Glibc
#endif

/// Built with `-sanitize=fuzzer -DBHASHA_LIBFUZZER`: libFuzzer's loop, with its command line
/// (`bhasha-fuzz CORPUS... -dict=… -max_total_time=…`; a file argument replays that file).
/// Built without: replays the files given as arguments (folders: every file in them,
/// recursively, in name order) and exits 1 if any check fails. Either way, `--write-seeds DIR`
/// writes the harness's built-in seeds (``FuzzHarness/seeds(for:)``) into DIR and exits.
///
///     BHASHA_FUZZ_TARGET=report bhasha-fuzz Tests/BhashaKitTests/Fixtures/fuzz-regressions/report
@main
struct FuzzMain {
  static func main() {
    let target = requireTarget()
    let arguments = Array(CommandLine.arguments.dropFirst())
    if arguments.count == 2, arguments[0] == "--write-seeds" {
      writeSeeds(target, to: arguments[1])
    }
    // A model that fails to load would quietly fuzz the script-only rule instead.
    guard LanguageModel.bundled != nil else {
      printError("bhasha-fuzz: BhashaKit's bundled language model did not load")
      exit(2)
    }
    #if BHASHA_LIBFUZZER
      var argc = CommandLine.argc
      var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
      exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzerTestOneInput))
    #else
      replay(target, paths: arguments)
    #endif
  }

  static func replay(_ target: FuzzHarness.Target, paths: [String]) -> Never {
    if paths.isEmpty {
      printError("usage: BHASHA_FUZZ_TARGET=\(target.rawValue) bhasha-fuzz FILE|FOLDER...")
      exit(2)
    }
    let files = paths.flatMap(inputs(at:))
    var failed = 0
    for file in files {
      guard let data = FileManager.default.contents(atPath: file) else {
        printError("bhasha-fuzz: cannot read \(file)")
        exit(2)
      }
      var messages: [String] = []
      FuzzHarness.run(target, Array(data)) { messages.append($0) }
      for message in messages { printError("\(file): \(message)") }
      if !messages.isEmpty { failed += 1 }
    }
    printError("bhasha-fuzz \(target.rawValue): replayed \(files.count) inputs, \(failed) failed")
    exit(failed == 0 ? 0 : 1)
  }

  static func writeSeeds(_ target: FuzzHarness.Target, to folder: String) -> Never {
    let url = URL(fileURLWithPath: folder)
    do {
      try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
      for seed in FuzzHarness.seeds(for: target) {
        try Data(seed.bytes).write(to: url.appendingPathComponent("seed-" + seed.name))
      }
    } catch {
      printError("bhasha-fuzz: cannot write seeds to \(folder): \(error)")
      exit(2)
    }
    exit(0)
  }

  /// The file at `path`, or the files under it when it is a folder.
  static func inputs(at path: String) -> [String] {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
      printError("bhasha-fuzz: no such file \(path)")
      exit(2)
    }
    guard isFolder.boolValue else { return [path] }
    let names = FileManager.default.enumerator(atPath: path)?.compactMap { $0 as? String } ?? []
    return names.sorted().map { path + "/" + $0 }.filter { name in
      var folder: ObjCBool = false
      return FileManager.default.fileExists(atPath: name, isDirectory: &folder)
        && !folder.boolValue
    }
  }
}
