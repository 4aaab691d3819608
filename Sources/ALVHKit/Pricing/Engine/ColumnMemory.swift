/// Memory for the columns of a batch of instruments: `count` zeroed elements
/// owned by a class, so that a batch's value type can hand out plain
/// pointers (the daily loop then touches no reference counts; copies of the
/// batch share the memory, and a worker's workspace holds the only one).
final class ColumnMemory<Element: BitwiseCopyable> {
    let base: UnsafeMutablePointer<Element>

    init(count: Int, zero: Element) {
        base = .allocate(capacity: max(count, 1))
        base.initialize(repeating: zero, count: max(count, 1))
    }

    deinit { base.deallocate() }

    /// Fresh memory for columns of `widths` entries per capacity unit each,
    /// laid out one after the other, for `larger` units, holding what the
    /// first `capacity` units of each column of `self` (laid out the same
    /// way for `capacity` units) held.
    func grown(widths: some Sequence<Int>, capacity: Int, larger: Int, zero: Element) -> ColumnMemory {
        let total = widths.reduce(0, +)
        let fresh = ColumnMemory(count: total * larger, zero: zero)
        var offset = 0
        for width in widths {
            (fresh.base + offset * larger).update(from: base + offset * capacity, count: width * capacity)
            offset += width
        }
        return fresh
    }
}
