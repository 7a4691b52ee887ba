import ArgumentParser
@_spi(Stages) import BhashaKit

#if canImport(Glibc)
  import Glibc
#endif

extension Bhasha {
  /// `bhasha split`: one output file per language stream, and a manifest to merge them back.
  struct Split: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Split input into language streams (NAME.en.txt, NAME.bn.txt, …) and a manifest.",
      discussion: """
        Each segment (a line, or a sentence with --unit sentence) goes to the stream of its \
        label. Segments never start or end with white space; white space, line terminators and \
        blank lines stay in NAME.manifest.jsonl, which with the streams rebuilds the input byte \
        for byte ('bhasha merge'). NAME is the input's file name without its last extension \
        ('stdin' for standard input). Outputs are written to temporary files and renamed into \
        place; existing outputs are kept unless --force is given, and an input is never \
        overwritten.

        Examples:
          bhasha split news.txt -o out
          bhasha split --unit sentence --mixed spans --format jsonl page.txt -o out
          bhasha split --codes flores --streams bn,en posts.txt -o for-nllb
        """)

    @OptionGroup var input: InputOptions

    @Option(name: [.short, .customLong("output")], help: "Output folder (created if missing).")
    var output: String

    @Option(
      help:
        "Where mixed lines go: spans (default: cut at language switches, so each stream holds one language), matrix (whole, to their main language's stream) or separate (NAME.mixed.txt)."
    )
    var mixed: MixedMode = .spans

    @Option(
      help:
        "Where romanized Bengali (bn-Latn) goes: bn (the bn stream), separate (NAME.bn-Latn.txt) or other. Shorthand for --route bn-Latn=STREAM."
    )
    var romanized: RomanizedMode = .bn

    @Option(
      help:
        "Where Assamese goes: other, bn, or separate (NAME.as.txt). Shorthand for --route as=STREAM."
    )
    var assamese: AssameseMode = .other

    @Option(
      name: .customLong("route"),
      help: ArgumentHelp(
        "Send a language to a stream: CODE=STREAM, e.g. hi-Latn=hi-Latn (a stream of its own) or bn-Latn=other; repeatable. Defaults: bn-Latn to bn; hi-Latn, as and other to other; each other language to its own.",
        valueName: "code=stream"))
    var route: [String] = []

    @Option(
      help: "Segment unit: line, or sentence (ICU sentence breaks; the danda ends a sentence).")
    var unit: SegmentUnit = .line

    @Option(
      help:
        "Stream format: text (one segment per line) or jsonl ({\"id\",\"lang\",\"text\"} records)."
    )
    var format: StreamFormat = .text

    @Option(
      help:
        "Language codes in file names and records: bcp47 (bn, en) or flores (ben_Beng, eng_Latn).")
    var codes: LanguageCodes = .bcp47

    @Option(
      help:
        "Streams to write, comma-separated, from \(LineLabel.allCases.map(\.rawValue).joined(separator: ",")); segments of the others stay in the manifest."
    )
    var streams: String = LineLabel.allCases.map(\.rawValue).joined(separator: ",")

    @Flag(help: "Replace existing output files.")
    var force = false

    var selectedStreams: Set<LineLabel> {
      Set(streams.split(separator: ",").compactMap { LineLabel(rawValue: String($0)) })
    }

    func validate() throws {
      let names = streams.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      if let bad = names.first(where: { LineLabel(rawValue: $0) == nil }) {
        throw ValidationError(
          "unknown stream '\(bad)' in --streams (use \(Self.labelList))")
      }
      _ = try routes()
      let bases = input.paths.map(SplitPlan.baseName)
      if let dup = bases.first(where: { b in bases.filter { $0 == b }.count > 1 }) {
        throw ValidationError(
          "two inputs would write the same outputs (\(dup).*); split them separately")
      }
    }

    static var labelList: String {
      LineLabel.allCases.map(\.rawValue).joined(separator: ", ")
    }

    /// `--romanized`, `--assamese` and `--route` as one table (a `--route` wins).
    func routes() throws -> [Language: LineLabel] {
      var routes: [Language: LineLabel] = [.bnLatn: romanized.stream, .as: assamese.stream]
      for entry in route {
        let parts = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else {
          throw ValidationError("--route wants CODE=STREAM (e.g. hi-Latn=other), not '\(entry)'")
        }
        guard let language = Language(rawValue: String(parts[0])), language != .neutral else {
          throw ValidationError(
            "unknown language '\(parts[0])' in --route (use \(Language.allCases.filter { $0 != .neutral }.map(\.rawValue).joined(separator: ", ")))"
          )
        }
        guard let stream = LineLabel(rawValue: String(parts[1])), stream != .mixed else {
          throw ValidationError(
            "unknown stream '\(parts[1])' in --route (use \(Language.allCases.map(\.rawValue).joined(separator: ", ")))"
          )
        }
        routes[language] = stream
      }
      return routes
    }

    func run() throws {
      try runReporting {
        try input.checkInputsReadable()
        let classifier = try input.makeClassifier()
        let created = try SplitPlan.makeFolder(output)
        // A refused split (binary input, a line too long) leaves no folder it made behind.
        do {
          try splitAll(classifier: classifier)
        } catch {
          SplitPlan.removeEmpty(created)
          throw error
        }
      }
    }

    private func splitAll(classifier: LineClassifier) throws {
      // Temporary files of a run that was killed outright (SIGKILL, power loss).
      TemporaryFiles.removeStale(in: output)
      var options = DocumentSplitter.Options(
        unit: unit, mixed: mixed, routes: try routes(), codes: codes, format: format,
        streams: selectedStreams)
      options.model = BhashaKit.modelID(scriptOnly: input.scriptOnly)
      let plans = input.paths.map { SplitPlan(input: $0, folder: output) }
      // Check every output before writing any.
      for plan in plans {
        let splitter = try DocumentSplitter(
          name: plan.base, source: plan.displayName, options: options, classifier: classifier)
        let names =
          LineLabel.allCases.map { splitter.fileName($0) } + [splitter.manifestName]
        try plan.check(names: names, inputs: input.paths, force: force)
      }
      for plan in plans {
        try split(plan, options: options, classifier: classifier)
      }
    }

    private func split(
      _ plan: SplitPlan, options: DocumentSplitter.Options, classifier: LineClassifier
    ) throws {
      var options = options
      options.markup = input.readsMarkup(plan.input)
      let splitter = try DocumentSplitter(
        name: plan.base, source: plan.displayName, options: options, classifier: classifier)
      var writers: [LineLabel: AtomicFileWriter] = [:]
      var lines = 0
      // Manifest records go to a scratch file first: the header (with the checksum) comes first.
      let body = try AtomicFileWriter(path: plan.path(".\(splitter.manifestName).body"))
      do {
        // One planner per worker: sentence units are cut and classified on the workers.
        let planners = try (0..<input.workerSlots).map { _ in
          try SegmentPlanner(options: options, classifier: classifier)
        }
        try input.forEachLine(
          in: plan.input, classifier: classifier,
          analyze: { line, markup, cache, worker in
            planners[worker].plan(line, markup: markup, cache: cache)
          },
          consume: { line, _, pieces in
            lines += 1
            for output in splitter.add(line, pieces: pieces) {
              switch output {
              case .manifest(let record):
                try body.write(record)
              case .stream(let stream, let bytes):
                if writers[stream] == nil {
                  writers[stream] = try AtomicFileWriter(path: plan.path(splitter.fileName(stream)))
                }
                try writers[stream]?.write(bytes)
              }
            }
          }, afterBatch: {})
        try body.write(splitter.finish().trailer)
        try body.flush()
        let labels = LineLabel.allCases.filter { writers[$0] != nil }
        let streams = labels.compactMap { writers[$0] }
        let manifestPath = plan.path(splitter.manifestName)
        // The manifest, naming each stream's file as given.
        func manifest(_ names: [String]) throws(BhashaError) -> AtomicFileWriter {
          let header = splitter.finish(
            fileNames: Dictionary(uniqueKeysWithValues: zip(labels, names))
          ).header
          let writer = try AtomicFileWriter(path: manifestPath)
          do throws(BhashaError) {
            try writer.write(header)
            try writer.append(contentsOfFile: body.temporaryPath)
          } catch {
            writer.abort()
            throw error
          }
          return writer
        }
        if force {
          // Over an earlier split: the folder holds the old or the new generation throughout.
          try AtomicFileWriter.commitGeneration(
            streams: streams, manifestPath: manifestPath, manifest: manifest)
        } else {
          // All outputs or none, the manifest last; an output that appeared meanwhile
          // (another run into the same folder) is an error, never silently replaced.
          let names = labels.map { splitter.fileName($0) }
          try AtomicFileWriter.commitAll(streams + [try manifest(names)], replace: false)
        }
        body.abort()
      } catch {
        body.abort()
        for writer in writers.values { writer.abort() }
        throw error
      }
      if input.quiet { return }
      let total = splitter.streamsWritten.reduce(0) { $0 + splitter.segmentCount($1) }
      let parts = splitter.streamsWritten.map {
        "\(options.codes.code($0)) \(splitter.segmentCount($0))"
      }
      var summary = "\(plan.displayName): \(counted(lines, "line"))"
      summary +=
        total == 0
        ? " → no segments"
        : " → \(counted(total, "segment")) (\(parts.joined(separator: ", ")))"
      summary += " in \(RawPath.display(plan.folder))/\(RawPath.display(plan.base)).*"
      StandardOutput.error(summary)
    }
  }
}

