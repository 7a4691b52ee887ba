extension Array {
  /// `count` copies of `value`, as `Array(repeating:count:)` makes them, for arrays made per
  /// line or per span. `Array(repeating:count:)` and `Array(unsafeUninitializedCapacity:)`
  /// allocate through a standard-library function that is not specialized, and it looks up
  /// the storage class's type metadata on every call (about 550 instructions on Linux, more
  /// than the allocation itself); `reserveCapacity` is specialized here, with the metadata
  /// cached.
  @inline(__always)
  init(filledWith value: Element, count: Int) {
    self.init()
    reserveCapacity(count)
    for _ in 0..<count { append(value) }
  }
}
