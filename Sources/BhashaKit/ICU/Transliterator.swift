import CICUShims

/// An ICU transliterator such as `Bengali-Latin; Latin-ASCII`, over UTF-8 bytes.
///
/// Not thread-safe: give each thread its own.
@_spi(Stages) public final class Transliterator {
  private let handle: OpaquePointer

  /// Compiles the transliterator named `id` (ICU syntax: `Bengali-Latin; Latin-ASCII`).
  ///
  /// - Throws: ``ICUError`` if ICU does not know `id`.
  public init(_ id: String) throws(ICUError) {
    var status: Int32 = 0
    let handle = cicu_translit_open(id, &status)
    try ICUError.check(status, "utrans_open(\(id))")
    guard let handle else { throw ICUError(status: 1, operation: "utrans_open(\(id))") }
    self.handle = handle
  }

  deinit { cicu_translit_close(handle) }

  /// Transliterates UTF-8 `bytes`; invalid UTF-8 becomes U+FFFD first.
  ///
  /// - Throws: ``ICUError`` if ICU fails.
  public func transliterate(_ bytes: [UInt8]) throws(ICUError) -> [UInt8] {
    try Self.preflighted { out, capacity, status in
      bytes.withUnsafeBufferPointer {
        cicu_translit_utf8(handle, $0.baseAddress, Int32($0.count), out, capacity, status)
      }
    }
  }

  /// Transliterates a string.
  public func transliterate(_ text: String) throws(ICUError) -> String {
    String(decoding: try transliterate(Array(text.utf8)), as: UTF8.self)
  }

  /// Runs an ICU call that fills a UTF-8 buffer, growing the buffer once if ICU asks for more.
  static func preflighted(
    _ call: (UnsafeMutablePointer<UInt8>?, Int32, UnsafeMutablePointer<Int32>) -> Int32
  ) throws(ICUError) -> [UInt8] {
    var capacity: Int32 = 256
    for _ in 0..<2 {
      var status: Int32 = 0
      var out = [UInt8](repeating: 0, count: Int(capacity))
      let n = out.withUnsafeMutableBufferPointer { call($0.baseAddress, capacity, &status) }
      if status == ICUError.bufferOverflow {
        capacity = n + 1
        continue
      }
      try ICUError.check(status, "transform")
      return Array(out.prefix(Int(n)))
    }
    throw ICUError(status: ICUError.bufferOverflow, operation: "transform")
  }
}

/// Unicode normalization through ICU.
@_spi(Stages) public enum Normalizer {
  /// The normalization form.
  public enum Form: Int32, Sendable {
    case nfc = 0
    case nfd = 1
  }

  /// `bytes` normalized to `form`; invalid UTF-8 becomes U+FFFD.
  ///
  /// - Throws: ``ICUError`` if ICU fails.
  public static func normalize(_ bytes: [UInt8], to form: Form) throws(ICUError) -> [UInt8] {
    try Transliterator.preflighted { out, capacity, status in
      bytes.withUnsafeBufferPointer {
        cicu_normalize_utf8(form.rawValue, $0.baseAddress, Int32($0.count), out, capacity, status)
      }
    }
  }
}
