import Dispatch
import Synchronization

/// Bhasha's front door: analyses of lines of text, one at a time or streamed in order from a
/// parallel pipeline.
///
///     let analyzer = try Analyzer()
///     let analysis = analyzer.analyze("আমি Dhaka যাব।")
///     analysis.label                        // .bn
///     analysis.spans.map(\.language)        // [.bn, .en, .bn]
///
/// Streaming (what `bhasha stats`, `classify` and `split` run on): a reader feeds batches of
/// lines, `threads` workers classify a batch and run `prepare` on each line, and the caller's
/// thread gets every line back **in input order** in `consume`, while the workers already
/// classify the next batch. Output is the same for any number of threads.
///
///     let cursor = try LineCursor(path: "news.txt")
///     try analyzer.forEachLine(of: cursor) { line, analysis in
///       print(line.number, analysis.label)
///     }
///
/// An `Analyzer` is immutable and can be shared between threads.
public struct Analyzer: Sendable {
  /// How to analyse.
  public struct Settings: Sendable {
    /// The script-only rule (Latin letters English, Bengali letters Bengali) instead of the
    /// bundled language model: faster, but no `bn-Latn`, `as` or other Latin-script languages.
    public var scriptOnly = false
    /// Worker threads for streaming (at least 1); the default is one per core.
    public var threads = ParallelMap.defaultWorkers
    /// Read the text as HTML: tags, comments, script and style bodies and character references
    /// are neutral (streaming only: markup state runs from line to line).
    public var markup = false

    /// Lines and bytes after which a batch goes to the workers (set small by tests: output
    /// must not depend on them).
    var batchLines = 2048
    var batchBytes = 2 << 20

    /// See ``Analyzer/workerSlots``.
    public var workerSlots: Int { threads == 1 ? 1 : 2 * threads }

    /// The language codes answers are restricted to, or nil for all
    /// (``LanguageIdentifier/allowed``; needs the model).
    public var languages: Set<String>? = nil
    /// How many next most likely languages each span lists
    /// (``LanguageIdentifier/alternatives``; needs the model).
    public var alternatives = 0

    public init(
      scriptOnly: Bool = false, threads: Int? = nil, markup: Bool = false,
      languages: Set<String>? = nil, alternatives: Int = 0
    ) {
      self.scriptOnly = scriptOnly
      self.threads = max(1, threads ?? ParallelMap.defaultWorkers)
      self.markup = markup
      self.languages = languages
      self.alternatives = alternatives
    }
  }

  public let settings: Settings
  /// The line classifier the settings ask for.
  @_spi(Stages) public let classifier: LineClassifier

  /// An analyzer with `settings`.
  ///
  /// - Throws: ``BhashaError/modelUnavailable(searched:reason:)`` when the model is asked for
  ///   and cannot be loaded (never a silent fallback to the script-only rule).
  public init(_ settings: Settings = Settings()) throws(BhashaError) {
    self.settings = settings
    if settings.scriptOnly {
      classifier = LineClassifier(identifier: LanguageIdentifier(model: nil))
    } else {
      let model = try LanguageModel.located.get().model
      classifier = LineClassifier(
        identifier: LanguageIdentifier(
          model: model, allowed: settings.languages, alternatives: settings.alternatives))
    }
  }

  /// An analyzer around a classifier made elsewhere (its own model or settings).
  @_spi(Stages) public init(classifier: LineClassifier, settings: Settings = Settings()) {
    self.settings = settings
    self.classifier = classifier
  }

  /// The analysis of one line of text (without its line break).
  public func analyze(_ text: some StringProtocol) -> LineAnalysis {
    analyze(bytes: Array(text.utf8))
  }

  /// The analysis of one line of UTF-8 bytes (without its line break; invalid bytes are kept
  /// and counted in ``LineAnalysis/invalidBytes``).
  public func analyze(bytes: some Collection<UInt8>) -> LineAnalysis {
    classifier.classify(Array(bytes))
  }

  /// Streams the lines of `cursor` through the workers and back in order.
  public func forEachLine(
    of cursor: LineCursor, _ body: (Line, LineAnalysis) throws -> Void
  ) throws {
    try forEachLine(
      of: cursor, prepare: { _, _, _ in () },
      consume: { line, analysis, _ in
        try body(line, analysis)
      }, afterBatch: { _, _ in })
  }

