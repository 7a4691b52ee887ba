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
  @exclusivity(unchecked) private var done = false
  /// Bytes written so far.
  @exclusivity(unchecked) public private(set) var byteCount = 0

  /// Creates the temporary file (`.NAME.tmp-PID-N` in the same folder).
  ///
  /// - Throws: ``BhashaError/cannotCreate(path:reason:)``.
  public init(path: String) throws(BhashaError) {
    self.path = path
    let slash = path.lastIndex(of: "/")
    let folder = slash.map { String(path[...$0]) } ?? ""
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    self.folder = folder
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
    // Put in place and register the final path in one step under the registry's lock, so a
    // signal during a group commit removes what this run had already put in place.
    var failure: BhashaError?
    let registered = TemporaryFiles.shared.withPaths { paths in
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

  /// Moves `temp` to `path`: `rename` when replacing, else `link` (which never replaces) and
  /// `unlink`. Returns the error, if any.
  private static func place(_ temp: String, at path: String, replace: Bool) -> BhashaError? {
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
        for done in placed {
          _ = TemporaryFiles.shared.withPaths { paths in
            _ = RawPath.withCString(done.path) { unlink($0) }
            paths.remove(done.path)
          }
        }
        for rest in writers[(k + 1)...] { rest.abort() }
        throw error
      }
    }
    for folder in Set(writers.map(\.folder)) {
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
