/// Costs of trading one option contract (one leg): a commission in dollars
/// and a half-spread in index points, both paid on every open and every close
/// before expiry, none at settlement. Fractional contracts pay pro rata.
public struct TradingCosts: Sendable, Hashable, Codable {
    /// Commission per contract, in dollars.
    public var commission: Double
    /// Half the bid-ask spread, in index points.
    public var halfSpread: Double

    public init(commission: Double, halfSpread: Double) {
        self.commission = commission
        self.halfSpread = halfSpread
    }

    /// Dollars paid to trade `contracts` contracts of one leg with `multiplier` dollars per point.
    @inlinable
    public func dollars(contracts: Double, multiplier: Double) -> Double {
        contracts * (commission + halfSpread * multiplier)
    }
}

/// The contract multiplier of SPX and VIX options: dollars per index point.
public let optionMultiplier = 100.0