  /// Streams the lines of `cursor` through the workers: each batch of lines is classified on
  /// the worker threads, which also run `prepare` on each line (with a worker index in
  /// `0..<workerSlots`, for per-thread helpers: no two running calls share an index);
  /// then `consume` gets each line in input order on the calling thread, while the workers
  /// already classify the next batch, and `afterBatch` runs with the batch's lines and bytes.
  ///
  /// A batch ends at 2,048 lines or 2 MiB, and whenever the input has nothing more to give at
  /// once (a pipe whose writer paused): what has arrived is classified and consumed at once,
  /// so `tail -f log | bhasha classify` prints each line as it comes. Memory stays bounded by
  /// three batches. With one thread everything runs on the calling thread.
  ///
  /// - Throws: what `consume`, `afterBatch` or the cursor throw; the workers have stopped by
  ///   the time this returns or throws.
  public func forEachLine<Prepared>(
    of cursor: LineCursor,
    prepare: (Line, LineAnalysis, Int) -> Prepared,
    consume: (Line, LineAnalysis, Prepared) throws -> Void,
    afterBatch: (_ lines: Int, _ bytes: Int) throws -> Void
  ) throws {
    let classifier = self.classifier
    try withoutActuallyEscaping(prepare) { prepare in
      try forEachLine(
        of: cursor,
        analyze: { line, markup, cache, worker in
          let analysis = classifier.classify(line.content, cache: cache, markup: markup)
          return (analysis, prepare(line, analysis, worker))
        }, consume: consume, afterBatch: afterBatch)
    }
  }

  /// ``forEachLine(of:prepare:consume:afterBatch:)`` where the workers' step does the line's
  /// analysis too: `analyze` gets the line, its markup (with ``Settings/markup``, else nil), the
  /// worker's word-score cache and its index, and returns the analysis and what `consume`
  /// gets. For stages that classify parts of lines (`split --unit sentence`,
  /// ``SegmentPlanner/plan(_:markup:cache:)``) and need not classify the whole line as well.
  /// A stage entry, behind `@_spi(Stages)`.
  @_spi(Stages) public func forEachLine<Prepared>(
    of cursor: LineCursor,
    analyze: (Line, [Range<Int>]?, ScoreCache, Int) -> (LineAnalysis, Prepared),
    consume: (Line, LineAnalysis, Prepared) throws -> Void,
    afterBatch: (_ lines: Int, _ bytes: Int) throws -> Void
  ) throws {
    let workers = settings.threads
    let settings = self.settings
    var scanner = settings.markup ? MarkupScanner() : nil
    try withoutActuallyEscaping(analyze) { analyze in
      let work = Work(slots: WorkerSlots(count: workerSlots), analyze: analyze)
      // Up to two batches on the workers: while the older one's last lines finish, the
      // newer one's start. Each running worker holds a worker index of its own (and its
      // cache) from `work.slots`.
      var running: [Batch<Prepared>] = []
      // Waits for the running batches (so no worker outlives this call, even on a throw).
      defer { for batch in running { batch.wait() } }
      func finish(_ batch: Batch<Prepared>) throws {
        batch.wait()
        for k in 0..<batch.lines.count {
          let (analysis, prepared) = batch.takeResult(k)
          try consume(batch.lines[k], analysis, prepared)
        }
        try afterBatch(batch.lines.count, batch.bytes)
      }
      func finishOldest() throws {
        let oldest = running.removeFirst()
        try finish(oldest)
      }
      var lines: [Line] = []
      var markups: [[Range<Int>]?] = []
      var bytes = 0
      func dispatch(now: Bool) throws {
        let batch = Batch<Prepared>(lines: lines, markups: markups, bytes: bytes)
        lines = []
        markups = []
        bytes = 0
        if workers == 1 {
          batch.runHere(work)
          try finish(batch)
          return
        }
        if running.count == 2 { try finishOldest() }
        batch.start(work, workers: workers)
        running.append(batch)
        if now {
          while !running.isEmpty { try finishOldest() }
        }
      }
      while let line = try cursor.next() {
        markups.append(scanner?.markup(in: line.content))
        bytes += line.byteCount
        lines.append(line)
        let drained = cursor.isDrained
        if lines.count >= settings.batchLines || bytes >= settings.batchBytes || drained {
          try dispatch(now: drained)
        }
      }
      if !lines.isEmpty { try dispatch(now: true) }
      while !running.isEmpty { try finishOldest() }
    }
  }

