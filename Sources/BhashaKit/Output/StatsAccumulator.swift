/// Measures lines with ICU: word-like words and grapheme clusters, per span.
///
/// Holds ICU break iterators, so it is a class and not thread-safe: one per thread.
@_spi(Stages) public final class TextMeasurer {
  private let words: BreakIterator
  private let graphemes: BreakIterator
  private let decoder = FastBreaks.Decoder()

  /// - Throws: ``ICUError`` if ICU cannot open its break iterators.
  public init() throws(ICUError) {
    words = try BreakIterator(.word)
    graphemes = try BreakIterator(.character)
  }

  /// Word-like words in `bytes` (ICU's word break rules; spaces and punctuation are not
  /// words). Latin, Bengali and punctuation are counted from tables (``FastBreaks``), anything
  /// else by ICU's iterator.
  public func words(_ bytes: [UInt8]) -> Int {
    bytes.withUnsafeBufferPointer { buffer in
      decoder.withScalars(buffer) { scalars in
        var n = 0
        FastBreaks.forEachWordStart(scalars) { _ in n += 1 }
        return n
      } ?? words.count(buffer)
    }
  }

  /// Grapheme clusters in `bytes`. Pure ASCII is one per byte (CRLF one); Latin, Bengali and
  /// punctuation are counted from tables (``FastBreaks``), anything else by ICU's iterator.
  public func graphemes(_ bytes: [UInt8]) -> Int {
    bytes.withUnsafeBufferPointer { buffer in
      if let n = Self.asciiGraphemes(buffer) { return n }
      return decoder.withScalars(buffer) { scalars in
        var n = scalars.isEmpty ? 0 : 1
        FastBreaks.forEachGraphemeBoundary(scalars) { _ in n += 1 }
        return n
      } ?? graphemes.count(buffer)
    }
  }

  static func asciiGraphemes(_ buffer: UnsafeBufferPointer<UInt8>) -> Int? {
    var crlf = 0
    var previous: UInt8 = 0
    for b in buffer {
      if b >= 0x80 { return nil }
      if b == 0x0A && previous == 0x0D { crlf += 1 }
      previous = b
    }
    return buffer.count - crlf
  }

  /// Words and graphemes of `content` per span: each word counts to the span holding its
  /// first byte, each grapheme cluster likewise.
  ///
  /// Text in the fast tables' range is decoded once, into storage this measurer keeps, and
  /// counted without arrays of boundaries; anything else goes to ICU's iterators.
  public func perSpan(_ content: [UInt8], _ spans: [LanguageSpan]) -> (
    words: [Int], graphemes: [Int]
  ) {
    var wordCounts = [Int](filledWith: 0, count: spans.count)
    var graphemeCounts = [Int](filledWith: 0, count: spans.count)
    content.withUnsafeBufferPointer { buffer in
      spans.withUnsafeBufferPointer { spans in
        wordCounts.withUnsafeMutableBufferPointer { wordCounts in
          graphemeCounts.withUnsafeMutableBufferPointer { graphemeCounts in
            // All ASCII: one scalar per byte (text outside the tables goes to ICU).
            var ascii = false
            let fast: Void? = decoder.withScalars(buffer) { scalars in
              ascii = scalars.count == buffer.count
              Self.attribute(spans, into: wordCounts) { FastBreaks.forEachWordStart(scalars, $0) }
              if !ascii {
                // The first cluster starts at 0; the others at each boundary.
                Self.attribute(spans, into: graphemeCounts) { each in
                  if !scalars.isEmpty { each(0) }
                  FastBreaks.forEachGraphemeBoundary(scalars, each)
                }
              }
            }
            if fast == nil {
              Self.attribute(spans, into: wordCounts) { each in
                for start in words.wordStarts(buffer) { each(start) }
              }
              if let boundaries = try? graphemes.boundaries(buffer) {
                Self.attribute(spans, into: graphemeCounts) { each in
                  for b in boundaries.dropLast() { each(Int32(truncatingIfNeeded: b)) }
                }
              }
            }
            if ascii {
              // ASCII content has no CR or LF inside a line: one grapheme per byte.
              for (i, span) in spans.enumerated() { graphemeCounts[i] = span.end - span.start }
            }
          }
        }
      }
    }
    return (wordCounts, graphemeCounts)
  }

