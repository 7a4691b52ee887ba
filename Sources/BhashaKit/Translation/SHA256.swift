@preconcurrency import Crypto

/// SHA-256, streaming: the manifest's checksums of the source and of each stream.
///
/// A thin value over swift-crypto's `SHA256` (BoringSSL's assembly on Linux: hundreds of MB/s,
/// where our first byte-at-a-time version ran at 10 MB/s on `split`'s and `merge`'s single
/// writer thread).
///
///     var hash = SHA256()
///     hash.update(Array("abc".utf8))
///     hash.hexDigest()   // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
@_spi(Stages) public struct SHA256: Sendable {
  private var hasher = Crypto.SHA256()

  public init() {}

  /// Feeds more bytes.
  public mutating func update(_ bytes: some Collection<UInt8>) {
    if let done: Void = bytes.withContiguousStorageIfAvailable({
      hasher.update(bufferPointer: UnsafeRawBufferPointer($0))
    }) {
      return done
    }
    Array(bytes).withUnsafeBytes { hasher.update(bufferPointer: $0) }
  }

  /// ``update(_:)`` for an array (not generic: called per segment from the CLI's module).
  public mutating func update(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
  }

  /// The digest of everything fed so far, as 64 lowercase hex digits (the hash can go on).
  public func hexDigest() -> String {
    let digits: [UInt8] = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(64)
    for byte in hasher.finalize() {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: out, as: UTF8.self)
  }
}
