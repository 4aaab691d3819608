/// Rounding of strikes to a listed grid.
public enum StrikeGrid {
    /// The nearest multiple of `increment` (ties away from zero).
    @inlinable
    public static func round(_ value: Double, to increment: Double) -> Double {
        (value / increment).rounded() * increment
    }
}
