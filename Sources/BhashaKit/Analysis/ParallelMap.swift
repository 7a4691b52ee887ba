import Dispatch

/// Maps a batch of values on all cores, keeping input order.
///
/// `transform` gets the value and a worker index in `0..<workers`, so that each worker can use
/// its own non-thread-safe helpers (ICU break iterators).
public enum ParallelMap {
  /// The number of workers to use: the active processor count, at least 1.
  public static var defaultWorkers: Int {
    max(1, sysconfWorkers())
  }

  /// `values.map(transform)`, computed by `workers` threads over contiguous slices.
  ///
  /// - Complexity: O(n) work spread over `workers` threads.
  public static func map<Value, Result>(
    _ values: [Value], workers: Int, _ transform: (Value, Int) -> Result
  ) -> [Result] {
    let n = values.count
    let workers = max(1, min(workers, n))
    if workers == 1 { return values.map { transform($0, 0) } }
    return [Result](unsafeUninitializedCapacity: n) { buffer, count in
      let base = buffer.baseAddress
      withoutActuallyEscaping(transform) { transform in
        let box = UnsafeSendable(base: base, transform: transform, values: values)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
          let lo = n * worker / workers
          let hi = n * (worker + 1) / workers
          guard let base = box.base else { return }
          for i in lo..<hi {
            (base + i).initialize(to: box.transform(box.values[i], worker))
          }
        }
      }
      count = n
    }
  }

  /// Carries what the workers share; each writes only its own slots.
  private struct UnsafeSendable<Value, Result>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Result>?
    let transform: (Value, Int) -> Result
    let values: [Value]
  }

  private static func sysconfWorkers() -> Int {
    #if canImport(Glibc)
      return Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    #else
      return 1
    #endif
  }
}

#if canImport(Glibc)
  import Glibc
#endif
