extension Array {
  /// Empties the array, keeping its storage, and fills it with `count` copies of `value`.
  mutating func reset(to value: Element, count: Int) {
    removeAll(keepingCapacity: true)
    append(contentsOf: repeatElement(value, count: count))
  }

  /// Empties the array, keeping its storage, and fills it with `elements`.
  mutating func reset(to elements: [Element]) {
    removeAll(keepingCapacity: true)
    append(contentsOf: elements)
  }

  /// The array, leaving an empty one behind (no copy: the caller holds the only reference).
  mutating func taken() -> [Element] {
    var taken: [Element] = []
    swap(&taken, &self)
    return taken
  }
}
