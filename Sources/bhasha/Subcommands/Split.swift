import ArgumentParser
import BhashaKit

#if canImport(Glibc)
  import Glibc
#endif

extension Bhasha {
  /// `bhasha split`: one output file per language stream.
  struct Split: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Split input into NAME.en.txt, NAME.bn.txt, NAME.other.txt, NAME.neutral.txt.",
      discussion: """
        Each line is written with its original bytes and terminator to the stream of its label. \
        NAME is the input's file name without its last extension ('stdin' for standard input). \
        Outputs are written to temporary files and renamed into place; existing outputs are \
        kept unless --force is given, and an input is never overwritten.
        """)

    @OptionGroup var input: InputOptions

    @Option(name: [.short, .customLong("output")], help: "Output folder (created if missing).")
    var output: String

    @Option(
      help:
        "Where mixed lines go: matrix (their main language's stream), separate (NAME.mixed.txt) or spans (cut at language switches)."
    )
    var mixed: MixedMode = .matrix

    @Option(
      help:
        "Streams to write, comma-separated, from en,bn,other,neutral,mixed; lines of other streams are left out."
    )
    var streams: String = "en,bn,other,neutral,mixed"

    @Flag(help: "Replace existing output files.")
    var force = false

    var selectedStreams: [LineLabel] {
      streams.split(separator: ",").compactMap { LineLabel(rawValue: String($0)) }
    }

    func validate() throws {
      let names = streams.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      if let bad = names.first(where: { LineLabel(rawValue: $0) == nil }) {
        throw ValidationError(
          "unknown stream '\(bad)' in --streams (use en, bn, other, neutral, mixed)")
      }
      let bases = input.paths.map(SplitPlan.baseName)
      if let dup = bases.first(where: { b in bases.filter { $0 == b }.count > 1 }) {
        throw ValidationError(
          "two inputs would write the same outputs (\(dup).*.txt); split them separately")
      }
    }

    func run() throws {
      try runReporting {
        try input.checkInputsReadable()
        try SplitPlan.makeFolder(output)
        let classifier = LineClassifier()
        let router = Router(mixed: mixed)
        let selected = Set(selectedStreams)
        let possible = LineLabel.allCases.filter {
          selected.contains($0) && ($0 != .mixed || mixed == .separate)
        }
        // Check every output before writing any.
        let plans = input.paths.map { SplitPlan(input: $0, folder: output) }
        for plan in plans { try plan.check(streams: possible, inputs: input.paths, force: force) }
        for plan in plans {
          try split(plan, classifier: classifier, router: router, selected: selected)
        }
      }
    }

    private func split(
      _ plan: SplitPlan, classifier: LineClassifier, router: Router, selected: Set<LineLabel>
    ) throws {
      var writers: [LineLabel: AtomicFileWriter] = [:]
      var counts: [LineLabel: Int] = [:]
      var skipped = 0
      var total = 0
      do {
        try input.forEachLine(in: plan.input, classifier: classifier) { line, analysis in
          total += 1
          let pieces = router.pieces(for: analysis, contentLength: line.content.count)
          for (k, piece) in pieces.enumerated() {
            guard selected.contains(piece.stream) else {
              skipped += 1
              continue
            }
            counts[piece.stream, default: 0] += 1
            let writer: AtomicFileWriter
            if let w = writers[piece.stream] {
              writer = w
            } else {
              writer = try AtomicFileWriter(path: plan.path(for: piece.stream))
              writers[piece.stream] = writer
            }
            try writer.write(line.content[piece.range])
            // A cut line's pieces each end a stream line; the last keeps the line's terminator.
            if k + 1 < pieces.count {
              try writer.write(CollectionOfOne(UInt8(0x0A)))
            } else {
              try writer.write(line.terminator.bytes)
            }
          }
        }
        for label in LineLabel.allCases { try writers[label]?.commit() }
      } catch {
        for writer in writers.values { writer.abort() }
        throw error
      }
      let parts = LineLabel.allCases.compactMap { label in
        counts[label].map { "\(label.rawValue) \($0)" }
      }
      var summary = "\(plan.displayName): \(total) line\(total == 1 ? "" : "s")"
      summary += parts.isEmpty ? "" : " → " + parts.joined(separator: ", ")
      summary += " in \(plan.folder)/\(plan.base).*.txt"
      if skipped > 0 { summary += " (\(skipped) left out by --streams)" }
      StandardOutput.error(summary)
    }
  }
}

/// The outputs of `split` for one input.
struct SplitPlan {
  let input: String
  let folder: String
  var displayName: String { input == "-" ? "stdin" : input }
  var base: String { Self.baseName(input) }

  init(input: String, folder: String) {
    self.input = input
    var folder = folder
    while folder.count > 1 && folder.hasSuffix("/") { folder.removeLast() }
    self.folder = folder
  }

  /// The input's file name without folder and last extension; `stdin` for standard input.
  static func baseName(_ path: String) -> String {
    if path == "-" { return "stdin" }
    let name = path.split(separator: "/").last.map(String.init) ?? path
    if let dot = name.lastIndex(of: "."), dot != name.startIndex {
      return String(name[..<dot])
    }
    return name
  }

  func path(for stream: LineLabel) -> String {
    "\(folder)/\(base).\(stream.rawValue).txt"
  }

  /// Refuses outputs that exist (unless `force`) or that are one of the inputs (always).
  func check(streams: [LineLabel], inputs: [String], force: Bool) throws(BhashaError) {
    let inputIDs = inputs.filter { $0 != "-" }.compactMap(Self.fileID)
    for stream in streams {
      let path = path(for: stream)
      guard let id = Self.fileID(path) else { continue }
      if inputIDs.contains(where: { $0 == id }) { throw .outputIsInput(path: path) }
      if !force { throw .outputExists(path: path) }
    }
  }

  static func fileID(_ path: String) -> (UInt, UInt)? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return (UInt(info.st_dev), UInt(info.st_ino))
  }

  /// Creates `folder` and its parents if missing.
  ///
  /// - Throws: ``BhashaError/cannotCreate(path:reason:)``.
  static func makeFolder(_ folder: String) throws(BhashaError) {
    var info = stat()
    if stat(folder, &info) == 0 {
      if (info.st_mode & S_IFMT) != S_IFDIR {
        throw .cannotCreate(path: folder, reason: "exists and is not a directory")
      }
      return
    }
    var path = folder.hasPrefix("/") ? "/" : ""
    for part in folder.split(separator: "/") {
      path += (path.isEmpty || path.hasSuffix("/") ? "" : "/") + part
      if stat(path, &info) == 0 { continue }
      if mkdir(path, 0o755) != 0 && errno != EEXIST {
        throw .cannotCreate(path: folder, reason: String(cString: strerror(errno)).lowercasedFirst)
      }
    }
  }
}
