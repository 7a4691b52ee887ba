#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes a file through a temporary file beside it, put in place by ``commit(replace:)``, so an
/// interrupted run leaves no half-written output. Buffered; every `write(2)` is checked.
///
/// The temporary file (`.NAME.tmp-PID-N`) is registered with ``TemporaryFiles`` so that a
/// signal removes it, and so that a later run in the folder removes it if this process was
/// killed outright. Committing `fsync`s the file, then either replaces the final path
/// (`rename`) or, without `replace`, links it in only if nothing is there yet (`link` fails
/// with `EEXIST`), so two runs writing the same output never silently replace each other.
///
/// A path that is a character device or a FIFO (`/dev/null`, `/dev/stdout`, a named pipe) is
/// never renamed over: the bytes go to an unnamed temporary file (in `$TMPDIR`) and are copied
/// into the device at commit, so nothing reaches it before every check has passed. A socket,
/// a block device or a folder is refused.
@_spi(Stages) public final class AtomicFileWriter {
  /// The final path.
  public let path: String
  /// The temporary path written until ``commit(replace:)``.
  public let temporaryPath: String
  /// The folder of `path` ("" for the current folder).
  public let folder: String
  // The stored properties opt out of run-time exclusivity checks (three per write, and `split`
  // writes several times per segment): a writer is used by one thread, and none of its
  // methods calls back into it, so no two accesses can overlap.
  @exclusivity(unchecked) private var fd: Int32
  @exclusivity(unchecked) private var buffer: [UInt8] = []
  @exclusivity(unchecked) var done = false
  /// Whether ``path`` is a character device or FIFO, written into at commit.
  let intoDevice: Bool
  /// Bytes written so far.
  @exclusivity(unchecked) public private(set) var byteCount = 0

