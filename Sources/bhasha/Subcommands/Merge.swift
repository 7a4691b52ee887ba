import ArgumentParser
@_spi(Stages) import BhashaKit

#if canImport(Glibc)
  import Glibc
#endif

extension Bhasha {
  /// `bhasha merge`: rebuild a document from its manifest and (translated) streams.
  struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Rebuild a split document from its manifest, replacing streams with translations.",
      discussion: """
        Streams not given on the command line are read from beside the manifest. Text streams \
        are matched by position (same segment count); JSONL streams by id, in any order. With \
        every stream unchanged the output is the source, byte for byte, checked against the \
        manifest's SHA-256. The manifest is checked as it is read (stream files must be plain \
        names in its folder; records complete and in order) and nothing is written before \
        every check has passed.

        Examples:
          bhasha merge out/news.manifest.jsonl -o news.rebuilt.txt
          bhasha merge out/news.manifest.jsonl --bn news.bn.mt.txt > news.en-only.txt
          bhasha merge out/page.manifest.jsonl --bn mt.jsonl --fallback source -o en.txt
        """)

    enum Fallback: String, ExpressibleByArgument, CaseIterable {
      /// A missing translation (a JSONL id not there, an empty record or text line) is an
      /// error.
      case none
      /// A missing (JSONL) or empty (text) translation keeps the original segment.
      case source
    }

    @Argument(help: "The manifest written by 'bhasha split' (NAME.manifest.jsonl).")
    var manifest: String

    @Option(help: "English stream (translation) to use instead of the one beside the manifest.")
    var en: String?
    @Option(help: "Bengali stream (translation) to use instead of the one beside the manifest.")
    var bn: String?
    @Option(help: "'other' stream to use instead of the one beside the manifest.")
    var other: String?
    @Option(
      name: .customLong("stream"),
      help: ArgumentHelp(
        "A stream (translation) to use instead of the one beside the manifest: CODE=FILE, e.g. hi-Latn=posts.hi.mt.txt; repeatable. --en, --bn and --other are shorthands.",
        valueName: "code=file"))
    var stream: [String] = []

    @Option(name: [.short, .customLong("output")], help: "Output file (default: standard output).")
    var output: String?

    @Option(help: "Where a translation is missing: none (an error) or source (keep the original).")
    var fallback: Fallback = .none

    @Flag(help: "Replace an existing output file.")
    var force = false

    @Flag(name: [.short, .long], help: "Print no summary line on stderr.")
    var quiet = false

    @Option(
      help:
        "Longest stream line accepted, in bytes (default 16 MiB); manifest and JSONL lines may be 6 times that plus 64 KiB (JSON escapes)."
    )
    var maxLineBytes: Int = LineSplitter.defaultMaxLineBytes

    func validate() throws {
      if maxLineBytes < 1 { throw ValidationError("--max-line-bytes must be at least 1") }
      _ = try streamOverrides()
    }

    /// `--stream CODE=FILE` entries and the `--en`/`--bn`/`--other` shorthands, by stream
    /// (a code in either scheme: `hi-Latn`, `ben_Beng`).
    func streamOverrides() throws -> [LineLabel: String] {
      var overrides: [LineLabel: String] = [.en: en, .bn: bn, .other: other].compactMapValues {
        $0
      }
      for entry in stream {
        let parts = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[1].isEmpty else {
          throw ValidationError("--stream wants CODE=FILE (e.g. bn=news.bn.mt.txt), not '\(entry)'")
        }
        guard let label = LanguageCodes.stream(String(parts[0])) else {
          throw ValidationError(
            "unknown stream '\(parts[0])' in --stream (use \(LineLabel.allCases.map(\.rawValue).joined(separator: ", ")))"
          )
        }
        if overrides[label] != nil {
          throw ValidationError("two files given for the \(label.rawValue) stream")
        }
        overrides[label] = String(parts[1])
      }
      return overrides
    }

    /// The longest manifest or JSONL line: a segment of `maxLineBytes` with every byte
    /// escaped (`\u0001` is 6 bytes), plus room for the record's keys.
    var maxEncodedLineBytes: Int {
      maxLineBytes > (Int.max - (64 << 10)) / 6 ? Int.max / 2 : 6 * maxLineBytes + (64 << 10)
    }

    func run() throws {
      try runReporting {
        let shownManifest = RawPath.display(manifest)
        let manifestCursor = try LineCursor(path: manifest, maxLineBytes: maxEncodedLineBytes)
        guard let first = try manifestCursor.next() else {
          throw BhashaError.badManifest(file: shownManifest, line: 1, reason: "empty file")
        }
        let header = try DocumentMerger.header(first.content, file: shownManifest)
        let folder = Self.folder(of: manifest)
        let folderFD = RawPath.withCString(folder.isEmpty ? "." : folder) {
          open($0, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        }
        guard folderFD >= 0 else {
          throw BhashaError.cannotOpen(
            file: RawPath.display(folder), reason: String(cString: strerror(errno)).lowercasedFirst)
        }
        defer { close(folderFD) }
        let overrides = try streamOverrides()
        if let extra = overrides.keys.sorted(by: { $0.rawValue < $1.rawValue }).first(where: { s in
          !header.streams.keys.contains { LanguageCodes.stream($0) == s }
        }) {
          throw BhashaError.usage(
            "a \(extra.rawValue) stream given, but the manifest has no \(extra.rawValue) stream")
        }
        func beside(_ info: ManifestHeader.Stream) throws(BhashaError) -> SegmentReader {
          let shown = RawPath.display(folder + info.file)
          let cursor = try DocumentMerger.openStream(
            named: info.file, inFolder: folderFD, shownAs: shown,
            maxLineBytes: header.format == .text ? maxLineBytes : maxEncodedLineBytes,
            manifest: shownManifest)
          return SegmentReader(
            cursor: cursor, format: header.format, file: shown, expectedSHA256: info.sha256)
        }
        var streams: [String: StreamSegments] = [:]
        var originals: [String: StreamSegments] = [:]
        var replaced: [String] = []
        for (code, info) in header.streams.sorted(by: { $0.key < $1.key }) {
          if let stream = LanguageCodes.stream(code), let path = overrides[stream] {
            let format: StreamFormat =
              path.hasSuffix(".jsonl") ? .jsonl : path.hasSuffix(".txt") ? .text : header.format
            let shown = RawPath.display(path)
            switch format {
            case .text:
              let cursor = try LineCursor(path: path, maxLineBytes: maxLineBytes)
              streams[code] = .sequential(
                SegmentReader(cursor: cursor, format: .text, file: shown, expectedSHA256: nil))
            case .jsonl:
              // Matched by id in any order: held in memory (the translation only).
              var lines: [Line] = []
              try LineReader(path: path, maxLineBytes: maxEncodedLineBytes).forEachLine {
                lines.append($0)
              }
              streams[code] = try DocumentMerger.segments(of: lines, format: .jsonl, file: shown)
            }
            replaced.append(code)
            if fallback == .source { originals[code] = .sequential(try beside(info)) }
          } else {
            streams[code] = .sequential(try beside(info))
          }
        }
        let entries = AnySequence { () -> AnyIterator<Result<ManifestEntry, BhashaError>> in
          var number = 1
          var failed = false
          return AnyIterator {
            if failed { return nil }
            do throws(BhashaError) {
              guard let line = try manifestCursor.next() else { return nil }
              number += 1
              return .success(
                try DocumentMerger.entry(line.content, file: shownManifest, number: number))
            } catch {
              failed = true
              return .failure(error)
            }
          }
        }
        if let output { TemporaryFiles.removeStale(in: Self.folder(of: output)) }
        // Output goes somewhere temporary first: nothing is released before every check passed.
        let writer = try output.map { path throws(BhashaError) -> AtomicFileWriter in
          let inputs =
            [manifest] + header.streams.values.map { folder + $0.file } + overrides.values
          try FileIdentity.checkOutput(path, inputs: inputs, force: force)
          return try AtomicFileWriter(path: path)
        }
        let scratch = writer == nil ? try ScratchFile() : nil
        var hash = SHA256()
        do {
          try DocumentMerger.merge(
            header: header, entries: entries, streams: streams, originals: originals,
            manifest: shownManifest
          ) { bytes in
            hash.update(bytes)
            if let writer { try writer.write(bytes) } else { try scratch?.write(bytes) }
          }
          let digest = hash.hexDigest()
          if replaced.isEmpty && digest != header.sha256 {
            throw BhashaError.checksumMismatch(expected: header.sha256, found: digest)
          }
          try writer?.commit(replace: force)
          try scratch?.copy(toDescriptor: 1)
          let source = header.source.forTerminal
          if !quiet {
            StandardOutput.error(
              replaced.isEmpty
                ? "bhasha: merge: rebuilt \(source) byte for byte (sha256 \(digest.prefix(16))…)"
                : "bhasha: merge: \(source) with translated \(replaced.sorted().joined(separator: ", "))"
            )
          }
        } catch {
          writer?.abort()
          throw error
        }
      }
    }

    /// The folder of `path`, with a trailing slash ("" for the current folder).
    static func folder(of path: String) -> String {
      guard let slash = path.lastIndex(of: "/") else { return "" }
      return String(path[...slash])
    }
  }
}
