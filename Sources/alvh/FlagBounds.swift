import ALVHKit
import ArgumentParser

/// Range checks of command-line counts, with the same limits as scenario
/// files (`Limits`) and one wording: "--paths: must be at least 2, got -1".
enum FlagBounds {
    /// Fails unless `value` (when given) lies in `range`.
    static func check(_ value: Int?, _ range: ClosedRange<Int>, _ flag: String) throws {
        guard let value, !range.contains(value) else { return }
        let bound = value < range.lowerBound ? "at least \(range.lowerBound)" : "at most \(range.upperBound)"
        throw ValidationError("\(flag): must be \(bound), got \(value)")
    }
}
