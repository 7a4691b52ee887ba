#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// File names as the kernel sees them: bytes, which need not be UTF-8.
///
/// Swift decodes `argv` into `String`s and turns bytes that are not UTF-8 into U+FFFD, so a
/// file named `bad\xff.txt` could not be opened. Here each byte of invalid UTF-8 in an argument
/// becomes the private-use code point U+10FF00 + byte, which ``withCString(_:_:)`` turns back
/// into the byte when the path is handed to the kernel, and ``display(_:)`` shows as `\xFF`.
@_spi(Stages) public enum RawPath {
  /// Private-use code points U+10FF80…U+10FFFF stand for the bytes 0x80…0xFF.
  static let escapeBase: UInt32 = 0x10_FF00

  /// The process's arguments (without the program name), with invalid UTF-8 escaped.
  public static func arguments() -> [String] {
    (1..<Int(CommandLine.argc)).map { k in
      guard let arg = CommandLine.unsafeArgv[k] else { return "" }
      let length = strlen(arg)
      return arg.withMemoryRebound(to: UInt8.self, capacity: length) {
        string(fromBytes: UnsafeBufferPointer(start: $0, count: length))
      }
    }
  }

  /// A `String` for raw path bytes: UTF-8 is decoded as usual; each invalid byte becomes
  /// U+10FF00 + byte.
  public static func string(fromBytes bytes: some Collection<UInt8>) -> String {
    let array = Array(bytes)
    if let text = String(validating: array, as: UTF8.self) { return text }
    var scalars = String.UnicodeScalarView()
    array.withUnsafeBufferPointer { buffer in
      var i = 0
      while i < buffer.count {
        let (value, length) = UTF8Decoding.decode(buffer, at: i)
        if length == 0 {
          scalars.append(Unicode.Scalar(escapeBase + UInt32(buffer[i]))!)
          i += 1
        } else {
          scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
          i += length
        }
      }
    }
    return String(scalars)
  }

  /// The path's bytes for the kernel: escaped bytes turned back.
  public static func bytes(_ path: String) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(path.utf8.count)
    for scalar in path.unicodeScalars {
      if scalar.value >= escapeBase + 0x80 && scalar.value <= escapeBase + 0xFF {
        out.append(UInt8(scalar.value - escapeBase))
      } else {
        out.append(contentsOf: String(scalar).utf8)
      }
    }
    return out
  }

  /// Calls `body` with the path as a NUL-terminated C string of its raw bytes.
  public static func withCString<R>(
    _ path: String, _ body: (UnsafePointer<CChar>) throws -> R
  ) rethrows -> R {
    var bytes = bytes(path)
    bytes.append(0)
    return try bytes.withUnsafeBufferPointer { buffer in
      try buffer.withMemoryRebound(to: CChar.self) { try body($0.baseAddress!) }
    }
  }

  /// The path for messages: escaped bytes shown as `\xFF`.
  public static func display(_ path: String) -> String {
    guard path.unicodeScalars.contains(where: { $0.value >= escapeBase + 0x80 }) else {
      return path
    }
    var out = ""
    for scalar in path.unicodeScalars {
      if scalar.value >= escapeBase + 0x80 && scalar.value <= escapeBase + 0xFF {
        let byte = scalar.value - escapeBase
        let hex = String(byte, radix: 16, uppercase: true)
        out += "\\x" + (hex.count < 2 ? "0" : "") + hex
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// `stat(2)` on the raw path; nil if it fails (`errno` tells why).
  public static func status(_ path: String) -> Glibc.stat? {
    var info = Glibc.stat()
    let ok = withCString(path) { stat($0, &info) } == 0
    return ok ? info : nil
  }
}
