import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The header of a manifest.
public struct ManifestHeader: Sendable, Equatable {
  public struct Stream: Sendable, Equatable {
    public var file: String
    public var segments: Int
    public var sha256: String
  }
  public var source: String
  public var name: String
  public var bytes: Int
  public var sha256: String
  public var unit: String
  public var mixed: String
  public var codes: String
  public var format: StreamFormat
  public var split: String
  /// Streams by code (`bn`, `ben_Beng`).
  public var streams: [String: Stream]
}

/// One record of a manifest after the header.
public enum ManifestEntry: Sendable, Equatable {
  /// A segment in a stream file, with the bytes before it.
  case segment(id: String, stream: String, index: Int, gap: [UInt8])
  /// A segment kept inline (invalid UTF-8, or a stream left out), with the bytes before it.
  case inline(id: String, bytes: [UInt8], gap: [UInt8])
  /// White space between segments that did not fit in one record (a long run of blank lines).
  case gap([UInt8])
  /// The bytes after the last segment.
  case end(gap: [UInt8])
}

/// The segments of one stream, as `merge` reads them.
public enum StreamSegments {
  /// A text stream in memory: segment n is line n.
  case positional([[UInt8]])
  /// A JSONL stream in memory: segments by id (any order), with the split id records carry.
  case keyed([String: [UInt8]], split: String?)
  /// A stream read from a file in manifest order, one segment at a time (bounded memory).
  case sequential(SegmentReader)
}

/// Reads a stream file's segments in order, one line at a time: a stream beside its manifest
/// (checked against the manifest's SHA-256 as it is read) or a text translation.
public final class SegmentReader {
  public let file: String
  public let format: StreamFormat
  private let cursor: LineCursor
  private let expectedSHA256: String?
  private var hash = SHA256()
  /// Segments read so far.
  public private(set) var count = 0

  /// - Parameters:
  ///   - expectedSHA256: the manifest's checksum of the file, checked by ``finish(stream:expected:)``;
  ///     nil for a translation.
  public init(cursor: LineCursor, format: StreamFormat, file: String, expectedSHA256: String?) {
    self.cursor = cursor
    self.format = format
    self.file = file
    self.expectedSHA256 = expectedSHA256
  }

  /// The next segment, checked against the manifest's `id` (JSONL), or nil at the end.
  ///
  /// - Throws: ``BhashaError/badStream(file:line:reason:)`` for a JSONL record that does not
  ///   parse or has another id; read errors and over-long lines.
  public func next(id: String) throws(BhashaError) -> [UInt8]? {
    guard let line = try cursor.next() else { return nil }
    count += 1
    if expectedSHA256 != nil {
      hash.update(line.content)
      hash.update(line.terminator.bytes)
    }
    switch format {
    case .text:
      return line.content
    case .jsonl:
      let record = try DocumentMerger.streamRecord(line, file: file)
      if record.id != id {
        throw .badStream(
          file: file, line: line.number,
          reason: "id \(record.id) where the manifest has \(id) (records out of order?)")
      }
      return record.text
    }
  }

  /// Checks that the file has no segments left and, for an unchanged stream, its checksum.
  ///
  /// - Throws: ``BhashaError/segmentCountMismatch(stream:expected:found:)``,
  ///   ``BhashaError/foreignStream(stream:reason:)``.
  public func finish(stream: String, expected: Int) throws(BhashaError) {
    var found = count
    while let line = try cursor.next() {
      found += 1
      hash.update(line.content)
      hash.update(line.terminator.bytes)
    }
    // An unchanged stream is checked by its checksum first: a changed one says so.
    if let expectedSHA256, hash.hexDigest() != expectedSHA256 {
      throw .foreignStream(stream: file, reason: "its checksum differs from the manifest's")
    }
    if found != expected {
      throw .segmentCountMismatch(stream: stream, expected: expected, found: found)
    }
  }
}

/// Parses manifests and stream files and rebuilds documents (`bhasha merge`).
public enum DocumentMerger {
  // MARK: - Parsing

