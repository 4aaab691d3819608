/// A book's request to buy VIX calls: `budget` dollars of mid premium of the
/// call `expiryDays` trading days out whose strike `strikeRule` picks on the
/// strike grid, with commission and half-spread paid on top. The driver has
/// it priced (by the run's pricing engine, or one quote at a time) and hands
/// the strike and premium back to the book (`HedgeBook.fill`).
struct VIXCallOrder {
    /// The layer of the hedge that buys.
    var layer: Int
    /// Dollars of mid premium to spend.
    var budget: Double
    /// Trading days to expiry.
    var expiryDays: Int
    var strikeRule: VIXStrikeRule
    /// The strike grid (points).
    var increment: Double
    var costs: TradingCosts
    /// How it is sized and filled.
    var execution: OptionExecution = .w1
    /// An option, a package of two, or futures.
    var instrument: VIXLayerInstrument = .call

    /// Whether there is anything to buy: a budget and a maturity.
    var isFillable: Bool { budget > 0 && expiryDays > 0 }

    /// The strike (points) the rule picks on a VIX future `future` (points)
    /// whose total volatility to expiry is `totalVolatility` (`sigma sqrt(T)`).
    func strike(future: Double, totalVolatility: Double) -> Double {
        strikeRule.strike(future: future, totalVolatility: totalVolatility, increment: increment, kind: optionKind)
    }

    /// The kind of VIX option its long leg is (a call for what the VIX option quotes do not price: futures, ETNs, SPX puts).
    var optionKind: OptionKind { instrument.contract.optionKind ?? .call }
}
