/// One decoded code point of a line: where it is, and what it is.
///
/// Packed into 16 bytes (a long line holds one per code point).
@_spi(Stages) public struct ProfiledScalar: Sendable, Equatable {
  /// UTF-8 byte offset into the line's content.
  public var start: Int
  /// The code point; U+FFFD for a byte of invalid UTF-8.
  public var value: UInt32
  /// Bits 0–2: length in bytes; bit 7: a byte of invalid UTF-8.
  private var packed: UInt8
  public var kind: ScalarKind
  /// The ICU script code (all are below 255 in ICU 72; a larger one is stored as Unknown).
  private var scriptCode: UInt8
  private var weight: UInt8

  init(
    value: UInt32, start: Int, length: Int, kind: ScalarKind, script: Script, letterWeight: Int,
    isInvalid: Bool
  ) {
    self.start = start
    self.value = value
    self.packed = UInt8(truncatingIfNeeded: length & 0x7) | (isInvalid ? 0x80 : 0)
    self.kind = kind
    self.scriptCode = Self.code(script)
    self.weight = UInt8(truncatingIfNeeded: letterWeight)
  }

  private static func code(_ script: Script) -> UInt8 {
    (0..<255).contains(script.rawValue) ? UInt8(script.rawValue) : UInt8(Script.unknown.rawValue)
  }

  /// The code point's ICU script.
  public var script: Script {
    get { Script(rawValue: Int32(scriptCode)) }
    set { scriptCode = Self.code(newValue) }
  }

  /// Length in bytes (1 for each invalid byte).
  public var length: Int { Int(packed & 0x7) }
  /// How many letters this code point counts as (0 for non-letters; two-part vowel signs 2).
  public var letterWeight: Int { Int(weight) }
  /// Whether this is a byte of invalid UTF-8.
  public var isInvalid: Bool { packed & 0x80 != 0 }

  /// The byte range in the line's content.
  public var range: Range<Int> { start..<(start + length) }
}

/// The code points of a line, decoded leniently, each with its ICU script and kind.
///
/// Invalid UTF-8 never stops decoding: each byte that does not start a well-formed sequence
/// becomes one U+FFFD ``ProfiledScalar`` of length 1, kept in place so that byte offsets hold.
@_spi(Stages) public struct ScriptProfile: Sendable, Equatable {
  public var scalars: [ProfiledScalar]
  /// Bytes of invalid UTF-8 in the line.
  public var invalidBytes: Int
  /// Offset in the line of the first invalid byte, if any.
  public var firstInvalidOffset: Int?

  /// Decodes `bytes` and classifies each code point.
  ///
  /// - Complexity: O(n) in the number of bytes; ASCII, Latin, Bengali and general punctuation
  ///   come from tables, the rest from ICU.
  public init(_ bytes: some Collection<UInt8>) {
    if let profile = bytes.withContiguousStorageIfAvailable(Self.init(buffer:)) {
      self = profile
    } else {
      self = Array(bytes).withUnsafeBufferPointer(Self.init(buffer:))
    }
  }

