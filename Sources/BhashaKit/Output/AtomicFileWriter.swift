#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes a file through a temporary file beside it, renamed into place by ``commit()``, so an
/// interrupted run leaves no half-written output. Buffered; every `write(2)` is checked.
public final class AtomicFileWriter {
  /// The final path.
  public let path: String
  /// The temporary path written until ``commit()``.
  public let temporaryPath: String
  private var fd: Int32
  private var buffer: [UInt8] = []
  private var done = false
  /// Bytes written so far.
  public private(set) var byteCount = 0

  /// Creates the temporary file (`.NAME.tmp-PID-N` in the same folder).
  ///
  /// - Throws: ``BhashaError/cannotCreate(path:reason:)``.
  public init(path: String) throws(BhashaError) {
    self.path = path
    let slash = path.lastIndex(of: "/")
    let folder = slash.map { String(path[...$0]) } ?? ""
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    var attempt = 0
    var fd: Int32 = -1
    var temp = ""
    repeat {
      attempt += 1
      temp = "\(folder).\(name).tmp-\(getpid())-\(attempt)"
      fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    } while fd < 0 && errno == EEXIST && attempt < 100
    guard fd >= 0 else { throw .cannotCreate(path: path, reason: LineReader.errorText(errno)) }
    self.fd = fd
    self.temporaryPath = temp
    buffer.reserveCapacity(1 << 16)
  }

  deinit { abort() }

  /// Appends `bytes`.
  ///
  /// - Throws: ``BhashaError/writeFailed(path:reason:)`` (disk full, I/O error).
  public func write(_ bytes: some Collection<UInt8>) throws(BhashaError) {
    buffer.append(contentsOf: bytes)
    byteCount += bytes.count
    if buffer.count >= 1 << 16 { try flush() }
  }

  /// Writes buffered bytes to the temporary file.
  public func flush() throws(BhashaError) {
    var offset = 0
    while offset < buffer.count {
      let n = buffer.withUnsafeBytes { raw in
        Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
      }
      if n < 0 {
        if errno == EINTR { continue }
        throw .writeFailed(path: path, reason: LineReader.errorText(errno))
      }
      offset += n
    }
    buffer.removeAll(keepingCapacity: true)
  }

  /// Flushes, closes and renames the temporary file into place.
  ///
  /// - Throws: ``BhashaError/writeFailed(path:reason:)`` if any of that fails (the temporary
  ///   file is removed).
  public func commit() throws(BhashaError) {
    guard !done else { return }
    do {
      try flush()
    } catch {
      abort()
      throw error
    }
    let closed = close(fd)
    fd = -1
    if closed != 0 {
      let reason = LineReader.errorText(errno)
      abort()
      throw .writeFailed(path: path, reason: reason)
    }
    if rename(temporaryPath, path) != 0 {
      let reason = LineReader.errorText(errno)
      abort()
      throw .writeFailed(path: path, reason: reason)
    }
    done = true
  }

  /// Closes and removes the temporary file; the final path is left untouched.
  public func abort() {
    guard !done else { return }
    done = true
    if fd >= 0 { _ = close(fd) }
    fd = -1
    _ = unlink(temporaryPath)
  }
}
