/// Call or put.
public enum OptionKind: String, Sendable, Hashable, Codable, CaseIterable {
    case call
    case put

    /// The payoff at expiry for an underlying at `underlying` (points).
    @inlinable
    public func intrinsic(underlying: Double, strike: Double) -> Double {
        switch self {
        case .call: return max(underlying - strike, 0)
        case .put: return max(strike - underlying, 0)
        }
    }
}
