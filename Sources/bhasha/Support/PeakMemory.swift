#if canImport(Glibc)
  import Glibc
#endif

/// With `BHASHA_REPORT_PEAK_MEMORY` set, the process writes its peak resident memory
/// (`VmHWM` from `/proc/self/status`) to stderr as it exits: the tests use it to check that
/// memory stays flat on hostile input (a parent cannot read it for a child: `wait4`'s
/// `ru_maxrss` includes the parent's memory at `exec`).
enum PeakMemory {
  static let variable = "BHASHA_REPORT_PEAK_MEMORY"

  static func installIfAsked() {
    guard getenv(variable) != nil else { return }
    atexit {
      let fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC)
      guard fd >= 0 else { return }
      defer { close(fd) }
      var bytes = [UInt8](repeating: 0, count: 8192)
      let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      guard n > 0 else { return }
      let text = String(decoding: bytes[0..<n], as: UTF8.self)
      guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else {
        return
      }
      let kB = line.dropFirst(6).filter { $0.isNumber }
      let message = Array("bhasha: peak memory: \(kB) kB\n".utf8)
      _ = message.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }
  }
}
