/// A layered hedge's activation layers (`LayerActivation`), checked at every
/// close after the cycle's purchases: a layer with `rollDays` is sold when
/// that few trading days are left (if the sale nets anything); a layer that holds nothing is bought
/// while spot VIX is above its level, with one cycle's share of the budget.
/// Priced one quote at a time (`VIXQuoteCache`), like the check-day rules.
extension HedgeBook {
    /// The activation layers' rules at a close with spot VIX `vix` (points).
    mutating func activate(
        _ hedge: VIXCallHedge, close: MarketClose, quotes: inout VIXQuoteCache
    ) {
        let vix = close.vix
        let day = close.day
        // By index: iterating the hedge's arrays would retain and release them every day.
        for layerIndex in 0..<hedge.layers.count {
            guard let activation = hedge.layers[layerIndex].activation else { continue }
            if let rollDays = activation.rollDays {
                sellLayer(layerIndex, within: rollDays, day: day, costs: hedge.costs, execution: hedge.execution, quotes: &quotes)
            }
            guard vix > activation.vixAbove, cycleBudget > 0, !holds(layer: layerIndex) else { continue }
            let layer = hedge.layers[layerIndex]
            let bought = positions.count
            buy(
                VIXCallOrder(
                    layer: layerIndex, budget: layer.schedule.topUpBudget(cycleBudget: cycleBudget),
                    expiryDays: layer.expiryDays, strikeRule: layer.strike, increment: hedge.strikeIncrement,
                    costs: hedge.costs, execution: hedge.execution, instrument: layer.instrument),
                day: day, quotes: &quotes, close: close)
            if positions.count > bought { adjustments += 1 }
        }
    }

    /// Whether the layer holds a long position.
    func holds(layer: Int) -> Bool {
        for index in 0..<positions.count where positions[index].layer == layer && positions[index].quantity > 0 {
            return true
        }
        return false
    }

    /// Sells, at mid less costs, every package of `layer` whose long leg has
    /// at most `days` trading days left (and is not expiring today), unless
    /// an option sale would net nothing: that one is held to expiry.
    mutating func sellLayer(
        _ layer: Int, within days: Int, day: Int, costs: TradingCosts, execution: OptionExecution,
        quotes: inout VIXQuoteCache
    ) {
        var index = positions.count - 1
        while index >= 0 {
            let position = positions[index]
            if position.layer == layer, position.quantity > 0, position.expiryDay > day, position.expiryDay - day <= days {
                let legs = packageLegs(of: index)
                let received = saleProceeds(legs, day: day, costs: costs, execution: execution, quotes: &quotes)
                // An option sale that nets nothing is not made: the package is held to
                // expiry. A linear holding is sold whatever it nets (a future's value is already in cash).
                if received > 0 || position.contract.isLinear { sell(legs, proceeds: received) }
                index = legs.lowerBound
            }
            index -= 1
        }
        updateNextExpiry()
    }
}
