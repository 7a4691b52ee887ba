@_spi(Stages) import BhashaKit
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// On SIGINT, SIGTERM or SIGHUP: remove this run's temporary files and uncommitted outputs
/// (``TemporaryFiles``), then die of the same signal, so the shell sees 130, 143 or 129 and a
/// script around us stops as it would for any other program.
///
/// The signals are blocked in every thread and taken by one thread with `sigwait`, so the
/// cleanup runs as ordinary code (a mutex, `unlink`), not in a signal handler.
enum SignalCleanup {
  static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

  /// Blocks the signals (threads made later inherit the mask) and starts the waiting thread.
  /// Call first thing in `main`.
  static func install() {
    var set = sigset_t()
    sigemptyset(&set)
    for sig in signals { sigaddset(&set, sig) }
    pthread_sigmask(SIG_BLOCK, &set, nil)
    let mask = set
    let thread = Thread {
      var set = mask
      var received: Int32 = 0
      while sigwait(&set, &received) != 0 {}
      TemporaryFiles.shared.removeAll()
      // Die of the signal itself: default action, unblocked, raised again.
      signal(received, SIG_DFL)
      var only = sigset_t()
      sigemptyset(&only)
      sigaddset(&only, received)
      pthread_sigmask(SIG_UNBLOCK, &only, nil)
      raise(received)
      _exit(128 + received)
    }
    thread.start()
  }
}
