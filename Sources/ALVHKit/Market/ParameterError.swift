/// An out-of-range model parameter, naming the key it was given under.
public struct ParameterError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The parameter's name as the user wrote it (a flag or a scenario key path).
    public let key: String
    /// What is wrong with it.
    public let message: String

    public init(key: String, _ message: String) {
        self.key = key
        self.message = message
    }

    public var description: String { "\(key): \(message)" }
}

/// Range checks shared by every parameter set.
enum ParameterCheck {
    static func finite(_ value: Double, _ key: String) throws(ParameterError) {
        guard value.isFinite else { throw ParameterError(key: key, "must be a finite number, got \(value)") }
    }

    static func positive(_ value: Double, _ key: String) throws(ParameterError) {
        guard value.isFinite, value > 0 else { throw ParameterError(key: key, "must be positive, got \(value)") }
    }

    static func nonNegative(_ value: Double, _ key: String) throws(ParameterError) {
        guard value.isFinite, value >= 0 else {
            throw ParameterError(key: key, "must not be negative, got \(value)")
        }
    }

    static func within(_ value: Double, _ range: ClosedRange<Double>, _ key: String) throws(ParameterError) {
        guard value.isFinite, range.contains(value) else {
            throw ParameterError(key: key, "must lie in [\(range.lowerBound), \(range.upperBound)], got \(value)")
        }
    }

    static func correlation(_ value: Double, _ key: String) throws(ParameterError) {
        guard value.isFinite, value >= -1, value <= 1 else {
            throw ParameterError(key: key, "must lie in [-1, 1], got \(value)")
        }
    }
}
