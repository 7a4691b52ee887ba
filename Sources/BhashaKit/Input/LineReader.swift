#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads lines from a file or standard input with `read(2)` in large chunks.
///
/// The one stage that touches a file descriptor. Memory stays flat whatever the input size:
/// one reused chunk buffer plus the current line (at most `maxLineBytes`).
public struct LineReader: Sendable {
  /// The path, or `-` for standard input.
  public let path: String
  /// The name used in messages and outputs: the path, or `stdin`.
  public var displayName: String { path == "-" ? "stdin" : path }
  public let maxLineBytes: Int
  public let chunkSize: Int

  public init(
    path: String, maxLineBytes: Int = LineSplitter.defaultMaxLineBytes, chunkSize: Int = 1 << 20
  ) {
    self.path = path
    self.maxLineBytes = maxLineBytes
    self.chunkSize = max(1, chunkSize)
  }

  /// Calls `body` with every line in input order.
  ///
  /// - Throws: ``BhashaError`` for inputs that cannot be opened or read, folders, UTF-16
  ///   input and over-long lines; anything `body` throws.
  public func forEachLine(_ body: (Line) throws -> Void) throws {
    let fd = try open()
    defer { if fd != 0 { _ = close(fd) } }
    var splitter = LineSplitter(maxLineBytes: maxLineBytes, source: displayName)
    var buffer = [UInt8](repeating: 0, count: chunkSize)
    var head: [UInt8] = []  // the first two bytes, to spot a UTF-16 byte-order mark
    while true {
      let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, chunkSize) }
      if n < 0 {
        if errno == EINTR { continue }
        if errno == EISDIR { throw BhashaError.isDirectory(file: displayName) }
        throw BhashaError.readFailed(file: displayName, reason: LineReader.errorText(errno))
      }
      if n == 0 { break }
      let chunk = buffer[0..<n]
      if head.count < 2 {
        head.append(contentsOf: chunk.prefix(2 - head.count))
        if head == [0xFF, 0xFE] { throw BhashaError.utf16(file: displayName, bigEndian: false) }
        if head == [0xFE, 0xFF] { throw BhashaError.utf16(file: displayName, bigEndian: true) }
      }
      for line in try splitter.push(chunk) { try body(line) }
    }
    if let last = splitter.finish() { try body(last) }
  }

  private func open() throws(BhashaError) -> Int32 {
    if path == "-" { return 0 }
    let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
    if fd < 0 {
      if errno == EISDIR { throw .isDirectory(file: displayName) }
      throw .cannotOpen(file: displayName, reason: LineReader.errorText(errno))
    }
    var info = stat()
    if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
      _ = close(fd)
      throw .isDirectory(file: displayName)
    }
    return fd
  }

  /// `strerror` text for `code`, lowercased at the start like the rest of our messages.
  static func errorText(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    let s = String(cString: text)
    return s.prefix(1).lowercased() + s.dropFirst()
  }
}
