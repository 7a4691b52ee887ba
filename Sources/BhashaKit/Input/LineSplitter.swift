/// Cuts a byte stream into lines, keeping each terminator so output can be rebuilt byte for byte.
///
/// Terminators are LF, CRLF and a lone CR. Chunks may be cut anywhere, even inside a UTF-8
/// sequence or between the CR and LF of a CRLF; the lines do not change.
///
///     var splitter = LineSplitter()
///     var lines = try splitter.push(Array("আমি ভাত খাই।\r\nI eat ri".utf8))
///     lines += try splitter.push(Array("ce.".utf8))
///     if let last = splitter.finish() { lines.append(last) }   // "I eat rice.", terminator .none
public struct LineSplitter: Sendable {
  /// The default maximum line length: 16 MiB.
  public static let defaultMaxLineBytes = 16 << 20

  /// Lines longer than this (without terminator) are refused.
  public let maxLineBytes: Int
  /// Name of the input, for error messages.
  public let source: String

  private var pending: [UInt8] = []
  private var pendingCR = false
  private var nextNumber = 1
  private var nextOffset = 0

  /// - Parameters:
  ///   - maxLineBytes: the longest line accepted, in bytes, without its terminator.
  ///   - source: the input's name, used in ``BhashaError/lineTooLong(file:line:limit:)``.
  public init(maxLineBytes: Int = defaultMaxLineBytes, source: String = "-") {
    self.maxLineBytes = max(1, maxLineBytes)
    self.source = source
  }

  /// Feeds the next chunk and returns the lines it completes.
  ///
  /// - Throws: ``BhashaError/lineTooLong(file:line:limit:)`` when a line passes `maxLineBytes`.
  /// - Complexity: O(n) in the chunk's length.
  public mutating func push(_ chunk: some Collection<UInt8>) throws(BhashaError) -> [Line] {
    var lines: [Line] = []
    var failure: BhashaError?
    let done: Bool? = chunk.withContiguousStorageIfAvailable { buffer in
      do throws(BhashaError) { try scan(buffer, into: &lines) } catch { failure = error }
      return true
    }
    if done == nil {
      let copy = Array(chunk)
      copy.withUnsafeBufferPointer { buffer in
        do throws(BhashaError) { try scan(buffer, into: &lines) } catch { failure = error }
      }
    }
    if let failure { throw failure }
    return lines
  }

  /// Ends the input and returns its last line, if it had no terminator (or ended in a lone CR).
  public mutating func finish() -> Line? {
    if pendingCR {
      pendingCR = false
      return emit(.cr)
    }
    if pending.isEmpty { return nil }
    return emit(.none)
  }

  private mutating func scan(
    _ buffer: UnsafeBufferPointer<UInt8>, into lines: inout [Line]
  ) throws(BhashaError) {
    var i = 0
    let n = buffer.count
    if pendingCR, n > 0 {
      pendingCR = false
      if buffer[0] == 0x0A {
        lines.append(emit(.crlf))
        i = 1
      } else {
        lines.append(emit(.cr))
      }
    }
    while i < n {
      let j = Self.nextBreak(buffer, from: i)
      if pending.count + (j - i) > maxLineBytes {
        throw .lineTooLong(file: source, line: nextNumber, limit: maxLineBytes)
      }
      pending.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[i..<j]))
      if j == n { break }
      if buffer[j] == 0x0A {
        lines.append(emit(.lf))
        i = j + 1
      } else if j + 1 < n {
        if buffer[j + 1] == 0x0A {
          lines.append(emit(.crlf))
          i = j + 2
        } else {
          lines.append(emit(.cr))
          i = j + 1
        }
      } else {
        // A CR at the end of the chunk: the next chunk tells whether it is a CRLF.
        pendingCR = true
        i = n
      }
    }
  }

  /// The index of the first CR or LF in `buffer` at or after `start`, or `buffer.count`.
  /// Eight bytes at a time while far from the end: a byte b of a word is CR or LF when b XOR
  /// CR or b XOR LF is zero, and a zero byte z shows as the high bit of (z - 1) & ~z (a borrow
  /// only moves the flag to a higher byte, so the first flagged byte is exact).
  @inline(__always)
  static func nextBreak(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    let n = buffer.count
    var j = start
    if let base = buffer.baseAddress {
      let ones: UInt64 = 0x0101_0101_0101_0101
      let highs: UInt64 = 0x8080_8080_8080_8080
      while j + 8 <= n {
        let word = UInt64(littleEndian: UnsafeRawPointer(base + j).loadUnaligned(as: UInt64.self))
        let lf = word ^ (ones &* 0x0A)
        let cr = word ^ (ones &* 0x0D)
        let found = ((lf &- ones) & ~lf | (cr &- ones) & ~cr) & highs
        if found != 0 { return j + found.trailingZeroBitCount / 8 }
        j += 8
      }
    }
    while j < n {
      let b = buffer[j]
      if b == 0x0A || b == 0x0D { return j }
      j += 1
    }
    return n
  }

  private mutating func emit(_ terminator: LineTerminator) -> Line {
    // An exact-size copy: handing out `pending` itself would make the next
    // `removeAll(keepingCapacity:)` allocate a buffer as large as the longest line so far for
    // every following line (a 16 MiB line then a million short lines: terabytes).
    // `Array(pending[...])` is not a copy: a slice of the whole array hands out its buffer.
    let content = pending.isEmpty ? [] : pending.withUnsafeBufferPointer { Array($0) }
    let line = Line(
      number: nextNumber, offset: nextOffset, content: content, terminator: terminator)
    nextNumber += 1
    nextOffset += line.byteCount
    pending.removeAll(keepingCapacity: true)
    return line
  }
}
