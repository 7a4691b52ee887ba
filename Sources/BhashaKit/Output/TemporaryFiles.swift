import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// The temporary files and not-yet-final outputs of this process, so that a signal
/// (SIGINT, SIGTERM, SIGHUP) can remove them before the process ends, and so that the next run
/// in a folder can remove those of a process that was killed outright (SIGKILL).
///
/// Temporary files are named `.NAME.tmp-PID-N` (``AtomicFileWriter``): the PID tells whether
/// their writer is still alive. This is process-wide state by nature (a signal ends the whole
/// process); it is guarded by a mutex and used only through ``shared``.
@_spi(Stages) public final class TemporaryFiles: Sendable {
  public static let shared = TemporaryFiles()

  private struct State {
    var paths: Set<String> = []
    var terminating = false
  }
  private let state = Mutex(State())

  init() {}

  /// Runs `body` under the lock with the set of registered paths; nil (and `body` not run)
  /// once ``removeAll()`` has run, so nothing is created or committed after a signal.
  func withPaths<R>(_ body: (inout Set<String>) -> R) -> R? {
    state.withLock { state -> R? in
      if state.terminating { return nil }
      return body(&state.paths)
    }
  }

  /// Removes every registered file; later registrations fail. Called once, when a signal
  /// arrives.
  public func removeAll() {
    state.withLock { state in
      state.terminating = true
      for path in state.paths { _ = RawPath.withCString(path) { unlink($0) } }
      state.paths.removeAll()
    }
  }

  /// Whether `name` is a temporary file name of ours, and the PID of its writer.
  static func writerPID(ofTemporaryName name: String) -> pid_t? {
    let bytes = Array(name.utf8)
    let marker = Array(".tmp-".utf8)
    guard bytes.first == UInt8(ascii: "."), bytes.count > marker.count + 3,
      let at = (1...(bytes.count - marker.count)).reversed().first(where: {
        bytes[$0..<($0 + marker.count)].elementsEqual(marker)
      })
    else { return nil }
    let parts = bytes[(at + marker.count)...].split(
      separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
    guard parts.count == 2,
      parts.allSatisfy({ !$0.isEmpty && $0.count < 11 && $0.allSatisfy { (48...57).contains($0) } }
      ),
      let pid = pid_t(String(decoding: parts[0], as: UTF8.self)), pid > 0
    else { return nil }
    return pid
  }

  /// Removes the temporary files in `folder` whose writer process no longer exists.
  ///
  /// - Returns: how many were removed.
  @discardableResult
  public static func removeStale(in folder: String) -> Int {
    let dir = RawPath.withCString(folder.isEmpty ? "." : folder) { opendir($0) }
    guard let dir else { return 0 }
    defer { closedir(dir) }
    let fd = dirfd(dir)
    var removed = 0
    while let entry = readdir(dir) {
      let name = withUnsafePointer(to: &entry.pointee.d_name) { pointer in
        pointer.withMemoryRebound(to: UInt8.self, capacity: 256) { bytes in
          RawPath.string(
            fromBytes: UnsafeBufferPointer(
              start: bytes,
              count: strlen(
                UnsafeRawPointer(bytes).assumingMemoryBound(to: CChar.self))))
        }
      }
      guard let pid = writerPID(ofTemporaryName: name), pid != getpid() else { continue }
      if kill(pid, 0) == 0 || errno != ESRCH { continue }
      var info = stat()
      let isFile =
        RawPath.withCString(name) { fstatat(fd, $0, &info, AT_SYMLINK_NOFOLLOW) } == 0
        && (info.st_mode & S_IFMT) == S_IFREG
      if isFile, RawPath.withCString(name, { unlinkat(fd, $0, 0) }) == 0 { removed += 1 }
    }
    return removed
  }
}
