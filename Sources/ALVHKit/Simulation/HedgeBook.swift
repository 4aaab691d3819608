/// One strategy's VIX-call holdings and the cash they moved.
struct HedgeBook {
    /// Open VIX call positions (capacity kept across paths).
    var positions: [VIXCallPosition] = []
    /// Cash moved by hedge trades (dollars, from 0 at the start).
    var cash = 0.0
    /// Dollars paid for hedges: premium plus costs.
    var spend = 0.0
    /// Dollars of mid premium paid for hedges (the budgeted part of `spend`).
    var premium = 0.0
    /// Dollars received from hedges: settlements plus sales net of costs.
    var payoff = 0.0
    /// Early sales by the monetise rule.
    var monetisations = 0

    init(capacity: Int) {
        positions.reserveCapacity(capacity)
    }

    mutating func reset() {
        positions.removeAll(keepingCapacity: true)
        cash = 0
        spend = 0
        premium = 0
        payoff = 0
        monetisations = 0
    }

    /// Settles positions expiring on `day` at `max(VIX - K, 0)` on spot `vix` (no costs).
    mutating func settle(day: Int, vix: Double) {
        var index = positions.count - 1
        while index >= 0 {
            let position = positions[index]
            if position.expiryDay == day {
                let received = position.quantity * optionMultiplier * max(vix - position.strike, 0)
                cash += received
                payoff += received
                positions.remove(at: index)
            }
            index -= 1
        }
    }

    /// Sells, at mid less costs, every position bought before today whose mid
    /// is at least `rule.valueMultipleAtLeast` x its entry mid, when spot VIX is at least `rule.vixAtLeast`.
    mutating func monetise(_ rule: MonetiseRule, day: Int, vix: Double, costs: TradingCosts, quotes: inout VIXQuoteCache) {
        guard vix >= rule.vixAtLeast else { return }
        var index = positions.count - 1
        while index >= 0 {
            let position = positions[index]
            if position.openedDay < day && position.expiryDay > day {
                let mid = quotes.callPrice(strike: position.strike, remainingDays: position.expiryDay - day)
                if mid >= rule.valueMultipleAtLeast * position.entryMid {
                    let received =
                        position.quantity * optionMultiplier * mid
                        - costs.dollars(contracts: position.quantity, multiplier: optionMultiplier)
                    cash += received
                    payoff += received
                    monetisations += 1
                    positions.remove(at: index)
                }
            }
            index -= 1
        }
    }

    /// Buys VIX calls for `budget` dollars of mid premium (costs on top).
    mutating func buy(
        layer: Int, budget: Double, expiryDays: Int, strikeRule: VIXStrikeRule, increment: Double,
        costs: TradingCosts, day: Int, quotes: inout VIXQuoteCache
    ) {
        guard budget > 0, expiryDays > 0 else { return }
        let quote = quotes.quote(remainingDays: expiryDays)
        let strike = strikeRule.strike(future: quote.future, totalVolatility: quote.totalVolatility, increment: increment)
        let premium = quotes.callPrice(strike: strike, remainingDays: expiryDays)
        guard premium > 1e-10 else { return }
        let quantity = budget / (premium * optionMultiplier)
        let paid = budget + costs.dollars(contracts: quantity, multiplier: optionMultiplier)
        cash -= paid
        spend += paid
        self.premium += budget
        positions.append(
            VIXCallPosition(
                layer: layer, strike: strike, expiryDay: day + expiryDays, openedDay: day, quantity: quantity,
                entryMid: premium))
    }

    /// Mid value of all positions (dollars).
    func mark(day: Int, quotes: inout VIXQuoteCache) -> Double {
        var value = 0.0
        for position in positions {
            value += position.quantity * optionMultiplier
                * quotes.callPrice(strike: position.strike, remainingDays: position.expiryDay - day)
        }
        return value
    }
}