  /// The number of distinct worker indices that ``forEachLine(of:prepare:consume:afterBatch:)``
  /// hands to `prepare`: give each its own non-thread-safe helpers.
  public var workerSlots: Int { settings.workerSlots }

  /// What every worker needs: the step, and the worker indices with their caches.
  private struct Work<Prepared>: @unchecked Sendable {
    let slots: WorkerSlots
    let analyze: (Line, [Range<Int>]?, ScoreCache, Int) -> (LineAnalysis, Prepared)
  }

  /// The worker indices `0..<count`, each with its word-score cache, handed to running
  /// workers (the most recently given back first, so its cache is warm). A worker holds one
  /// while it runs a batch. Caches are made on first use: as many as workers ever ran at once
  /// (the threads, plus at most one while two batches overlap), not one per index, since each
  /// fills to about 6 MB and that is most of the peak memory on long inputs.
  private final class WorkerSlots: @unchecked Sendable {
    /// Free indices; the next one taken is the last.
    private let free: Mutex<[Int]>
    /// Index i's cache; read and written only by the holder of index i.
    private let caches: UnsafeMutablePointer<ScoreCache?>
    let count: Int

    init(count: Int) {
      self.count = max(1, count)
      free = Mutex(Array((0..<self.count).reversed()))
      caches = .allocate(capacity: self.count)
      caches.initialize(repeating: nil, count: self.count)
    }

    deinit {
      caches.deinitialize(count: count)
      caches.deallocate()
    }

    /// Takes a free index, and its cache. The streaming loop runs at most `threads` workers
    /// per batch and two batches at a time, so an index is always free.
    func take() -> (index: Int, cache: ScoreCache) {
      let index = free.withLock { $0.popLast() } ?? 0
      if let cache = caches[index] { return (index, cache) }
      let cache = ScoreCache()
      caches[index] = cache
      return (index, cache)
    }

    func give(_ index: Int) {
      free.withLock { $0.append(index) }
    }
  }

  /// A batch of lines and, once its workers are done, their analyses.
  private final class Batch<Prepared>: @unchecked Sendable {
    let lines: [Line]
    let markups: [[Range<Int>]?]
    let bytes: Int
    private let results: UnsafeMutablePointer<(LineAnalysis, Prepared)>
    private let group = DispatchGroup()

    init(lines: [Line], markups: [[Range<Int>]?], bytes: Int) {
      self.lines = lines
      self.markups = markups
      self.bytes = bytes
      results = .allocate(capacity: max(1, lines.count))
    }

    /// Whether workers were started: then every result is made before the group is done. A
    /// batch dropped before that (a throw) has none to destroy.
    private var started = false
    /// Results before this one were moved out by ``takeResult(_:)``.
    private var moved = 0

    deinit {
      group.wait()
      if started { (results + moved).deinitialize(count: lines.count - moved) }
      results.deallocate()
    }

    /// Lines a worker takes at a time: small enough that workers finish a batch together
    /// (lines differ in cost by orders of magnitude), large enough that taking is rare.
    static var chunk: Int { 32 }
    private let taken = Atomic<Int>(0)

    /// A worker: takes a worker index, then chunks of lines until none are left.
    private func run(_ work: Work<Prepared>) {
      let n = lines.count
      guard taken.load(ordering: .relaxed) < n else { return }
      let (slot, cache) = work.slots.take()
      defer { work.slots.give(slot) }
      while true {
        let lo = taken.add(Self.chunk, ordering: .relaxed).oldValue
        guard lo < n else { return }
        for k in lo..<min(n, lo + Self.chunk) {
          (results + k).initialize(to: work.analyze(lines[k], markups[k], cache, slot))
        }
      }
    }

    /// Runs the batch on the calling thread.
    func runHere(_ work: Work<Prepared>) {
      started = true
      run(work)
    }

    /// Starts `workers` workers and returns at once.
    func start(_ work: Work<Prepared>, workers: Int) {
      started = true
      let queue = DispatchQueue.global(qos: .userInitiated)
      for _ in 0..<workers {
        queue.async(group: group) { self.run(work) }
      }
    }

    func wait() { group.wait() }

    /// Moves result `k` out, after every result before it (once the group is done). Moving,
    /// not copying, spares each result a copy and a destruction, which for a generic
    /// `Prepared` go through its value witnesses (about a thousand instructions a line).
    func takeResult(_ k: Int) -> (LineAnalysis, Prepared) {
      precondition(k == moved, "results are taken in order")
      moved += 1
      return (results + k).move()
    }
  }
}