/// "1 line", "2 lines".
func counted(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

extension SegmentUnit: ExpressibleByArgument {}
extension RomanizedMode: ExpressibleByArgument {}
extension AssameseMode: ExpressibleByArgument {}
extension StreamFormat: ExpressibleByArgument {}
extension LanguageCodes: ExpressibleByArgument {}

/// The outputs of `split` for one input.
struct SplitPlan {
  let input: String
  let folder: String
  var displayName: String { input == "-" ? "stdin" : RawPath.display(input) }
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

  func path(_ name: String) -> String { "\(folder)/\(name)" }

  /// Refuses outputs that exist (unless `force`) or that are one of the inputs (always,
  /// standard input included).
  func check(names: [String], inputs: [String], force: Bool) throws(BhashaError) {
    for name in names {
      try FileIdentity.checkOutput(path(name), inputs: inputs, force: force)
    }
  }

  /// Creates `folder` and its parents if missing.
  ///
  /// - Returns: the folders it created, parents first.
  /// - Throws: ``BhashaError/cannotCreate(path:reason:)``.
  static func makeFolder(_ folder: String) throws(BhashaError) -> [String] {
    let shown = RawPath.display(folder)
    if let info = RawPath.status(folder) {
      if (info.st_mode & S_IFMT) != S_IFDIR {
        throw .cannotCreate(path: shown, reason: "exists and is not a directory")
      }
      return []
    }
    var created: [String] = []
    var path = folder.hasPrefix("/") ? "/" : ""
    for part in folder.split(separator: "/") {
      path += (path.isEmpty || path.hasSuffix("/") ? "" : "/") + part
      if RawPath.status(path) != nil { continue }
      if RawPath.withCString(path, { mkdir($0, 0o755) }) == 0 {
        created.append(path)
      } else if errno != EEXIST {
        let reason = String(cString: strerror(errno)).lowercasedFirst
        removeEmpty(created)
        throw .cannotCreate(path: shown, reason: reason)
      }
    }
    return created
  }

  /// Removes the folders `makeFolder` created, innermost first, as long as they are empty
  /// (`rmdir` never removes anything else).
  static func removeEmpty(_ created: [String]) {
    for path in created.reversed() {
      if RawPath.withCString(path, { rmdir($0) }) != 0 { return }
    }
  }
}