  /// Parses the header line of a manifest.
  ///
  /// - Throws: ``BhashaError/badManifest(file:line:reason:)``.
  public static func header(_ line: [UInt8], file: String) throws(BhashaError) -> ManifestHeader {
    let object = try json(line, file: file, line: 1)
    guard object["bhasha_manifest"] as? Int == 1 else {
      throw .badManifest(
        file: file, line: 1, reason: "no \"bhasha_manifest\":1 header (is this a manifest?)")
    }
    func string(_ key: String) throws(BhashaError) -> String {
      guard let v = object[key] as? String else {
        throw .badManifest(file: file, line: 1, reason: "missing \"\(key)\"")
      }
      return v
    }
    guard let bytes = object["bytes"] as? Int,
      let format = StreamFormat(rawValue: (object["format"] as? String) ?? ""),
      let streams = object["streams"] as? [String: Any]
    else {
      throw .badManifest(
        file: file, line: 1, reason: "missing \"bytes\", \"format\" or \"streams\"")
    }
    guard bytes >= 0 else { throw .badManifest(file: file, line: 1, reason: "negative \"bytes\"") }
    var parsed: [String: ManifestHeader.Stream] = [:]
    for (code, value) in streams {
      guard isCode(code) else {
        throw .badManifest(file: file, line: 1, reason: "bad stream code \(JSONText.quote(code))")
      }
      guard let s = value as? [String: Any], let f = s["file"] as? String,
        let n = s["segments"] as? Int, n >= 0, let h = s["sha256"] as? String
      else { throw .badManifest(file: file, line: 1, reason: "bad stream entry \"\(code)\"") }
      guard isPlainFileName(f) else {
        throw .badManifest(
          file: file, line: 1,
          reason:
            "stream \(code) names \(JSONText.quote(f)), not a plain file name beside the manifest")
      }
      parsed[code] = ManifestHeader.Stream(file: f, segments: n, sha256: h)
    }
    return ManifestHeader(
      source: try string("source"), name: try string("name"), bytes: bytes,
      sha256: try string("sha256"), unit: try string("unit"), mixed: try string("mixed"),
      codes: try string("codes"), format: format, split: try string("split"), streams: parsed)
  }

  /// Parses a record line (line `number` of the manifest, for messages).
  ///
  /// - Throws: ``BhashaError/badManifest(file:line:reason:)``.
  public static func entry(_ line: [UInt8], file: String, number: Int) throws(BhashaError)
    -> ManifestEntry
  {
    let object = try json(line, file: file, line: number)
    let gap: [UInt8]
    if let g = object["gap"] as? String {
      gap = Array(g.utf8)
    } else if let g = object["gap_b64"] as? String, let d = Data(base64Encoded: g) {
      gap = Array(d)
    } else {
      throw .badManifest(file: file, line: number, reason: "missing \"gap\"")
    }
    if object["end"] as? Bool == true { return .end(gap: gap) }
    guard let id = object["id"] as? String else {
      if object.count == 1 { return .gap(gap) }
      throw .badManifest(file: file, line: number, reason: "missing \"id\"")
    }
    if let stream = object["stream"] as? String, let index = object["index"] as? Int, index >= 0 {
      return .segment(id: id, stream: stream, index: index, gap: gap)
    }
    if let raw = object["raw"] as? String {
      return .inline(id: id, bytes: Array(raw.utf8), gap: gap)
    }
    if let raw = object["raw_b64"] as? String, let d = Data(base64Encoded: raw) {
      return .inline(id: id, bytes: Array(d), gap: gap)
    }
    throw .badManifest(file: file, line: number, reason: "neither a stream segment nor inline text")
  }

