/// How many cores there are to work on (``Analyzer`` runs the workers).
@_spi(Stages) public enum ParallelMap {
  /// The number of workers to use: the active processor count, at least 1.
  public static var defaultWorkers: Int {
    max(1, sysconfWorkers())
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
