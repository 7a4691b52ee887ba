#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads lines from a file or standard input with `read(2)` in large chunks.
///
/// The one stage that opens inputs. Memory stays flat whatever the input size: one reused
/// chunk buffer plus the current line (at most `maxLineBytes`). Paths may hold bytes that are
/// not UTF-8 (``RawPath``).
public struct LineReader: Sendable {
  /// The path, or `-` for standard input.
  public let path: String
  /// The name used in messages and outputs: the path (invalid bytes as `\xFF`), or `stdin`.
  public var displayName: String { path == "-" ? "stdin" : RawPath.display(path) }
  public let maxLineBytes: Int
  public let chunkSize: Int
  /// Whether binary input and UTF-16/32 without a byte-order mark are refused.
  public let sniff: Bool

  public init(
    path: String, maxLineBytes: Int = LineSplitter.defaultMaxLineBytes, chunkSize: Int = 1 << 20,
    sniff: Bool = false
  ) {
    self.path = path
    self.maxLineBytes = maxLineBytes
    self.chunkSize = max(1, chunkSize)
    self.sniff = sniff
  }

  /// Calls `body` with every line in input order.
  ///
  /// - Throws: ``BhashaError`` for inputs that cannot be opened or read, folders, UTF-16
  ///   input, binary input (when sniffing) and over-long lines; anything `body` throws.
  public func forEachLine(_ body: (Line) throws -> Void) throws {
    let cursor = try LineCursor(
      path: path, maxLineBytes: maxLineBytes, chunkSize: chunkSize, sniff: sniff)
    while let line = try cursor.next() { try body(line) }
  }

  /// `strerror` text for `code`, lowercased at the start like the rest of our messages.
  static func errorText(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    let s = String(cString: text)
    return s.prefix(1).lowercased() + s.dropFirst()
  }
}
