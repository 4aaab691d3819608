/// An immutable table shared by all workers and read in place: subscripting
/// yields the element where it lies, where an array would copy it out (a
/// market stepper is a few hundred bytes), and reading it touches no
/// reference count.
public struct SharedTable<Element: Sendable>: @unchecked Sendable {
    /// Owns the memory; written once, in `init`.
    private final class Storage {
        let base: UnsafeMutablePointer<Element>
        let count: Int
        init(_ values: [Element]) {
            count = values.count
            base = .allocate(capacity: max(count, 1))
            base.initialize(from: values, count: count)
        }
        deinit {
            base.deinitialize(count: count)
            base.deallocate()
        }
    }

    private let storage: Storage
    /// The first element.
    @usableFromInline let base: UnsafePointer<Element>
    /// Number of elements.
    public let count: Int

    public init(_ values: [Element]) {
        storage = Storage(values)
        base = UnsafePointer(storage.base)
        count = values.count
    }

    @inlinable
    public subscript(index: Int) -> Element {
        unsafeAddress {
            precondition(index >= 0 && index < count, "table index \(index) out of 0..<\(count)")
            return base + index
        }
    }
}