  /// Adds one to the count of the span holding each offset that `offsets` gives, in ascending
  /// order (offsets past the last span are dropped).
  @inline(__always)
  private static func attribute(
    _ spans: UnsafeBufferPointer<LanguageSpan>, into counts: UnsafeMutableBufferPointer<Int>,
    _ offsets: ((Int32) -> Void) -> Void
  ) {
    var k = 0
    offsets { offset in
      while k < spans.count, Int(offset) >= spans[k].end { k += 1 }
      if k < spans.count { counts[k] += 1 }
    }
  }
}

/// Adds up lines per label for one input: lines by line label; segments, words, graphemes, code
/// points and bytes by span language.
///
///     let stats = try StatsAccumulator()
///     stats.add(line, analysis)
///     stats.block.labels["bn"]?.bytes
public final class StatsAccumulator {
  public private(set) var block = StatsBlock()
  private let measurer: TextMeasurer

  /// An empty accumulator.
  ///
  /// - Throws: ``ICUError`` if ICU has no word or grapheme iterator.
  public convenience init() throws(ICUError) {
    try self.init(measurer: nil)
  }

  /// An accumulator that counts with `measurer` (nil: its own).
  @_spi(Stages) public init(measurer: TextMeasurer?) throws(ICUError) {
    if let measurer {
      self.measurer = measurer
    } else {
      self.measurer = try TextMeasurer()
    }
  }

  /// Counts `line`: the line to its label, each span to its language.
  public func add(_ line: Line, _ analysis: LineAnalysis) {
    add(Self.contribution(of: line, analysis, measurer: measurer))
  }

  /// Adds a contribution computed (perhaps on another thread) by ``contribution(of:_:measurer:)``.
  public func add(_ contribution: [(label: String, counts: StatsCounts)]) {
    for (label, counts) in contribution {
      block.total += counts
      block.labels[label, default: StatsCounts()] += counts
    }
  }

  /// What `line` adds, per label: the line to its label, each span to its language, the
  /// terminator to the last span's language (`neutral` for an empty line).
  @_spi(Stages) public static func contribution(
    of line: Line, _ analysis: LineAnalysis, measurer: TextMeasurer
  ) -> [(label: String, counts: StatsCounts)] {
    var perLabel: [(label: String, counts: StatsCounts)] = []
    perLabel.reserveCapacity(4)  // the line's label and its languages, usually
    func add(_ label: String, _ change: (inout StatsCounts) -> Void) {
      if let k = perLabel.firstIndex(where: { $0.label == label }) {
        change(&perLabel[k].counts)
      } else {
        var c = StatsCounts()
        change(&c)
        perLabel.append((label, c))
      }
    }
    add(analysis.label.rawValue) { $0.lines += 1 }
    let spans = analysis.spans
    if !spans.isEmpty {
      let (words, graphemes) = measurer.perSpan(line.content, spans)
      for (k, span) in spans.enumerated() {
        add(span.language.rawValue) { c in
          c.segments += 1
          c.bytes += span.end - span.start
          c.codepoints += span.codepoints
          c.invalidBytes += span.invalidBytes
          c.words += words[k]
          c.graphemes += graphemes[k]
          if span.embedded { c.embeddedWords += words[k] }
        }
      }
    }
    let terminatorLabel = spans.last?.language.rawValue ?? Language.neutral.rawValue
    add(terminatorLabel) { c in
      c.bytes += line.terminator.byteCount
      c.codepoints += line.terminator == .crlf ? 2 : line.terminator.byteCount
      c.graphemes += line.terminator == .none ? 0 : 1
    }
    return perLabel
  }
}
