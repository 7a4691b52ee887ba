/// Measures lines with ICU: word-like words and grapheme clusters.
///
/// Holds ICU break iterators, so it is a class and not thread-safe: one per thread.
public final class TextMeasurer {
  private let words: BreakIterator
  private let graphemes: BreakIterator

  /// - Throws: ``ICUError`` if ICU cannot open its break iterators.
  public init() throws(ICUError) {
    words = try BreakIterator(.word)
    graphemes = try BreakIterator(.character)
  }

  /// Word-like words in `bytes` (ICU word break; spaces and punctuation are not words).
  public func words(_ bytes: [UInt8]) -> Int {
    bytes.withUnsafeBufferPointer { words.count($0) }
  }

  /// Grapheme clusters in `bytes`. Pure ASCII is counted without ICU (one per byte, CRLF one).
  public func graphemes(_ bytes: [UInt8]) -> Int {
    bytes.withUnsafeBufferPointer { buffer in
      var ascii = true
      var crlf = 0
      var previous: UInt8 = 0
      for b in buffer {
        if b >= 0x80 {
          ascii = false
          break
        }
        if b == 0x0A && previous == 0x0D { crlf += 1 }
        previous = b
      }
      return ascii ? buffer.count - crlf : graphemes.count(buffer)
    }
  }
}

/// Adds up lines per label for one input: lines, words, graphemes, code points, bytes.
///
///     let stats = try StatsAccumulator()
///     stats.add(line, analysis)
///     stats.block.labels["bn"]?.bytes
public final class StatsAccumulator {
  public private(set) var block = StatsBlock()
  private let measurer: TextMeasurer

  public init(measurer: TextMeasurer? = nil) throws(ICUError) {
    if let measurer {
      self.measurer = measurer
    } else {
      self.measurer = try TextMeasurer()
    }
  }

  /// Counts `line` to the label in `analysis`.
  public func add(_ line: Line, _ analysis: LineAnalysis) {
    var c = StatsCounts()
    c.lines = 1
    c.bytes = line.byteCount
    c.invalidBytes = analysis.invalidBytes
    c.codepoints = analysis.codepoints + (line.terminator == .crlf ? 2 : line.terminator.byteCount)
    c.words = measurer.words(line.content)
    c.graphemes =
      measurer.graphemes(line.content) + (line.terminator == .none ? 0 : 1)
    block.total += c
    block.labels[analysis.label.rawValue, default: StatsCounts()] += c
  }
}
