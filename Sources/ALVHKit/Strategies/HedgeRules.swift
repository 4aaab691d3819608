/// What the daily driver asks of a strategy's hedge, answered per family in
/// one place: every answer is an exhaustive switch over the families, so a
/// new family (a case of `HedgeSpec`) cannot be added without the compiler
/// pointing at each question it must answer.
extension HedgeSpec {
    /// The rule that sells positions early, the costs of its sales and how they fill (nil: the family has none).
    var monetise: (rule: MonetiseRule, costs: TradingCosts, execution: OptionExecution)? {
        switch self {
        case .vixCalls(let hedge): hedge.monetise.map { ($0, hedge.costs, hedge.execution) }
        case .none, .vxth: nil
        }
    }

    /// Whether a layer of the hedge buys `contract` (futures: the driver settles them at every
    /// close; ETNs: every path follows the short-term futures index; SPX puts: marked on the smile).
    func holds(_ contract: HedgeContract) -> Bool {
        switch self {
        case .vixCalls(let hedge): hedge.layers.contains { $0.instrument.contract == contract }
        case .none, .vxth: false
        }
    }

    /// Per layer, the terms of its ETN (the defaults for a layer of another instrument).
    var etnTerms: [VIXETNTerms] {
        switch self {
        case .vixCalls(let hedge):
            hedge.layers.map { layer in
                if case .etn(let terms) = layer.instrument { terms } else { VIXETNTerms() }
            }
        case .none, .vxth: []
        }
    }

    /// Whether the hedge budget is sized by the condor's vega (the driver then computes it on cycle days).
    var budgetsOnVega: Bool {
        switch self {
        case .vixCalls(let hedge):
            if case .vegaShare = hedge.budget { true } else { false }
        case .none, .vxth: false
        }
    }

    /// The VIX-call hedge whose triggers or vega band read the signals on check days (nil: none).
    var signalChecks: VIXCallHedge? {
        switch self {
        case .vixCalls(let hedge): hedge.checksSignals ? hedge : nil
        case .none, .vxth: nil
        }
    }

    /// The VIX-call hedge with layers bought by their VIX level (nil: none).
    var activationLayers: VIXCallHedge? {
        switch self {
        case .vixCalls(let hedge): hedge.layers.contains { $0.activation != nil } ? hedge : nil
        case .none, .vxth: nil
        }
    }

    /// The same hedge with its budget multiplied by `factor`: the call
    /// hedges' budget fraction or vega share, VXTH's budget fraction or, on
    /// Cboe's rule, its bands' shares of equity.
    func scalingBudget(by factor: Double) -> HedgeSpec {
        switch self {
        case .none:
            return .none
        case .vixCalls(var hedge):
            switch hedge.budget {
            case .creditFraction(let fraction): hedge.budget = .creditFraction(fraction * factor)
            case .vegaShare(let share): hedge.budget = .vegaShare(share * factor)
            }
            return .vixCalls(hedge)
        case .vxth(var hedge):
            if let fraction = hedge.budgetFraction {
                hedge.budgetFraction = fraction * factor
            } else {
                for index in hedge.bands.indices { hedge.bands[index].equityShare *= factor }
            }
            return .vxth(hedge)
        }
    }

    /// Layers the hedge's book keeps apart (one for a family without layers).
    var bookLayers: Int {
        switch self {
        case .vixCalls(let hedge): hedge.layers.count
        case .none, .vxth: 1
        }
    }

    /// The longest option expiry the hedge buys (trading days; 0 without options).
    var longestExpiry: Int {
        switch self {
        case .none: 0
        case .vixCalls(let hedge):
            // An ETN's index holds the next two monthly futures: up to about three months out.
            max(hedge.layers.map(\.expiryDays).max() ?? 0, holds(.etn) ? 63 : 0)
        case .vxth(let hedge): hedge.expiryDays
        }
    }

    /// Checks what the decoder cannot (the hedge's parts against each other
    /// and ranges of hand-built specifications); the error's key starts with `key`.
    func validate(key: String) throws(ParameterError) {
        switch self {
        case .none, .vxth:
            break
        case .vixCalls(let hedge):
            switch hedge.budget {
            case .creditFraction(let value): try ParameterCheck.nonNegative(value, "\(key).budgetFraction")
            case .vegaShare(let value): try ParameterCheck.nonNegative(value, "\(key).vegaShare")
            }
            guard hedge.rebalance.everyDays >= 1 else {
                throw ParameterError(key: "\(key).rebalance.everyDays", "must be at least 1")
            }
            for trigger in hedge.triggers where trigger.layer >= hedge.layers.count {
                throw ParameterError(key: "\(key).triggers", "names layer \(trigger.layer), which does not exist")
            }
            for (layerIndex, layer) in hedge.layers.enumerated() {
                let layerKey = "\(key).layers[\(layerIndex)]"
                guard layer.expiryDays >= 1 else {
                    throw ParameterError(key: "\(layerKey).expiryDays", "must be at least 1, got \(layer.expiryDays)")
                }
                guard layer.refreshEveryCycles >= 1 else {
                    throw ParameterError(
                        key: "\(layerKey).refreshEveryCycles", "must be at least 1, got \(layer.refreshEveryCycles)")
                }
                try ParameterCheck.nonNegative(layer.weight, "\(layerKey).weight")
                if case .calendar(let shortDays) = layer.instrument, !(1..<layer.expiryDays ~= shortDays) {
                    throw ParameterError(
                        key: "\(layerKey).shortExpiryDays",
                        "must be at least 1 and below the layer's expiryDays (\(layer.expiryDays)), got \(shortDays)")
                }
                if case .etn(let terms) = layer.instrument {
                    guard (0..<1).contains(terms.yearlyFee) else {
                        throw ParameterError(key: "\(layerKey).yearlyFee", "must be at least 0 and below 1, got \(terms.yearlyFee)")
                    }
                    guard (0..<1).contains(terms.halfSpread) else {
                        throw ParameterError(
                            key: "\(layerKey).halfSpreadFraction", "must be at least 0 and below 1, got \(terms.halfSpread)")
                    }
                }
                if case .future(let terms) = layer.instrument {
                    guard terms.budgetPerContract >= 1 && terms.budgetPerContract.isFinite else {
                        throw ParameterError(
                            key: "\(layerKey).budgetPerContract", "must be at least 1 dollar and finite, got \(terms.budgetPerContract)")
                    }
                    try ParameterCheck.nonNegative(terms.halfSpread, "\(layerKey).halfSpread")
                }
                if let roll = layer.activation?.rollDays, roll >= layer.expiryDays {
                    throw ParameterError(
                        key: "\(layerKey).activation.rollDays",
                        "must be below the layer's expiryDays (\(layer.expiryDays)), got \(roll)")
                }
            }
            try hedge.execution.validate(key: "\(key).execution")
        }
    }
}