  static func json(_ line: [UInt8], file: String, line number: Int) throws(BhashaError)
    -> [String: Any]
  {
    guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
      throw .badManifest(file: file, line: number, reason: "invalid JSON")
    }
    return object
  }

  /// Reads a stream file's content as segments.
  ///
  /// - Throws: ``BhashaError/badStream(file:line:reason:)`` for a JSONL line that does not parse.
  public static func segments(
    of lines: [Line], format: StreamFormat, file: String
  ) throws(BhashaError) -> StreamSegments {
    switch format {
    case .text:
      return .positional(lines.map(\.content))
    case .jsonl:
      var byID: [String: [UInt8]] = [:]
      var split: String? = nil
      for line in lines where !line.content.isEmpty {
        let record = try streamRecord(line, file: file)
        if let s = record.split { split = s }
        if byID.updateValue(record.text, forKey: record.id) != nil {
          throw .badStream(file: file, line: line.number, reason: "id \(record.id) given twice")
        }
      }
      return .keyed(byID, split: split)
    }
  }

  /// Parses one JSONL stream record.
  static func streamRecord(_ line: Line, file: String) throws(BhashaError) -> (
    id: String, text: [UInt8], split: String?
  ) {
    guard
      let object = try? JSONSerialization.jsonObject(with: Data(line.content)) as? [String: Any],
      let id = object["id"] as? String, let text = object["text"] as? String
    else {
      throw .badStream(file: file, line: line.number, reason: "needs \"id\" and \"text\"")
    }
    return (id, Array(text.utf8), object["split"] as? String)
  }

  /// Whether `name` is a plain file name: not empty, no `/`, not `.` or `..`, no NUL or other
  /// control character. Stream files must be plain names in the manifest's folder: a manifest
  /// is input like any other, and must not make `merge` read `/etc/passwd` (nor put escape
  /// sequences in a message).
  public static func isPlainFileName(_ name: String) -> Bool {
    !name.isEmpty && name != "." && name != ".." && name.utf8.count <= 255
      && !name.utf8.contains(UInt8(ascii: "/"))
      && !name.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
  }

  /// Whether `code` looks like a stream code (`bn`, `bn-Latn`, `ben_Beng`).
  static func isCode(_ code: String) -> Bool {
    !code.isEmpty && code.utf8.count <= 32
      && code.utf8.allSatisfy {
        (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0)
          || $0 == 0x2D || $0 == 0x5F
      }
  }

  /// Opens the stream file `name` in the folder open as `folder`, refusing anything but a
  /// regular file reached without following a symbolic link in its last component.
  ///
  /// - Throws: ``BhashaError/badManifest(file:line:reason:)`` for a name that is not plain,
  ///   ``BhashaError/cannotOpen(file:reason:)`` otherwise.
  public static func openStream(
    named name: String, inFolder folder: Int32, shownAs shown: String, maxLineBytes: Int,
    manifest: String
  ) throws(BhashaError) -> LineCursor {
    guard isPlainFileName(name) else {
      throw .badManifest(
        file: manifest, line: 1, reason: "\(JSONText.quote(name)) is not a plain file name")
    }
    let fd = RawPath.withCString(name) {
      openat(folder, $0, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
    }
    if fd < 0 {
      let reason = errno == ELOOP ? "is a symbolic link" : LineReader.errorText(errno)
      throw .cannotOpen(file: shown, reason: reason)
    }
    var info = stat()
    guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
      _ = close(fd)
      throw .cannotOpen(file: shown, reason: "not a regular file")
    }
    return LineCursor(fd: fd, displayName: shown, maxLineBytes: maxLineBytes)
  }

  // MARK: - Merging

  /// Rebuilds the document, checking the manifest's structure as it goes: ids `NAME:1`,
  /// `NAME:2`… in order (so none is repeated), each stream's indices 0, 1, 2… in order, only
  /// streams of the header, as many segments per stream as the header says, and the end record
  /// present and last. A caller writes the output somewhere temporary and releases it only if
  /// this returns: an error may come after bytes were written.
  ///
  /// - Parameters:
  ///   - header: the manifest header.
  ///   - entries: the manifest records in order (line 2 on), a sequence so they can stream.
  ///   - streams: the segments of each stream, by code.
  ///   - originals: for `--fallback source`, the untranslated segments of each replaced stream.
  ///   - manifest: the manifest's name, for messages.
  ///   - write: receives the output bytes in order.
  /// - Throws: ``BhashaError`` for a malformed manifest, count mismatches, unknown or missing
  ///   ids, foreign streams.
  /// - Complexity: O(n) in the manifest and streams; memory O(1) beyond in-memory streams.
  public static func merge(
    header: ManifestHeader, entries: some Sequence<Result<ManifestEntry, BhashaError>>,
    streams: [String: StreamSegments], originals: [String: StreamSegments] = [:],
    manifest: String = "manifest", write: ([UInt8]) throws -> Void
  ) throws {
    // Check in-memory streams up front.
    for (code, info) in header.streams {
      guard let content = streams[code] else {
        throw BhashaError.usage("no \(code) stream given and \(info.file) not found")
      }
      switch content {
      case .positional(let segments):
        if segments.count != info.segments {
          throw BhashaError.segmentCountMismatch(
            stream: code, expected: info.segments, found: segments.count)
        }
      case .keyed(let byID, let split):
        if let split, split != header.split {
          throw BhashaError.foreignStream(
            stream: code, reason: "split id \(split), manifest \(header.split)")
        }
        let prefix = header.name + ":"
        let foreign = byID.keys.filter { !$0.hasPrefix(prefix) }.sorted()
        if !foreign.isEmpty, foreign.count == byID.count {
          throw BhashaError.foreignStream(stream: code, reason: "ids like \(foreign[0])")
        }
      case .sequential:
        break
      }
    }
    var usedIDs: [String: Set<String>] = [:]
    var missing: [String: [String]] = [:]
    var empty: [String: [Int]] = [:]
    var nextIndex: [String: Int] = [:]
    var ordinal = 0
    var number = 1
    var ended = false
    func bad(_ reason: String) -> BhashaError {
      .badManifest(file: manifest, line: number, reason: reason)
    }
    for result in entries {
      number += 1
      let entry = try result.get()
      if ended { throw bad("a record after the end record") }
      switch entry {
      case .gap(let gap):
        try write(gap)
      case .end(let gap):
        try write(gap)
        ended = true
      case .inline(let id, let bytes, let gap):
        ordinal += 1
        guard id == "\(header.name):\(ordinal)" else {
          throw bad(
            "id \(id) where \(header.name):\(ordinal) comes next (a record repeated or lost?)")
        }
        try write(gap)
        try write(bytes)
      case .segment(let id, let code, let index, let gap):
        ordinal += 1
        guard id == "\(header.name):\(ordinal)" else {
          throw bad(
            "id \(id) where \(header.name):\(ordinal) comes next (a record repeated or lost?)")
        }
        guard let info = header.streams[code], let content = streams[code] else {
          throw bad("stream \(code), which is not in the header")
        }
        let expected = nextIndex[code, default: 0]
        guard index == expected, index < info.segments else {
          throw bad(
            index == expected
              ? "more \(code) segments than the header's \(info.segments)"
              : "\(code) index \(index) where \(expected) comes next")
        }
        nextIndex[code] = expected + 1
        try write(gap)
        // The untranslated segment, read in step so a sequential original stays aligned.
        var original: [UInt8]?
        switch originals[code] {
        case .positional(let o)?: original = index < o.count ? o[index] : nil
        case .keyed(let byID, _)?: original = byID[id]
        case .sequential(let reader)?: original = try reader.next(id: id)
        case nil: original = nil
        }
        switch content {
        // An empty translation is a missing one (the source segment never is empty).
        case .positional(let segments):
          var text = segments[index]
          if text.isEmpty, let original { text = original }
          if text.isEmpty { empty[code, default: []].append(index + 1) }
          try write(text)
        case .sequential(let reader):
          guard var text = try reader.next(id: id) else {
            try reader.finish(stream: code, expected: info.segments)
            throw BhashaError.segmentCountMismatch(
              stream: code, expected: info.segments, found: reader.count)
          }
          if text.isEmpty, let original { text = original }
          if text.isEmpty { empty[code, default: []].append(reader.count) }
          try write(text)
        case .keyed(let byID, _):
          usedIDs[code, default: []].insert(id)
          if let text = byID[id], !text.isEmpty {
            try write(text)
          } else if let original {
            try write(original)
          } else {
            missing[code, default: []].append(id)
          }
        }
      }
    }
    number += 1
    if !ended { throw bad("no end record (is the manifest cut short?)") }
    for (code, info) in header.streams.sorted(by: { $0.key < $1.key }) {
      let found = nextIndex[code, default: 0]
      if found != info.segments {
        number = 1
        throw bad("the header has \(info.segments) \(code) segments, the records \(found)")
      }
      if case .sequential(let reader)? = streams[code] {
        try reader.finish(stream: code, expected: info.segments)
      }
      if case .sequential(let reader)? = originals[code] {
        try reader.finish(stream: code, expected: info.segments)
      }
    }
    if let (code, ids) = missing.sorted(by: { $0.key < $1.key }).first {
      throw BhashaError.missingIDs(stream: code, ids: ids)
    }
    if let (code, lines) = empty.sorted(by: { $0.key < $1.key }).first {
      throw BhashaError.emptySegments(stream: code, lines: lines)
    }
    for (code, used) in usedIDs.sorted(by: { $0.key < $1.key }) {
      guard case .keyed(let byID, _)? = streams[code] else { continue }
      let unknown = byID.keys.filter { !used.contains($0) }.sorted(by: idOrder)
      if !unknown.isEmpty { throw BhashaError.unknownIDs(stream: code, ids: unknown) }
    }
  }

  /// Orders `NAME:2` before `NAME:10`.
  static func idOrder(_ a: String, _ b: String) -> Bool {
    let na = Int(a.split(separator: ":").last ?? "") ?? 0
    let nb = Int(b.split(separator: ":").last ?? "") ?? 0
    return na != nb ? na < nb : a < b
  }
}
