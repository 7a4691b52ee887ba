#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// Reads lines one at a time from a file descriptor: the pull-style reader behind
/// ``LineReader`` and `merge`, which reads several streams side by side.
///
/// Memory stays flat whatever the input: one reused chunk buffer, the lines of at most
/// ``feedBytes`` of it, and the current line (at most `maxLineBytes`). Owns its descriptor.
public final class LineCursor {
  /// The name used in messages.
  public let displayName: String
  /// Bytes handed to the line splitter at a time, so a chunk of blank lines never becomes
  /// millions of lines at once.
  static let feedBytes = 64 << 10

  // The stored properties opt out of run-time exclusivity checks (two or three per line): a
  // cursor is read by one thread at a time, and none of its methods calls back into it, so no
  // two accesses can overlap.
  @exclusivity(unchecked) private var fd: Int32
  private let ownsDescriptor: Bool
  @exclusivity(unchecked) private var splitter: LineSplitter
  @exclusivity(unchecked) private var buffer: [UInt8]
  @exclusivity(unchecked) private var filled = 0
  @exclusivity(unchecked) private var consumed = 0
  @exclusivity(unchecked) private var queue: [Line] = []
  @exclusivity(unchecked) private var queueIndex = 0
  @exclusivity(unchecked) private var ended = false
  @exclusivity(unchecked) private var sniff: Bool
  @exclusivity(unchecked) private var headChecked = false

  /// - Parameters:
  ///   - fd: an open descriptor; closed with the cursor when `owns` is true.
  ///   - sniff: refuse binary input and UTF-16/32 without a byte-order mark
  ///     (``InputSniffer``) by looking at the first bytes read.
  public init(
    fd: Int32, owns: Bool = true, displayName: String,
    maxLineBytes: Int = LineSplitter.defaultMaxLineBytes, chunkSize: Int = 1 << 20,
    sniff: Bool = false
  ) {
    self.fd = fd
    self.ownsDescriptor = owns
    self.displayName = displayName
    self.splitter = LineSplitter(maxLineBytes: maxLineBytes, source: displayName)
    self.buffer = [UInt8](repeating: 0, count: max(1, chunkSize))
    self.sniff = sniff
  }

  /// Opens `path` (`-` for standard input) for reading.
  ///
  /// - Throws: ``BhashaError/cannotOpen(file:reason:)``, ``BhashaError/isDirectory(file:)``.
  public convenience init(
    path: String, maxLineBytes: Int = LineSplitter.defaultMaxLineBytes,
    chunkSize: Int = 1 << 20, sniff: Bool = false
  ) throws(BhashaError) {
    let name = path == "-" ? "stdin" : RawPath.display(path)
    if path == "-" {
      self.init(
        fd: 0, owns: false, displayName: name, maxLineBytes: maxLineBytes, chunkSize: chunkSize,
        sniff: sniff)
      return
    }
    let fd = RawPath.withCString(path) { open($0, O_RDONLY | O_CLOEXEC) }
    if fd < 0 {
      if errno == EISDIR { throw .isDirectory(file: name) }
      throw .cannotOpen(file: name, reason: LineReader.errorText(errno))
    }
    var info = stat()
    if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
      _ = close(fd)
      throw .isDirectory(file: name)
    }
    self.init(
      fd: fd, owns: true, displayName: name, maxLineBytes: maxLineBytes, chunkSize: chunkSize,
      sniff: sniff)
  }

  deinit {
    if ownsDescriptor && fd >= 0 { _ = close(fd) }
  }

  /// Whether every byte read so far has been handed out as lines (or waits as the start of an
  /// unfinished line): the next ``next()`` will call `read(2)`, which on a pipe may wait for
  /// its writer. Consumers flush their work here so `tail -f | bhasha classify` answers
  /// promptly.
  public var isDrained: Bool { queueIndex >= queue.count && consumed == filled }

  /// The input's size in bytes, if it is a regular file.
  public var fileSize: Int? {
    var info = stat()
    guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
    return Int(info.st_size)
  }

  /// The next line, or nil at the end of the input.
  ///
  /// - Throws: ``BhashaError`` for read errors, over-long lines, UTF-16 input (with a
  ///   byte-order mark, or without one when sniffing) and binary input when sniffing.
  public func next() throws(BhashaError) -> Line? {
    while true {
      if queueIndex < queue.count {
        defer { queueIndex += 1 }
        return queue[queueIndex]
      }
      queue.removeAll(keepingCapacity: true)
      queueIndex = 0
      if ended { return nil }
      if consumed == filled {
        try fill()
        if filled == 0 {
          ended = true
          if let last = splitter.finish() { return last }
          return nil
        }
      }
      let end = min(filled, consumed + Self.feedBytes)
      queue = try splitter.push(buffer[consumed..<end])
      consumed = end
    }
  }

  /// Reads the next chunk into the buffer (`filled` is 0 at the end of the input).
  private func fill() throws(BhashaError) {
    consumed = 0
    filled = 0
    while true {
      let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        if errno == EISDIR { throw .isDirectory(file: displayName) }
        throw .readFailed(file: displayName, reason: LineReader.errorText(errno))
      }
      filled = n
      break
    }
    if !headChecked && filled > 0 {
      headChecked = true
      try checkHead(buffer[0..<filled])
    }
  }

  private func checkHead(_ head: ArraySlice<UInt8>) throws(BhashaError) {
    if head.starts(with: [0xFF, 0xFE, 0, 0] as [UInt8]) {
      throw .otherEncoding(file: displayName, encoding: "UTF-32LE")
    }
    if head.starts(with: [0, 0, 0xFE, 0xFF] as [UInt8]) {
      throw .otherEncoding(file: displayName, encoding: "UTF-32BE")
    }
    if head.starts(with: [0xFF, 0xFE] as [UInt8]) {
      throw .utf16(file: displayName, bigEndian: false)
    }
    if head.starts(with: [0xFE, 0xFF] as [UInt8]) {
      throw .utf16(file: displayName, bigEndian: true)
    }
    guard sniff else { return }
    switch InputSniffer.verdict(head) {
    case .text: return
    case .binary(let reason): throw .binaryInput(file: displayName, reason: reason)
    case .encoding(let name): throw .otherEncoding(file: displayName, encoding: name)
    }
  }
}
