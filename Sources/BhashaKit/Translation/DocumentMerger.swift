import Foundation

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
  /// The bytes after the last segment.
  case end(gap: [UInt8])
}

/// The segments of one stream, as `merge` reads them.
public enum StreamSegments: Sendable {
  /// A text stream: segment n is line n.
  case positional([[UInt8]])
  /// A JSONL stream: segments by id (any order), with the split id records carry, if any.
  case keyed([String: [UInt8]], split: String?)
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
    var parsed: [String: ManifestHeader.Stream] = [:]
    for (code, value) in streams {
      guard let s = value as? [String: Any], let f = s["file"] as? String,
        let n = s["segments"] as? Int, let h = s["sha256"] as? String
      else { throw .badManifest(file: file, line: 1, reason: "bad stream entry \"\(code)\"") }
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
        guard
          let object = try? JSONSerialization.jsonObject(with: Data(line.content))
            as? [String: Any],
          let id = object["id"] as? String, let text = object["text"] as? String
        else {
          throw .badStream(file: file, line: line.number, reason: "needs \"id\" and \"text\"")
        }
        if let s = object["split"] as? String { split = s }
        byID[id] = Array(text.utf8)
      }
      return .keyed(byID, split: split)
    }
  }

  // MARK: - Merging

  /// Rebuilds the document.
  ///
  /// - Parameters:
  ///   - header: the manifest header.
  ///   - entries: the manifest records in order (a sequence, so a caller can stream them).
  ///   - streams: the segments of each stream, by code.
  ///   - originals: for `--fallback source`, the untranslated segments of each replaced stream.
  ///   - write: receives the output bytes in order.
  /// - Throws: ``BhashaError`` for count mismatches, unknown or missing ids, foreign streams.
  public static func merge(
    header: ManifestHeader, entries: some Sequence<Result<ManifestEntry, BhashaError>>,
    streams: [String: StreamSegments], originals: [String: StreamSegments] = [:],
    write: ([UInt8]) throws -> Void
  ) throws {
    // Check every stream before writing anything.
    var usedIDs: [String: Set<String>] = [:]
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
        usedIDs[code] = []
      }
    }
    // Missing ids are collected to the end (nothing more is written once one is missing).
    var missing: [String: [String]] = [:]
    func emit(_ bytes: [UInt8]) throws { if missing.isEmpty { try write(bytes) } }
    for result in entries {
      let entry = try result.get()
      switch entry {
      case .end(let gap):
        try emit(gap)
      case .inline(_, let bytes, let gap):
        try emit(gap)
        try emit(bytes)
      case .segment(let id, let code, let index, let gap):
        try emit(gap)
        guard let content = streams[code] else {
          throw BhashaError.usage("manifest names stream \(code), which is not in its header")
        }
        switch content {
        case .positional(let segments):
          guard index < segments.count else {
            throw BhashaError.segmentCountMismatch(
              stream: code, expected: index + 1, found: segments.count)
          }
          var text = segments[index]
          if text.isEmpty, case .positional(let o)? = originals[code], index < o.count {
            text = o[index]
          }
          try emit(text)
        case .keyed(let byID, _):
          usedIDs[code, default: []].insert(id)
          if let text = byID[id] {
            try emit(text)
          } else if let fallback = originals[code], let text = original(fallback, id, index) {
            try emit(text)
          } else {
            missing[code, default: []].append(id)
          }
        }
      }
    }
    if let (code, ids) = missing.sorted(by: { $0.key < $1.key }).first {
      throw BhashaError.missingIDs(stream: code, ids: ids)
    }
    for (code, used) in usedIDs {
      guard case .keyed(let byID, _)? = streams[code] else { continue }
      let unknown = byID.keys.filter { !used.contains($0) }.sorted(by: idOrder)
      if !unknown.isEmpty { throw BhashaError.unknownIDs(stream: code, ids: unknown) }
    }
  }

  static func original(_ segments: StreamSegments, _ id: String, _ index: Int) -> [UInt8]? {
    switch segments {
    case .positional(let s): return index < s.count ? s[index] : nil
    case .keyed(let byID, _): return byID[id]
    }
  }

  /// Orders `NAME:2` before `NAME:10`.
  static func idOrder(_ a: String, _ b: String) -> Bool {
    let na = Int(a.split(separator: ":").last ?? "") ?? 0
    let nb = Int(b.split(separator: ":").last ?? "") ?? 0
    return na != nb ? na < nb : a < b
  }
}
