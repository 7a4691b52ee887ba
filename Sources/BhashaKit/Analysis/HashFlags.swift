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
