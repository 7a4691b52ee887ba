import ArgumentParser
import BhashaKit

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
        manifest's SHA-256.
        """)

    enum Fallback: String, ExpressibleByArgument, CaseIterable {
      /// A missing or empty translation is an error (JSONL) or kept empty (text).
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

    @Option(name: [.short, .customLong("output")], help: "Output file (default: standard output).")
    var output: String?

    @Option(help: "Where a translation is missing: none (an error) or source (keep the original).")
    var fallback: Fallback = .none

    @Flag(help: "Replace an existing output file.")
    var force = false

    func run() throws {
      try runReporting {
        let manifestLines = try Self.readLines(manifest)
        guard let first = manifestLines.first else {
          throw BhashaError.badManifest(file: manifest, line: 1, reason: "empty file")
        }
        let header = try DocumentMerger.header(first.content, file: manifest)
        let folder = Self.folder(of: manifest)
        let overrides: [LineLabel: String] = [.en: en, .bn: bn, .other: other].compactMapValues {
          $0
        }
        var streams: [String: StreamSegments] = [:]
        var originals: [String: StreamSegments] = [:]
        var replaced: [String] = []
        for (code, info) in header.streams {
          let beside = folder + info.file
          if let stream = LanguageCodes.stream(code), let path = overrides[stream] {
            let format: StreamFormat =
              path.hasSuffix(".jsonl") ? .jsonl : path.hasSuffix(".txt") ? .text : header.format
            streams[code] = try DocumentMerger.segments(
              of: Self.readLines(path), format: format, file: path)
            replaced.append(code)
            if fallback == .source {
              originals[code] = try DocumentMerger.segments(
                of: Self.readLines(beside), format: header.format, file: beside)
            }
          } else {
            let lines = try Self.readLines(beside)
            var hash = SHA256()
            for line in lines {
              hash.update(line.content)
              hash.update(line.terminator.bytes)
            }
            if hash.hexDigest() != info.sha256 {
              throw BhashaError.foreignStream(
                stream: beside, reason: "its checksum differs from the manifest's")
            }
            streams[code] = try DocumentMerger.segments(
              of: lines, format: header.format, file: beside)
          }
        }
        if let extra = overrides.keys.first(where: { s in
          !header.streams.keys.contains { LanguageCodes.stream($0) == s }
        }) {
          throw BhashaError.usage(
            "--\(extra.rawValue) given, but the manifest has no \(extra.rawValue) stream")
        }
        let entries = manifestLines.dropFirst().enumerated().lazy.map {
          k, line -> Result<ManifestEntry, BhashaError> in
          Result { () throws(BhashaError) -> ManifestEntry in
            try DocumentMerger.entry(line.content, file: manifest, number: k + 2)
          }
        }
        var hash = SHA256()
        var stdout = StandardOutput()
        let writer = try output.map { path throws(BhashaError) -> AtomicFileWriter in
          if !force, SplitPlan.fileID(path) != nil { throw BhashaError.outputExists(path: path) }
          let protected =
            [manifest] + header.streams.values.map { folder + $0.file }
            + overrides.values
          if let id = SplitPlan.fileID(path),
            protected.compactMap(SplitPlan.fileID).contains(where: { $0 == id })
          {
            throw BhashaError.outputIsInput(path: path)
          }
          return try AtomicFileWriter(path: path)
        }
        do {
          try DocumentMerger.merge(
            header: header, entries: entries, streams: streams, originals: originals
          ) { bytes in
            hash.update(bytes)
            if let writer {
              try writer.write(bytes)
            } else {
              stdout.buffer.append(contentsOf: bytes)
              try stdout.flushIfFull()
            }
          }
          let digest = hash.hexDigest()
          if replaced.isEmpty && digest != header.sha256 {
            throw BhashaError.checksumMismatch(expected: header.sha256, found: digest)
          }
          try writer?.commit()
          try stdout.flush()
          if replaced.isEmpty {
            StandardOutput.error(
              "bhasha: merge: rebuilt \(header.source) byte for byte (sha256 \(digest.prefix(16))…)"
            )
          } else {
            StandardOutput.error(
              "bhasha: merge: \(header.source) with translated \(replaced.sorted().joined(separator: ", "))"
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

    static func readLines(_ path: String) throws -> [Line] {
      var lines: [Line] = []
      try LineReader(path: path, maxLineBytes: Int.max / 2).forEachLine { lines.append($0) }
      return lines
    }
  }
}