  /// Creates the temporary file (`.NAME.tmp-PID-N` in the same folder).
  ///
  /// - Throws: ``BhashaError/cannotCreate(path:reason:)``.
  /// - Throws: ``BhashaError/cannotCreate(path:reason:)``, also when `path` is a folder, a
  ///   socket or a block device.
  public init(path: String) throws(BhashaError) {
    self.path = path
    let slash = path.lastIndex(of: "/")
    let folder = slash.map { String(path[...$0]) } ?? ""
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    self.folder = folder
    switch Self.kind(of: path) {
    case .device:
      let (fd, failure) = Self.unnamedTemporaryFile()
      guard let fd else { throw .cannotCreate(path: RawPath.display(path), reason: failure) }
      self.fd = fd
      self.temporaryPath = ""
      self.intoDevice = true
      buffer.reserveCapacity(1 << 16)
      return
    case .refused(let reason):
      throw .cannotCreate(path: RawPath.display(path), reason: reason)
    case .fileOrNothing:
      intoDevice = false
    }
    var attempt = 0
    var fd: Int32 = -1
    var temp = ""
    repeat {
      attempt += 1
      temp = "\(folder).\(name).tmp-\(getpid())-\(attempt)"
      // Created under the registry's lock: a signal either finds it registered or stops it.
      fd =
        TemporaryFiles.shared.withPaths { paths -> Int32 in
          let fd = RawPath.withCString(temp) {
            open($0, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
          }
          if fd >= 0 { paths.insert(temp) }
          return fd
        } ?? -2
    } while fd == -1 && errno == EEXIST && attempt < 100
    guard fd >= 0 else {
      throw .cannotCreate(
        path: RawPath.display(path), reason: fd == -2 ? "interrupted" : LineReader.errorText(errno))
    }
    self.fd = fd
    self.temporaryPath = temp
    buffer.reserveCapacity(1 << 16)
  }

  deinit { abort() }

  /// What is at a path, for writing.
  enum Kind: Equatable {
    /// A regular file, a symbolic link to one, or nothing: replaced by `rename`.
    case fileOrNothing
    /// A character device or FIFO: written into.
    case device
    /// Never written: the reason.
    case refused(String)
  }

  /// What is at `path` (symbolic links followed, as `open` would).
  static func kind(of path: String) -> Kind {
    guard let info = RawPath.status(path) else { return .fileOrNothing }
    switch info.st_mode & S_IFMT {
    case S_IFREG: return .fileOrNothing
    case S_IFCHR, S_IFIFO: return .device
    case S_IFDIR: return .refused("is a directory")
    case S_IFSOCK: return .refused("is a socket")
    case S_IFBLK: return .refused("is a block device (write to a file instead)")
    default: return .refused("is not a regular file")
    }
  }

  /// A temporary file in `$TMPDIR` that is unlinked at once (nothing to clean up, even after
  /// `SIGKILL`), or the reason it could not be made.
  static func unnamedTemporaryFile() -> (Int32?, String) {
    var folder = "/tmp"
    if let value = getenv("TMPDIR"), value.pointee != 0 {
      folder = String(cString: value)
      while folder.count > 1 && folder.hasSuffix("/") { folder.removeLast() }
    }
    var template = Array("\(folder)/bhasha-XXXXXX".utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
      guard let base = buffer.baseAddress else { return -1 }
      let fd = mkstemp(base)
      if fd >= 0 { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
      return fd
    }
    guard fd >= 0 else {
      return (nil, "temporary file in \(folder): " + LineReader.errorText(errno))
    }
    _ = template.withUnsafeBufferPointer { buffer in buffer.baseAddress.map { unlink($0) } }
    return (fd, "")
  }

  /// Appends `bytes`.
  ///
  /// - Throws: ``BhashaError/writeFailed(path:reason:)`` (disk full, I/O error).
  /// Not generic: the CLI's writing thread calls this per segment, and from another module a
  /// generic one runs unspecialized (type metadata looked up per call).
  public func write(_ bytes: [UInt8]) throws(BhashaError) {
    buffer.append(contentsOf: bytes)
    byteCount += bytes.count
    if buffer.count >= 1 << 16 { try flush() }
  }

  /// Appends the bytes of the file at `path`, read in chunks (memory stays flat whatever its
  /// size): `split` puts its manifest's records, written to a scratch file while the header's
  /// checksum was unknown, after the header.
  ///
  /// - Throws: ``BhashaError/cannotOpen(file:reason:)`` or
  ///   ``BhashaError/readFailed(file:reason:)`` for the file read;
  ///   ``BhashaError/writeFailed(path:reason:)`` as ``write(_:)``.
  public func append(contentsOfFile path: String) throws(BhashaError) {
    let input = RawPath.withCString(path) { open($0, O_RDONLY | O_CLOEXEC) }
    guard input >= 0 else {
      let code = errno
      throw .cannotOpen(file: RawPath.display(path), reason: LineReader.errorText(code))
    }
    defer { close(input) }
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n = chunk.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
      let code = errno  // before anything else can change it
      if n < 0 {
        if code == EINTR { continue }
        throw .readFailed(file: RawPath.display(path), reason: LineReader.errorText(code))
      }
      if n == 0 { return }
      try write(Array(chunk[0..<n]))
    }
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
        throw .writeFailed(path: RawPath.display(path), reason: LineReader.errorText(errno))
      }
      offset += n
    }
    buffer.removeAll(keepingCapacity: true)
  }

  /// Flushes, `fsync`s, closes and puts the temporary file in place.
  ///
  /// - Parameter replace: replace an existing file at ``path``; when false an existing file
  ///   (even one created by another process a moment ago) is an error.
  /// - Throws: ``BhashaError/outputExists(path:)`` when `replace` is false and ``path``
  ///   exists; ``BhashaError/writeFailed(path:reason:)`` if anything else fails. The temporary
  ///   file is removed either way.
  public func commit(replace: Bool = true) throws(BhashaError) {
    try Self.commitAll([self], replace: replace)
  }

  /// ``commit(replace:)`` without the final step: the final path stays registered with
  /// ``TemporaryFiles`` (removed by a signal) until ``commitAll(_:replace:)`` ends.
  private func put(replace: Bool) throws(BhashaError) {
    guard !done else { return }
    let shown = RawPath.display(path)
    if intoDevice {
      do {
        try flush()
        try copyIntoDevice(replace: replace)
      } catch {
        abort()
        throw error
      }
      _ = close(fd)
      fd = -1
      done = true
      return
    }
    try seal()
    // Put in place and register the final path in one step under the registry's lock, so a
    // signal during a group commit removes what this run had already put in place.
    var failure: BhashaError?
    let registered: Void? = TemporaryFiles.shared.withPaths { paths in
      failure = Self.place(temporaryPath, at: path, replace: replace)
      paths.remove(temporaryPath)
      if failure == nil { paths.insert(path) }
    }
    if registered == nil { failure = .writeFailed(path: shown, reason: "interrupted") }
    if let failure {
      abort()
      throw failure
    }
    done = true
  }

  /// Flushes, `fsync`s and closes the temporary file, which stays where it is; on failure the
  /// writer is aborted. For a file only, not a device.
  func seal() throws(BhashaError) {
    guard fd >= 0 else { return }
    let shown = RawPath.display(path)
    do {
      try flush()
    } catch {
      abort()
      throw error
    }
    if fsync(fd) != 0 && errno != EINVAL && errno != EROFS {
      let reason = LineReader.errorText(errno)
      abort()
      throw .writeFailed(path: shown, reason: reason)
    }
    let closed = close(fd)
    fd = -1
    if closed != 0 {
      let reason = LineReader.errorText(errno)
      abort()
      throw .writeFailed(path: shown, reason: reason)
    }
  }

  /// Copies the unnamed temporary file into the device or FIFO at ``path``.
  private func copyIntoDevice(replace: Bool) throws(BhashaError) {
    let shown = RawPath.display(path)
    guard replace else { throw .outputExists(path: shown) }
    let target = RawPath.withCString(path) { open($0, O_WRONLY | O_NOCTTY | O_CLOEXEC) }
    guard target >= 0 else { throw .writeFailed(path: shown, reason: LineReader.errorText(errno)) }
    defer { _ = close(target) }
    // The path may have changed since init: write into a device or FIFO only, never a file.
    var info = stat()
    guard fstat(target, &info) == 0,
      (info.st_mode & S_IFMT) == S_IFCHR || (info.st_mode & S_IFMT) == S_IFIFO
    else { throw .writeFailed(path: shown, reason: "changed while being written; run again") }
    guard lseek(fd, 0, SEEK_SET) == 0 else {
      throw .writeFailed(path: shown, reason: LineReader.errorText(errno))
    }
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        throw .writeFailed(path: shown, reason: LineReader.errorText(errno))
      }
      if n == 0 { return }
      var offset = 0
      while offset < n {
        let m = chunk.withUnsafeBytes { raw -> Int in
          guard let base = raw.baseAddress else { return 0 }
          return Glibc.write(target, base + offset, n - offset)
        }
        if m < 0 {
          if errno == EINTR { continue }
          throw .writeFailed(path: shown, reason: LineReader.errorText(errno))
        }
        offset += m
      }
    }
  }

  /// Moves `temp` to `path`: `rename` when replacing, else `link` (which never replaces) and
  /// `unlink`. Returns the error, if any.
  static func place(_ temp: String, at path: String, replace: Bool) -> BhashaError? {
    let shown = RawPath.display(path)
    if replace {
      let ok = RawPath.withCString(temp) { t in RawPath.withCString(path) { rename(t, $0) } } == 0
      return ok ? nil : .writeFailed(path: shown, reason: LineReader.errorText(errno))
    }
    let linked = RawPath.withCString(temp) { t in RawPath.withCString(path) { link(t, $0) } } == 0
    if linked {
      _ = RawPath.withCString(temp) { unlink($0) }
      return nil
    }
    if errno == EEXIST { return .outputExists(path: shown) }
    let reason = LineReader.errorText(errno)
    // File systems without hard links: check, then rename (a narrow race remains there).
    if [EPERM, EOPNOTSUPP, EMLINK, ENOSYS].contains(errno) {
      if RawPath.status(path) != nil { return .outputExists(path: shown) }
      let ok = RawPath.withCString(temp) { t in RawPath.withCString(path) { rename(t, $0) } } == 0
      return ok ? nil : .writeFailed(path: shown, reason: LineReader.errorText(errno))
    }
    return .writeFailed(path: shown, reason: reason)
  }

  /// Closes and removes the temporary file; the final path is left untouched.
  public func abort() {
    guard !done else { return }
    done = true
    if fd >= 0 { _ = close(fd) }
    fd = -1
    if intoDevice { return }
    _ = TemporaryFiles.shared.withPaths { paths in
      _ = RawPath.withCString(temporaryPath) { unlink($0) }
      paths.remove(temporaryPath)
    }
  }

  /// Commits `writers` as one output: if one fails, the ones already put in place are removed
  /// again and the rest aborted, so a run leaves all of its outputs or none. Then `fsync`s
  /// their folders, so the new names survive a crash.
  ///
  /// - Throws: the first commit's error.
  public static func commitAll(_ writers: [AtomicFileWriter], replace: Bool) throws(BhashaError) {
    var placed: [AtomicFileWriter] = []
    for (k, writer) in writers.enumerated() {
      do {
        try writer.put(replace: replace)
        placed.append(writer)
      } catch {
        // A device written into cannot be taken back, and is never removed.
        for done in placed where !done.intoDevice {
          _ = TemporaryFiles.shared.withPaths { paths in
            _ = RawPath.withCString(done.path) { unlink($0) }
            paths.remove(done.path)
          }
        }
        for rest in writers[(k + 1)...] { rest.abort() }
        throw error
      }
    }
    for folder in Set(writers.filter { !$0.intoDevice }.map(\.folder)) {
      let dir = RawPath.withCString(folder.isEmpty ? "." : folder) {
        open($0, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
      }
      if dir >= 0 {
        _ = fsync(dir)
        _ = close(dir)
      }
    }
    _ = TemporaryFiles.shared.withPaths { paths in
      for writer in writers { paths.remove(writer.path) }
    }
  }
}
