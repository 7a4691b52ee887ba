import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

extension AtomicFileWriter {
  /// Commits a split's streams and manifest over an earlier split of the same name
  /// (`split --force`) so that at every instant the folder holds one complete, mergeable
  /// generation, the earlier or the new, whatever stops the process (even `SIGKILL`):
  ///
  /// 1. each new stream, sealed under its temporary name, gets a second name,
  ///    `.FILE.gen-0` (or `-1` if the manifest there names `-0`);
  /// 2. a first manifest naming the second names is renamed over the old manifest: the
  ///    commit point. Before it the old manifest and its streams are untouched; after it the
  ///    manifest names only new files;
  /// 3. each stream's temporary file is renamed to its final name;
  /// 4. the final manifest, naming the final files, is renamed over the first;
  /// 5. the second names are removed, and so are those the old manifest named.
  ///
  /// Where the file system has no hard links, the streams are renamed into place first and
  /// the manifest last, as ``commitAll(_:replace:)`` does (a narrow window remains there).
  ///
  /// - Parameters:
  ///   - streams: the stream writers, all in the manifest's folder, not committed yet.
  ///   - manifestPath: the manifest's final path.
  ///   - manifest: makes the manifest's writer, given the file name of each stream (in the
  ///     order of `streams`) that it is to name.
  /// - Throws: the first error. Before the commit point nothing of the old generation has
  ///   changed; after it the new one is in place, under its second names if a later step
  ///   failed.
  public static func commitGeneration(
    streams: [AtomicFileWriter], manifestPath: String,
    manifest: ([String]) throws(BhashaError) -> AtomicFileWriter
  ) throws(BhashaError) {
    let finalNames = streams.map { String($0.path.dropFirst($0.folder.count)) }
    if streams.contains(where: \.intoDevice) || kind(of: manifestPath) != .fileOrNothing {
      try commitAll(streams + [try manifest(finalNames)], replace: true)
      return
    }
    let folder = streams.first?.folder ?? ""
    let named = Self.streamFiles(ofManifest: manifestPath)
    let secondNames = finalNames.map { name in
      let first = ".\(name).gen-0"
      return named.contains(first) ? ".\(name).gen-1" : first
    }
    var linked: [String] = []
    func removeLinked() {
      _ = TemporaryFiles.shared.withPaths { paths in
        for path in linked {
          _ = RawPath.withCString(path) { unlink($0) }
          paths.remove(path)
        }
      }
    }
    // 1. Second names (a file of that name is not named by the manifest: left by a run
    // stopped before its commit point).
    do throws(BhashaError) {
      for (writer, second) in zip(streams, secondNames) {
        try writer.seal()
        let path = folder + second
        var failure: Int32 = 0
        let registered: Void? = TemporaryFiles.shared.withPaths { paths in
          _ = RawPath.withCString(path) { unlink($0) }
          if RawPath.withCString(
            writer.temporaryPath,
            { t in
              RawPath.withCString(path) { link(t, $0) }
            }) == 0
          {
            paths.insert(path)
            linked.append(path)
          } else {
            failure = errno
          }
        }
        if registered == nil { throw .writeFailed(path: path, reason: "interrupted") }
        if [EPERM, EOPNOTSUPP, EMLINK, ENOSYS].contains(failure) {
          // No hard links here: streams first, the manifest last.
          removeLinked()
          try commitAll(streams + [try manifest(finalNames)], replace: true)
          return
        }
        if failure != 0 {
          throw BhashaError.writeFailed(
            path: RawPath.display(path), reason: LineReader.errorText(failure))
        }
        CommitFault.step()
      }
      // 2. The commit point.
      let first = try manifest(secondNames)
      try first.seal()
      CommitFault.step()
      var failure: BhashaError?
      let registered: Void? = TemporaryFiles.shared.withPaths { paths in
        failure = place(first.temporaryPath, at: manifestPath, replace: true)
        paths.remove(first.temporaryPath)
        if failure == nil { for path in linked { paths.remove(path) } }
      }
      if registered == nil { failure = .writeFailed(path: manifestPath, reason: "interrupted") }
      if let failure {
        first.abort()
        throw failure
      }
      first.done = true
    } catch {
      removeLinked()
      for writer in streams { writer.abort() }
      throw error
    }
    CommitFault.step()
    // 3. Final names. A stream whose temporary file a signal removed keeps its second name,
    // which the manifest names.
    for writer in streams {
      var failure: BhashaError?
      _ = TemporaryFiles.shared.withPaths { paths in
        failure = place(writer.temporaryPath, at: writer.path, replace: true)
        paths.remove(writer.temporaryPath)
      }
      writer.done = true
      if let failure { throw failure }
      CommitFault.step()
    }
    // 4. The final manifest.
    let last = try manifest(finalNames)
    try last.seal()
    var failure: BhashaError?
    let registered: Void? = TemporaryFiles.shared.withPaths { paths in
      failure = place(last.temporaryPath, at: manifestPath, replace: true)
      paths.remove(last.temporaryPath)
    }
    if registered == nil { failure = .writeFailed(path: manifestPath, reason: "interrupted") }
    if let failure {
      last.abort()
      throw failure
    }
    last.done = true
    CommitFault.step()
    // 5. Second names, ours and the old manifest's.
    let unused = Set(linked).union(
      named.filter { isSecondName($0) }.map { folder + $0 })
    for path in unused.sorted() {
      _ = RawPath.withCString(path) { unlink($0) }
      CommitFault.step()
    }
    let dir = RawPath.withCString(folder.isEmpty ? "." : folder) {
      open($0, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    }
    if dir >= 0 {
      _ = fsync(dir)
      _ = close(dir)
    }
  }

  /// Whether `name` is a stream's second name, `.FILE.gen-0` or `.FILE.gen-1`.
  static func isSecondName(_ name: String) -> Bool {
    name.hasPrefix(".") && (name.hasSuffix(".gen-0") || name.hasSuffix(".gen-1"))
  }

  /// The stream files the manifest at `path` names, or none if there is no manifest there or
  /// its header does not parse (then `merge` would refuse it too).
  static func streamFiles(ofManifest path: String) -> Set<String> {
    guard RawPath.status(path) != nil,
      let cursor = try? LineCursor(path: path, maxLineBytes: 1 << 20),
      let line = try? cursor.next(),
      let header = try? DocumentMerger.header(line.content, file: path)
    else { return [] }
    return Set(header.streams.values.map(\.file))
  }
}

/// A test hook: with `BHASHA_TEST_KILL_AT_STEP=N` in the environment, the process kills
/// itself with `SIGKILL` at the N-th step of a split's commit, so the tests can stop a
/// commit at every point and check that the folder still merges.
enum CommitFault {
  static let killAtStep: Int? = getenv("BHASHA_TEST_KILL_AT_STEP").flatMap {
    Int(String(cString: $0))
  }
  static let steps = Atomic<Int>(0)

  /// Counts a step; kills the process at the chosen one.
  static func step() {
    guard let killAtStep else { return }
    let now = steps.add(1, ordering: .relaxed).newValue
    if now == killAtStep { kill(getpid(), SIGKILL) }
  }
}
