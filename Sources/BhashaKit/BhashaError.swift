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
      return "\(path): output would overwrite an input; choose another output folder"
    case .writeFailed(let path, let reason):
      return "\(path): write failed: \(reason)"
    case .badStatsFile(let file, let reason):
      return "\(file): not a bhasha stats JSON file: \(reason)"
    case .usage(let message):
      return message
    }
  }

  /// The sysexits code for this error: 64 usage, 65 data, 66 no input, 73 cannot create, 74 I/O.
  public var exitCode: Int32 {
    switch self {
    case .usage: return 64
    case .invalidUTF8, .lineTooLong, .utf16, .badStatsFile: return 65
    case .cannotOpen, .isDirectory: return 66
    case .cannotCreate, .outputExists, .outputIsInput: return 73
    case .readFailed, .writeFailed: return 74
    }
  }
}
