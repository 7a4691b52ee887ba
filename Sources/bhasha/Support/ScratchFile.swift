@_spi(Stages) import BhashaKit

#if canImport(Glibc)
  import Glibc
#endif

/// An unnamed temporary file: `merge` builds its output here when writing to standard output,
/// so nothing reaches stdout before every check has passed. The file is unlinked as soon as it
/// is created, so it leaves nothing behind even when the process is killed.
final class ScratchFile {
  private var fd: Int32
  private var buffer: [UInt8] = []

  /// - Throws: ``BhashaError/cannotCreate(path:reason:)``.
  init() throws(BhashaError) {
    let folder = ProcessEnvironment.temporaryFolder
    var template = Array("\(folder)/bhasha-merge-XXXXXX".utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else {
      throw .cannotCreate(
        path: folder, reason: "temporary file: " + String(cString: strerror(errno)).lowercasedFirst)
    }
    _ = template.withUnsafeBufferPointer { unlink($0.baseAddress!) }
    self.fd = fd
    buffer.reserveCapacity(1 << 16)
  }

  deinit { _ = close(fd) }

  /// Appends `bytes`.
  func write(_ bytes: [UInt8]) throws(BhashaError) {
    buffer.append(contentsOf: bytes)
    if buffer.count >= 1 << 16 { try flush() }
  }

  private func flush() throws(BhashaError) {
    var offset = 0
    while offset < buffer.count {
      let n = buffer.withUnsafeBytes {
        Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset)
      }
      if n < 0 {
        if errno == EINTR { continue }
        throw .writeFailed(
          path: "temporary file", reason: String(cString: strerror(errno)).lowercasedFirst)
      }
      offset += n
    }
    buffer.removeAll(keepingCapacity: true)
  }

  /// Copies everything written to `target` (standard output).
  func copy(toDescriptor target: Int32) throws {
    try flush()
    guard lseek(fd, 0, SEEK_SET) == 0 else {
      throw BhashaError.readFailed(
        file: "temporary file", reason: String(cString: strerror(errno)).lowercasedFirst)
    }
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        throw BhashaError.readFailed(
          file: "temporary file", reason: String(cString: strerror(errno)).lowercasedFirst)
      }
      if n == 0 { return }
      try StandardOutput.writeAll(target, Array(chunk[0..<n]))
    }
  }
}

/// What the process gets from its environment.
enum ProcessEnvironment {
  /// `$TMPDIR`, or `/tmp`.
  static var temporaryFolder: String {
    if let value = getenv("TMPDIR"), value.pointee != 0 {
      let text = String(cString: value)
      return text.hasSuffix("/") && text.count > 1 ? String(text.dropLast()) : text
    }
    return "/tmp"
  }
}
