/// A layered hedge's check-day rules (W1.md step 4): the triggers' top-ups
/// and the vega band. Between checks the book remembers whether VIX MACD
/// crossed up and the A/D line diverged; on a check day each firing trigger
/// buys its layer's top-up at most once per cycle, then the vega band may buy
/// more. Priced one quote at a time (`VIXQuoteCache`), in either engine: a
/// check reads prices the same close's trades moved.
extension HedgeBook {
    /// Notes the day's signals for the next check.
    mutating func note(crossover: Bool, divergence: Bool) {
        if crossover { crossoverSinceCheck = true }
        if divergence { divergenceSinceCheck = true }
    }

    /// What the triggers read at a check with spot VIX `vix` (points) and the path's `signals`.
    func readings(vix: Double, signals: MarketSignals) -> TriggerReadings {
        TriggerReadings(
            vix: vix, lastCheckVIX: lastCheckVIX, spxRSI: signals.spxRSI.value,
            impliedVolatilityPercentile: signals.impliedVolatilityPercentile,
            impliedHistoryCount: signals.impliedHistory.count, crossover: crossoverSinceCheck,
            divergence: divergenceSinceCheck)
    }

    /// Buys each firing trigger's top-up (`weight x B` of its layer) once per
    /// cycle, while the cycle has a budget.
    mutating func fireTriggers(_ hedge: VIXCallHedge, readings: TriggerReadings, close: MarketClose, quotes: inout VIXQuoteCache) {
        let day = close.day
        for trigger in hedge.triggers where trigger.layer < hedge.layers.count {
            let layer = hedge.layers[trigger.layer]
            guard trigger.condition.fires(readings) && toppedUpInCycle[trigger.layer] != cycle && cycleBudget > 0 else {
                continue
            }
            buy(
                VIXCallOrder(
                    layer: trigger.layer, budget: layer.schedule.topUpBudget(cycleBudget: cycleBudget),
                    expiryDays: layer.expiryDays, strikeRule: layer.strike, increment: hedge.strikeIncrement,
                    costs: hedge.costs, execution: hedge.execution, instrument: layer.instrument),
                day: day, quotes: &quotes, close: close)
            toppedUpInCycle[trigger.layer] = cycle
            adjustments += 1
        }
    }

    /// The vega band: buys calls of the rule's layer when the book's net VIX
    /// sensitivity is below `-band x |condor's|` (dollars per VIX point, by a
    /// one-point bump of spot VIX to variance `bumpedVariance`), enough to
    /// bring it back to zero.
    /// - Parameter condorSensitivity: the condor's change in dollars for the bump.
    mutating func balanceVega(
        _ hedge: VIXCallHedge, rule: VegaNeutralRule, condorSensitivity: Double, bumpedVariance: Double, day: Int,
        quotes: inout VIXQuoteCache
    ) {
        var hedgeSensitivity = 0.0
        for position in positions {
            let up = quotes.mid(of: position, day: day, variance: bumpedVariance)
            let now = quotes.mid(of: position, day: day)
            hedgeSensitivity += position.quantity * position.contract.multiplier * (up - now)
        }
        let net = condorSensitivity + hedgeSensitivity
        guard net < -rule.band * abs(condorSensitivity) else { return }
        let layer = hedge.layers[rule.layer]
        let order = VIXCallOrder(
            layer: rule.layer, budget: 0, expiryDays: layer.expiryDays, strikeRule: layer.strike,
            increment: hedge.strikeIncrement, costs: hedge.costs)
        let call = quote(order, quotes: &quotes)
        let up = quotes.callPrice(variance: bumpedVariance, strike: call.strike, remainingDays: layer.expiryDays)
        let perContract = optionMultiplier * (up - call.premium)
        guard perContract > 1e-9,
            let fill = hedge.execution.fill(quantity: -net / perContract, mid: call.premium, costs: hedge.costs)
        else { return }
        purchase(layer: rule.layer, strike: call.strike, fill: fill, expiryDay: day + layer.expiryDays, day: day)
        adjustments += 1
    }

    /// Ends a check: the next one compares with this close's VIX and A/D index.
    mutating func endCheck(vix: Double, breadth: Double) {
        lastCheckVIX = vix
        lastCheckBreadth = breadth
        crossoverSinceCheck = false
        divergenceSinceCheck = false
    }
}
