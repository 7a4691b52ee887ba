/// How a line ended in the input: kept so that output can be rebuilt byte for byte.
public enum LineTerminator: String, Sendable, Equatable, CaseIterable {
  /// `\n`
  case lf
  /// `\r\n`
  case crlf
  /// A lone `\r` (old Mac files, some scrapers).
  case cr
  /// No terminator: the last line of an input that does not end in a newline.
  case none

  /// The terminator's bytes.
  public var bytes: [UInt8] {
    switch self {
    case .lf: return [0x0A]
    case .crlf: return [0x0D, 0x0A]
    case .cr: return [0x0D]
    case .none: return []
    }
  }

  /// The terminator's length in bytes.
  public var byteCount: Int {
    switch self {
    case .lf, .cr: return 1
    case .crlf: return 2
    case .none: return 0
    }
  }
}
