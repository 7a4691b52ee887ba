import ArgumentParser
@_spi(Stages) import BhashaKit

#if canImport(Glibc)
  import Glibc
#endif

/// Input flags shared by every subcommand that reads text.
struct InputOptions: ParsableArguments {
  @Argument(help: "Input files; '-' or none reads standard input.")
  var files: [String] = []

  @Flag(help: "Treat invalid UTF-8 as an error (exit 65) instead of keeping its bytes.")
  var strict = false

  @Option(help: "Longest line accepted, in bytes (default 16 MiB); longer lines are an error.")
  var maxLineBytes: Int = LineSplitter.defaultMaxLineBytes

  @Flag(
    help:
      "Script-only rule: Latin letters are English, Bengali letters Bengali (faster; no bn-Latn, as or other Latin-script languages)."
  )
  var scriptOnly = false

  @Option(
    help:
      "Answer only with these languages: comma-separated codes from en, bn, bn-Latn, as and the model's other Latin-script languages (fr, de, vi…). Latin text goes to the best allowed Latin-script language, else other."
  )
  var languages: String?

  /// The codes of `--languages`, or nil for all.
  var allowedLanguages: Set<String>? {
    languages.map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }) }
  }

  @Option(
    help:
      "Binary input (NUL or control bytes at the start): refuse (exit 65), or text (read it as text anyway)."
  )
  var binary: BinaryMode = .refuse

  enum BinaryMode: String, ExpressibleByArgument, CaseIterable {
    case refuse, text
  }

  @Option(
    help: "Worker threads for classification (default: all cores); output is the same for any.")
  var threads: Int?

  /// The number of worker threads: `--threads`, or one per core.
  var workers: Int { max(1, threads ?? ParallelMap.defaultWorkers) }

  /// How many per-thread helpers `prepare` needs (``Analyzer/workerSlots``).
  var workerSlots: Int { Analyzer.Settings(threads: workers).workerSlots }

  @Option(
    help:
      "HTML markup: none, html (tags, comments, script/style bodies and character references are neutral; split keeps markup in the manifest), or auto (html for .html/.htm files)."
  )
  var markup: MarkupMode = .auto

  enum MarkupMode: String, ExpressibleByArgument, CaseIterable {
    case none, html, auto
  }

  /// Whether `path` is read as HTML.
  func readsMarkup(_ path: String) -> Bool {
    switch markup {
    case .none: return false
    case .html: return true
    case .auto:
      let lower = path.lowercased()
      return lower.hasSuffix(".html") || lower.hasSuffix(".htm")
    }
  }

  @Flag(
    name: [.short, .long],
    help: "No progress line and no summary lines on stderr (warnings and errors still show).")
  var quiet = false

  @Flag(help: "Show the progress line on stderr even when it is not a terminal.")
  var progress = false

  @Flag(help: "Write each output record at once (for pipelines that read as they go).")
  var lineBuffered = false

  /// Whether `path` (`-` for standard input) is a regular file, not a pipe or a terminal.
  func isRegularFile(_ path: String) -> Bool {
    var info = stat()
    if path == "-" { return fstat(0, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG }
    return RawPath.status(path).map { ($0.st_mode & S_IFMT) == S_IFREG } ?? false
  }

  /// Whether to draw the progress line: on a terminal unless --quiet, or when forced.
  var showsProgress: Bool { progress || (!quiet && isatty(2) == 1) }

  /// The classifier these options ask for.
  ///
  /// - Throws: ``BhashaError/modelUnavailable(searched:reason:)`` when the model cannot be
  ///   loaded and `--script-only` was not given: never a silent fallback.
  func makeClassifier(alternatives: Int = 0) throws(BhashaError) -> LineClassifier {
    try makeAnalyzer(alternatives: alternatives).classifier
  }

  /// The analyzer these options ask for (HTML markup as given).
  func makeAnalyzer(markup: Bool = false, alternatives: Int = 0) throws(BhashaError) -> Analyzer {
    try Analyzer(
      .init(
        scriptOnly: scriptOnly, threads: workers, markup: markup, languages: allowedLanguages,
        alternatives: alternatives))
  }

  /// An analyzer with these options' threads around an already made `classifier`.
  func makeAnalyzer(classifier: LineClassifier, markup: Bool) -> Analyzer {
    Analyzer(classifier: classifier, settings: .init(threads: workers, markup: markup))
  }

  /// The inputs, `-` for standard input.
  var paths: [String] { files.isEmpty ? ["-"] : files }

  func validate() throws {
    if maxLineBytes < 1 { throw ValidationError("--max-line-bytes must be at least 1") }
    if let allowed = allowedLanguages {
      if scriptOnly {
        throw ValidationError("--languages needs the language model; leave out --script-only")
      }
      let known = LanguageIdentifier.knownCodes(model: LanguageModel.bundled)
      if let unknown = allowed.sorted().first(where: { !known.contains($0) }) {
        throw ValidationError(
          "unknown language '\(unknown)' in --languages (known: \(known.joined(separator: ", ")))")
      }
    }
    if let threads, !(1...1024).contains(threads) {
      throw ValidationError("--threads must be between 1 and 1024")
    }
    if paths.filter({ $0 == "-" }).count > 1 {
      throw ValidationError("standard input ('-') can be read only once")
    }
  }

  /// Checks that every input can be opened before any output is written.
  ///
  /// - Throws: ``BhashaError/cannotOpen(file:reason:)`` or ``BhashaError/isDirectory(file:)``.
  func checkInputsReadable() throws(BhashaError) {
    for path in paths where path != "-" {
      let shown = RawPath.display(path)
      guard let info = RawPath.status(path) else {
        throw .cannotOpen(file: shown, reason: String(cString: strerror(errno)).lowercasedFirst)
      }
      if (info.st_mode & S_IFMT) == S_IFDIR { throw .isDirectory(file: shown) }
      if RawPath.withCString(path, { access($0, R_OK) }) != 0 {
        throw .cannotOpen(file: shown, reason: String(cString: strerror(errno)).lowercasedFirst)
      }
    }
  }

  /// Reads `path` line by line, classifying each line; reports invalid UTF-8 once per file on
  /// stderr (or throws under `--strict`).
  func forEachLine(
    in path: String, classifier: LineClassifier, _ body: (Line, LineAnalysis) throws -> Void
  ) throws {
    try forEachLine(
      in: path, classifier: classifier, prepare: { _, _, _ in () },
      consume: { line, analysis, _ in try body(line, analysis) }, afterBatch: {})
  }

  /// Reads `path` in batches of lines through ``Analyzer/forEachLine(of:prepare:consume:afterBatch:)``
  /// (classification and `prepare` on the worker threads, `consume` in input order here, then
  /// `afterBatch`), drawing the progress line and reporting invalid UTF-8 once per file on
  /// stderr (or throwing under `--strict`).
  func forEachLine<Prepared>(
    in path: String, classifier: LineClassifier,
    prepare: (Line, LineAnalysis, Int) -> Prepared,
    consume body: (Line, LineAnalysis, Prepared) throws -> Void,
    afterBatch: () throws -> Void
  ) throws {
    try withoutActuallyEscaping(prepare) { prepare in
      try forEachLine(
        in: path, classifier: classifier,
        analyze: { line, markup, cache, worker in
          let analysis = classifier.classify(line.content, cache: cache, markup: markup)
          return (analysis, prepare(line, analysis, worker))
        }, consume: body, afterBatch: afterBatch)
    }
  }

  /// ``forEachLine(in:classifier:prepare:consume:afterBatch:)`` with a worker step that does
  /// the analysis too (``Analyzer/forEachLine(of:analyze:consume:afterBatch:)``).
  func forEachLine<Prepared>(
    in path: String, classifier: LineClassifier,
    analyze: (Line, [Range<Int>]?, ScoreCache, Int) -> (LineAnalysis, Prepared),
    consume body: (Line, LineAnalysis, Prepared) throws -> Void,
    afterBatch: () throws -> Void
  ) throws {
    let cursor = try LineCursor(path: path, maxLineBytes: maxLineBytes, sniff: binary == .refuse)
    var meter = showsProgress ? ProgressLine(name: cursor.displayName, total: cursor.fileSize) : nil
    var invalidBytes = 0
    var first: (line: Int, offset: Int)?
    defer { meter?.finish() }
    let analyzer = makeAnalyzer(classifier: classifier, markup: readsMarkup(path))
    try analyzer.forEachLine(
      of: cursor, analyze: analyze,
      consume: { line, analysis, prepared in
        if analysis.invalidBytes > 0 {
          let offset = line.offset + (analysis.firstInvalidOffset ?? 0)
          if strict {
            throw BhashaError.invalidUTF8(
              file: cursor.displayName, line: line.number, byteOffset: offset)
          }
          invalidBytes += analysis.invalidBytes
          if first == nil { first = (line.number, offset) }
        }
        try body(line, analysis, prepared)
      },
      afterBatch: { lines, bytes in
        meter?.advance(bytes: bytes, lines: lines)
        try afterBatch()
      })
    if let first {
      StandardOutput.error(
        "bhasha: warning: \(cursor.displayName):\(first.line): invalid UTF-8 at byte "
          + "\(first.offset) (\(invalidBytes) invalid byte\(invalidBytes == 1 ? "" : "s") in the "
          + "file, kept as they are; --strict makes this an error)")
    }
  }
}

extension String {
  var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