  /// The index of the first scalar that starts at or after byte `offset` (`scalars.count` if
  /// none).
  ///
  /// - Complexity: O(log n): scalars are sorted by offset, so spans of a long line never scan
  ///   it from the start.
  public func scalarIndex(atOrAfter offset: Int) -> Int {
    var lo = 0
    var hi = scalars.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if scalars[mid].start < offset { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }

  /// Decodes and classifies the bytes in `buffer`.
  public init(buffer: UnsafeBufferPointer<UInt8>) {
    // One scalar per byte that is not a continuation byte: exact for valid UTF-8. A stray
    // continuation byte is a scalar of its own, and such text is decoded again with room for it.
    var starts = 0
    for b in buffer where b & 0xC0 != 0x80 { starts += 1 }
    if let profile = Self.decode(buffer, capacity: starts) {
      self = profile
    } else if let profile = Self.decode(buffer, capacity: buffer.count) {
      self = profile
    } else {
      // Unreachable: no line has more scalars than bytes.
      self.init(scalars: [], invalidBytes: 0, firstInvalidOffset: nil)
    }
  }

  private init(scalars: [ProfiledScalar], invalidBytes: Int, firstInvalidOffset: Int?) {
    self.scalars = scalars
    self.invalidBytes = invalidBytes
    self.firstInvalidOffset = firstInvalidOffset
  }

  /// The profile of `buffer`, or nil if it has more than `capacity` scalars.
  private static func decode(_ buffer: UnsafeBufferPointer<UInt8>, capacity: Int) -> Self? {
    var invalid = 0
    var firstInvalid: Int?
    var fits = true
    // The table's storage is taken once per line: a static's accessor costs a `swift_once`
    // check per read.
    let scalars = ScalarClassTable.low.withUnsafeBufferPointer { low in
      [ProfiledScalar](unsafeUninitializedCapacity: capacity) { out, count in
        var i = 0
        var k = 0
        let n = buffer.count
        while i < n {
          guard k < out.count else {
            fits = false
            break
          }
          let b = buffer[i]
          if b < 0x80 {
            let c = low[Int(b)]
            out.initializeElement(
              at: k,
              to: ProfiledScalar(
                value: UInt32(b), start: i, length: 1, kind: c.kind, script: c.script,
                letterWeight: Int(c.letterWeight), isInvalid: false))
            i += 1
          } else {
            let (value, length) = UTF8Decoding.decode(buffer, at: i)
            if length == 0 {
              invalid += 1
              if firstInvalid == nil { firstInvalid = i }
              out.initializeElement(
                at: k,
                to: ProfiledScalar(
                  value: 0xFFFD, start: i, length: 1, kind: .other, script: .unknown,
                  letterWeight: 0, isInvalid: true))
              i += 1
            } else {
              let c =
                value < ScalarClassTable.lowLimit ? low[Int(value)] : ScalarClass.of(value)
              out.initializeElement(
                at: k,
                to: ProfiledScalar(
                  value: value, start: i, length: length, kind: c.kind, script: c.script,
                  letterWeight: Int(c.letterWeight), isInvalid: false))
              i += length
            }
          }
          k += 1
        }
        count = k
      }
    }
    guard fits else { return nil }
    return Self(scalars: scalars, invalidBytes: invalid, firstInvalidOffset: firstInvalid)
  }
}

/// A strict UTF-8 decoder step (no overlongs, no surrogates, nothing above U+10FFFF).
enum UTF8Decoding {
  /// Decodes the sequence at `i`: its value and length, or length 0 if `buffer[i]` does not
  /// start a well-formed sequence.
  @inline(__always)
  static func decode(_ buffer: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
    let n = buffer.count
    let b0 = UInt32(buffer[i])
    if b0 < 0x80 { return (b0, 1) }
    @inline(__always) func cont(_ k: Int) -> UInt32? {
      guard i + k < n else { return nil }
      let b = buffer[i + k]
      return b & 0xC0 == 0x80 ? UInt32(b & 0x3F) : nil
    }
    if b0 >= 0xC2 && b0 <= 0xDF {
      guard let c1 = cont(1) else { return (0, 0) }
      return ((b0 & 0x1F) << 6 | c1, 2)
    }
    if b0 >= 0xE0 && b0 <= 0xEF {
      guard let c1 = cont(1), let c2 = cont(2) else { return (0, 0) }
      let v = (b0 & 0x0F) << 12 | c1 << 6 | c2
      if v < 0x800 || (v >= 0xD800 && v <= 0xDFFF) { return (0, 0) }
      return (v, 3)
    }
    if b0 >= 0xF0 && b0 <= 0xF4 {
      guard let c1 = cont(1), let c2 = cont(2), let c3 = cont(3) else { return (0, 0) }
      let v = (b0 & 0x07) << 18 | c1 << 12 | c2 << 6 | c3
      if v < 0x10000 || v > 0x10FFFF { return (0, 0) }
      return (v, 4)
    }
    return (0, 0)
  }
}
