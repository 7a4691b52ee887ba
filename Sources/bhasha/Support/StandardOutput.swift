@_spi(Stages) import BhashaKit

#if canImport(Glibc)
  import Glibc
#endif

/// Buffered, checked writes to standard output and standard error with `write(2)`.
///
/// With SIGPIPE ignored, `print` to a closed pipe fails silently; here a closed pipe (EPIPE)
/// throws ``StandardOutput/Closed``, which ``runReporting(_:)`` turns into a quiet exit 0.
struct StandardOutput {
  /// Standard output was closed by its reader.
  struct Closed: Error {}

  /// Bytes waiting to be written; callers may append to it directly, then call ``flushIfFull()``.
  var buffer: [UInt8] = []
  private let fd: Int32

  init(fd: Int32 = 1) {
    self.fd = fd
    buffer.reserveCapacity(1 << 17)
  }

  mutating func write(_ text: String) throws {
    buffer.append(contentsOf: text.utf8)
    try flushIfFull()
  }

  /// Writes the buffer out once it holds 64 KiB or more.
  @inline(__always)
  mutating func flushIfFull() throws {
    if buffer.count >= 1 << 16 { try flush() }
  }

  mutating func flush() throws {
    defer { buffer.removeAll(keepingCapacity: true) }
    try Self.writeAll(fd, buffer)
  }

  static func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws {
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeBytes { raw -> Int in
        guard let base = raw.baseAddress else { return 0 }
        return Glibc.write(fd, base + offset, raw.count - offset)
      }
      if n < 0 {
        if errno == EINTR { continue }
        if errno == EPIPE { throw Closed() }
        throw BhashaError.writeFailed(
          path: fd == 1 ? "stdout" : "stderr", reason: String(cString: strerror(errno)))
      }
      offset += n
    }
  }

  /// Writes `text` to standard output at once (errors there are ignored, as for `print`).
  static func print(_ text: String) {
    try? writeAll(1, Array(text.utf8))
  }

  /// Writes progress text to standard error as it is (no newline).
  static func progress(_ text: String) {
    try? writeAll(2, Array(text.utf8))
  }

  /// Writes one line to standard error (errors there are ignored: nowhere left to report them),
  /// its control characters escaped: messages quote file names, manifest ids and translation
  /// fields, which could otherwise drive the terminal.
  static func error(_ line: String) {
    try? writeAll(2, Array((line.forTerminal + "\n").utf8))
  }
}
