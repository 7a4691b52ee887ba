/// Problems with the input or the environment, each naming where it happened.
///
/// Descriptions start lowercase and say where, what, and what to do; the CLI prints them
/// after `bhasha: ` and exits with ``exitCode`` (sysexits).
public enum BhashaError: Error, Equatable, CustomStringConvertible, Sendable {
  /// Bytes that are not UTF-8, met under `--strict`.
  case invalidUTF8(file: String, line: Int, byteOffset: Int)
  /// A line longer than the configured maximum.
  case lineTooLong(file: String, line: Int, limit: Int)
  /// Input that starts with a UTF-16 byte-order mark.
  case utf16(file: String, bigEndian: Bool)
  /// Input that looks like binary data (NUL or control bytes), read without `--binary text`.
  case binaryInput(file: String, reason: String)
  /// Input that looks like text in another encoding with no byte-order mark (UTF-16LE…).
  case otherEncoding(file: String, encoding: String)
  /// Counts whose sum does not fit in 64 bits (a crafted or corrupt stats report).
  case countsTooLarge(file: String)
  /// A file that does not exist or cannot be opened for reading.
  case cannotOpen(file: String, reason: String)
  /// A folder given where a file was expected.
  case isDirectory(file: String)
  /// A read that failed part-way.
  case readFailed(file: String, reason: String)
  /// An output file or folder that cannot be created.
  case cannotCreate(path: String, reason: String)
  /// An output that exists already (without `--force`).
  case outputExists(path: String)
  /// An output that would overwrite one of the inputs.
  case outputIsInput(path: String)
  /// A write that failed (disk full, I/O error).
  case writeFailed(path: String, reason: String)
  /// A stats JSON file that cannot be merged.
  case badStatsFile(file: String, reason: String)
  /// A translated stream with a different number of segments than the manifest.
  case segmentCountMismatch(stream: String, expected: Int, found: Int)
  /// A JSONL stream with ids the manifest does not have.
  case unknownIDs(stream: String, ids: [String])
  /// A JSONL stream without some of the manifest's ids.
  case missingIDs(stream: String, ids: [String])
  /// A text translation with empty lines (1-based, in the stream file), which stand for
  /// missing translations.
  case emptySegments(stream: String, lines: [Int])
  /// A manifest line that does not parse.
  case badManifest(file: String, line: Int, reason: String)
  /// A stream that belongs to another split.
  case foreignStream(stream: String, reason: String)
  /// A stream line that does not parse (JSONL).
  case badStream(file: String, line: Int, reason: String)
  /// Merged output of unchanged streams that does not match the source's checksum.
  case checksumMismatch(expected: String, found: String)
  /// Stats reports made with different models or settings (`stats --merge` without `--force`).
  case mismatchedReports(file: String, reason: String)
  /// The language model could not be found or read: where it was looked for, and why.
  case modelUnavailable(searched: [String], reason: String)
  /// An option value or combination that makes no sense.
  case usage(String)

  public var description: String {
    switch self {
    case .invalidUTF8(let file, let line, let byteOffset):
      return "\(file):\(line): invalid UTF-8 at byte \(byteOffset) (drop --strict to keep going)"
    case .lineTooLong(let file, let line, let limit):
      return
        "\(file):\(line): line longer than \(limit) bytes (raise --max-line-bytes if this is real text)"
    case .utf16(let file, let bigEndian):
      return
        "\(file): looks like UTF-16\(bigEndian ? "BE" : "LE") (byte-order mark); convert it first: iconv -f UTF-16 -t UTF-8"
    case .binaryInput(let file, let reason):
      return
        "\(file): looks like binary data, not text (\(reason)); --binary text reads it as text anyway"
    case .otherEncoding(let file, let encoding):
      return
        "\(file): looks like \(encoding) text; convert it to UTF-8 first: iconv -f \(encoding) -t UTF-8"
    case .countsTooLarge(let file):
      return "\(file): counts too large to add up (over 2^63); is this report corrupt?"
    case .cannotOpen(let file, let reason):
      return "\(file): cannot open: \(reason)"
    case .isDirectory(let file):
      return "\(file): is a directory, not a file"
    case .readFailed(let file, let reason):
      return "\(file): read failed: \(reason)"
    case .cannotCreate(let path, let reason):
      return "\(path): cannot create: \(reason)"
    case .outputExists(let path):
      return "\(path): exists already (use --force to replace it)"
    case .outputIsInput(let path):
      return "\(path): output would overwrite an input; choose another output"
    case .writeFailed(let path, let reason):
      return "\(path): write failed: \(reason)"
    case .badStatsFile(let file, let reason):
      return "\(file): not a bhasha stats JSON file: \(reason)"
    case .segmentCountMismatch(let stream, let expected, let found):
      return
        "\(stream): \(found) segment\(found == 1 ? "" : "s"), but the manifest has \(expected) for this stream (one segment per line; check that the translator kept every line)"
    case .unknownIDs(let stream, let ids):
      return "\(stream): ids not in the manifest: \(Self.few(ids))"
    case .missingIDs(let stream, let ids):
      return
        "\(stream): missing ids: \(Self.few(ids)) (--fallback source keeps the original text for them)"
    case .emptySegments(let stream, let lines):
      return
        "\(stream): empty translation on line\(lines.count == 1 ? "" : "s") \(Self.few(lines.map(String.init))) of the stream (an empty line is a missing translation; --fallback source keeps the original segment)"
    case .badManifest(let file, let line, let reason):
      return "\(file):\(line): not a bhasha manifest line: \(reason)"
    case .foreignStream(let stream, let reason):
      return
        "\(stream): belongs to another split (\(reason)); use the streams written with this manifest"
    case .badStream(let file, let line, let reason):
      return "\(file):\(line): not a stream record: \(reason)"
    case .checksumMismatch(let expected, let found):
      return "merged output does not match the source: sha256 \(found), manifest \(expected)"
    case .mismatchedReports(let file, let reason):
      return
        "\(file): made with another model or settings (\(reason)); its counts would not add up with the others' (--force sums them anyway)"
    case .modelUnavailable(let searched, let reason):
      let places = searched.map { RawPath.display($0) }.joined(separator: ", ")
      return searched.count == 1
        ? "language model \(places): \(reason) (set BHASHA_MODEL to a languages.bin, or use --script-only)"
        : "language model \(reason): looked in \(places) (set BHASHA_MODEL to a languages.bin, or use --script-only)"
    case .usage(let message):
      return message
    }
  }

  /// The first few of `ids`, and how many more.
  static func few(_ ids: [String]) -> String {
    let shown = ids.prefix(5).joined(separator: ", ")
    return ids.count > 5 ? "\(shown) and \(ids.count - 5) more" : shown
  }

  /// The sysexits code for this error: 64 usage, 65 data, 66 no input, 69 unavailable (the
  /// language model), 73 cannot create, 74 I/O.
  public var exitCode: Int32 {
    switch self {
    case .usage: return 64
    case .invalidUTF8, .lineTooLong, .utf16, .binaryInput, .otherEncoding, .countsTooLarge,
      .badStatsFile, .mismatchedReports, .segmentCountMismatch, .unknownIDs,
      .missingIDs, .emptySegments, .badManifest, .foreignStream, .badStream, .checksumMismatch:
      return 65
    case .cannotOpen, .isDirectory: return 66
    case .cannotCreate, .outputExists, .outputIsInput: return 73
    case .readFailed, .writeFailed: return 74
    case .modelUnavailable: return 69
    }
  }
}
