@_spi(Stages) import BhashaKit

#if canImport(Glibc)
  import Glibc
#endif

/// Which regular file a path names (device and inode), so that no output is ever one of the
/// inputs, under any name: a hard link, `./x` for `x`, or standard input redirected from it.
struct FileIdentity: Equatable {
  let device: UInt
  let inode: UInt

  /// The regular file at `path` (`-`: standard input's), or nil for anything else (nothing
  /// there, a pipe, a terminal, a device).
  init?(path: String) {
    var info = stat()
    let ok =
      path == "-"
      ? fstat(0, &info) == 0
      : RawPath.withCString(path) { stat($0, &info) } == 0
    guard ok, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
    device = UInt(info.st_dev)
    inode = UInt(info.st_ino)
  }

  /// Refuses `output` if it is one of `inputs` (always), or exists and `force` is false.
  ///
  /// - Throws: ``BhashaError/outputIsInput(path:)`` or ``BhashaError/outputExists(path:)``.
  static func checkOutput(_ output: String, inputs: [String], force: Bool) throws(BhashaError) {
    let shown = RawPath.display(output)
    if let id = FileIdentity(path: output), inputs.contains(where: { FileIdentity(path: $0) == id })
    {
      throw .outputIsInput(path: shown)
    }
    if !force, RawPath.status(output) != nil { throw .outputExists(path: shown) }
  }
}
