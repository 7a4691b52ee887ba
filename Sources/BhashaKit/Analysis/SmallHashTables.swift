/// Bit flags for a few hundred 64-bit hashes, found with one probe: the word lists that
/// ``LanguageIdentifier`` checks for every Bengali-script word. A Swift `Set<UInt64>` hashes
/// its key again (SipHash) on every look-up, and two of them cost more than the rest of the
/// word's work.
///
/// Open addressing with linear probing, at most half full; a slot with no flags is empty.
struct HashFlags: Sendable {
  private struct Slot {
    var hash: UInt64 = 0
    var flags: UInt8 = 0
  }

  private let slots: [Slot]
  private let mask: Int

  /// Each hash with the flags given for it, or-ed together where a hash comes more than
  /// once; entries with no flags are left out.
  init(_ entries: some Sequence<(hash: UInt64, flags: UInt8)>) {
    let entries = entries.filter { $0.flags != 0 }
    var size = 8
    while size < 2 * entries.count { size <<= 1 }
    var slots = [Slot](repeating: Slot(), count: size)
    let mask = size - 1
    for (hash, flags) in entries {
      var i = Self.home(hash, mask)
      while slots[i].flags != 0 && slots[i].hash != hash { i = (i + 1) & mask }
      slots[i].hash = hash
      slots[i].flags |= flags
    }
    self.slots = slots
    self.mask = mask
  }

  /// The flags of `hash` (0 if it is not listed).
  @inline(__always)
  func flags(of hash: UInt64) -> UInt8 {
    slots.withUnsafeBufferPointer { slots in
      var i = Self.home(hash, mask)
      while true {
        let slot = slots[i]
        if slot.flags == 0 { return 0 }
        if slot.hash == hash { return slot.flags }
        i = (i + 1) & mask
      }
    }
  }

  @inline(__always)
  private static func home(_ hash: UInt64, _ mask: Int) -> Int {
    Int(truncatingIfNeeded: LanguageModel.HashSlots.mix(hash)) & mask
  }
}

/// A set of word keys (``ClauseMarkers/key(_:)``: code points), found with one hash of the
/// key's code points and, on a match, one comparison. Swift's `Set<[UInt32]>` hashes every
/// code point with SipHash on each look-up (about 450 instructions a word); clause markers
/// are looked up for every word of a line with two languages.
///
/// Open addressing with linear probing, at most half full.
struct KeySet: Sendable {
  private struct Slot {
    var hash: UInt64 = 0
    /// The key's index in `keys`, or -1 for an empty slot.
    var index: Int32 = -1
  }

  private let slots: [Slot]
  private let keys: [[UInt32]]
  private let mask: Int

  init(_ keys: some Sequence<[UInt32]>) {
    let keys = Array(Set(keys))
    var size = 8
    while size < 2 * keys.count { size <<= 1 }
    var slots = [Slot](repeating: Slot(), count: size)
    let mask = size - 1
    for (k, key) in keys.enumerated() {
      let hash = Self.hash(key)
      var i = Int(truncatingIfNeeded: hash) & mask
      while slots[i].index >= 0 { i = (i + 1) & mask }
      slots[i] = Slot(hash: hash, index: Int32(k))
    }
    self.slots = slots
    self.keys = keys
    self.mask = mask
  }

  /// Whether `key` is in the set.
  @inline(__always)
  func contains(_ key: [UInt32]) -> Bool {
    let hash = Self.hash(key)
    return slots.withUnsafeBufferPointer { slots in
      var i = Int(truncatingIfNeeded: hash) & mask
      while true {
        let slot = slots[i]
        if slot.index < 0 { return false }
        if slot.hash == hash && keys[Int(slot.index)] == key { return true }
        i = (i + 1) & mask
      }
    }
  }

  /// FNV-1a over the code points, then ``LanguageModel/HashSlots/mix(_:)`` so that the low
  /// bits (the home slot) depend on every code point.
  @inline(__always)
  static func hash(_ key: [UInt32]) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for v in key { h = (h ^ UInt64(v)) &* 0x0000_0100_0000_01b3 }
    return LanguageModel.HashSlots.mix(h)
  }
}
