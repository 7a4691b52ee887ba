import CICUShims

/// An ICU break iterator over UTF-8 bytes: counts words and grapheme clusters, finds sentences.
///
/// Reuses one ICU iterator and one `UText` for every call, so counting a line allocates nothing.
/// Not thread-safe: give each thread its own.
@_spi(Stages) public final class BreakIterator {
  /// What the iterator breaks on.
  public enum Kind: Int32, Sendable {
    case character = 0
    case word = 1
    case sentence = 3
  }

  public let kind: Kind
  private let handle: OpaquePointer

  /// Opens an iterator of `kind` with the rules of `locale` ("" for root rules).
  ///
  /// - Throws: ``ICUError`` if ICU has no such iterator.
  public init(_ kind: Kind, locale: String = "") throws(ICUError) {
    var status: Int32 = 0
    let handle = cicu_breaker_open(kind.rawValue, locale, &status)
    try ICUError.check(status, "ubrk_open")
    guard let handle else { throw ICUError(status: 1, operation: "ubrk_open") }
    self.kind = kind
    self.handle = handle
  }

  deinit { cicu_breaker_close(handle) }

  /// The number of segments in `bytes`: grapheme clusters, or word-like words (letters and
  /// numbers; spaces and punctuation are not words), or sentences.
  ///
  /// Invalid UTF-8 counts as U+FFFD. Returns 0 for input longer than 2 GiB or if ICU fails.
  /// - Complexity: O(n) in the length of `bytes`.
  public func count(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    guard bytes.count > 0, bytes.count < Int(Int32.max) else { return 0 }
    var status: Int32 = 0
    let n = cicu_breaker_count(handle, bytes.baseAddress, Int32(bytes.count), &status)
    return status > 0 ? 0 : Int(n)
  }

  /// Start offsets (UTF-8 bytes) of the word-like words in `bytes` (word iterators only).
  ///
  /// Returns an empty array for empty input, input over 2 GiB, or if ICU fails.
  public func wordStarts(_ bytes: UnsafeBufferPointer<UInt8>) -> [Int32] {
    guard bytes.count > 0, bytes.count < Int(Int32.max) / 2 else { return [] }
    // Words need a byte each and (mostly) a separator: n/2 + 2 fits nearly always.
    var capacity = Int32(bytes.count / 2 + 2)
    for _ in 0..<2 {
      var status: Int32 = 0
      var needed: Int32 = 0
      let result = [Int32](unsafeUninitializedCapacity: Int(capacity)) { buffer, count in
        needed = cicu_breaker_word_starts(
          handle, bytes.baseAddress, Int32(bytes.count), buffer.baseAddress, capacity, &status)
        count = status > 0 ? 0 : Int(needed)
      }
      if status == ICUError.bufferOverflow {
        capacity = needed
        continue
      }
      return status > 0 ? [] : result
    }
    return []
  }

  /// The boundaries in `bytes` as UTF-8 byte offsets, `0` and `bytes.count` included.
  ///
  /// - Throws: ``ICUError`` if ICU fails.
  public func boundaries(_ bytes: UnsafeBufferPointer<UInt8>) throws(ICUError) -> [Int] {
    guard bytes.count > 0 else { return [0] }
    guard bytes.count < Int(Int32.max) else { throw ICUError(status: 1, operation: "ubrk") }
    var status: Int32 = 0
    let needed = cicu_breaker_boundaries(
      handle, bytes.baseAddress, Int32(bytes.count), nil, 0, &status)
    if status > 0 && status != ICUError.bufferOverflow {
      throw ICUError(status: status, operation: "ubrk_next")
    }
    var out = [Int32](repeating: 0, count: Int(needed))
    status = 0
    _ = out.withUnsafeMutableBufferPointer {
      cicu_breaker_boundaries(
        handle, bytes.baseAddress, Int32(bytes.count), $0.baseAddress, needed, &status)
    }
    try ICUError.check(status, "ubrk_next")
    return out.map(Int.init)
  }
}
