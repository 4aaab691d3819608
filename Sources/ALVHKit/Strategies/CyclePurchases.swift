/// What each strategy buys on a condor cycle day, as plain values the daily
/// loop reads in place: copying a strategy's specification out of the
/// configuration would retain and release its arrays (layers, triggers) for
/// every path and cycle.
struct CyclePurchases: Sendable {
    /// One strategy's cycle rule.
    struct Strategy: Sendable {
        enum Kind: Sendable, BitwiseCopyable {
            /// No hedge.
            case none
            /// Layered VIX calls: `layers` of `CyclePurchases.layers`, budget per `budget`.
            case vixCalls
            /// Cboe VXTH: priced from the strategy's specification (rare; not on this path).
            case vxth
        }
        var kind: Kind
        /// The budget B: `fraction x` the condor's credit, or `share x` its vega.
        var budgetOnVega: Bool
        var budgetMultiple: Double
        var strikeIncrement: Double
        var costs: TradingCosts
        var execution: OptionExecution
        /// The strategy's layers in `CyclePurchases.layers`.
        var layers: Range<Int>

        /// The cycle's budget B (dollars): the multiple of the condor's net
        /// credit, or of its vega (dollars per unit of volatility); nothing
        /// when the cycle opened no condor (`credit` 0).
        func budget(credit: Double, condorVega: Double) -> Double {
            credit > 0 ? budgetMultiple * (budgetOnVega ? condorVega : credit) : 0
        }
    }

    /// One layer's scheduled purchase.
    struct Layer: Sendable {
        /// The layer's index in its hedge.
        var index: Int
        var expiryDays: Int
        var strike: VIXStrikeRule
        var schedule: LayerSchedule
        var instrument: VIXLayerInstrument
        /// Bought by its VIX level, not on the cycles.
        var activates: Bool

        /// The layer's order in cycle `cycle` of a strategy whose cycle budget
        /// is `budget` (nil when the layer's schedule skips the cycle, or it is bought by its VIX level).
        func scheduledOrder(cycle: Int, budget: Double, of strategy: Strategy) -> VIXCallOrder? {
            guard !activates, schedule.isScheduled(atCycle: cycle) else { return nil }
            return VIXCallOrder(
                layer: index, budget: schedule.scheduledBudget(cycleBudget: budget), expiryDays: expiryDays,
                strikeRule: strike, increment: strategy.strikeIncrement, costs: strategy.costs,
                execution: strategy.execution, instrument: instrument)
        }
    }

    let strategies: SharedTable<Strategy>
    let layers: SharedTable<Layer>

    init(_ specifications: [StrategySpec]) {
        var strategies = [Strategy]()
        var layers = [Layer]()
        for specification in specifications {
            var strategy = Strategy(
                kind: .none, budgetOnVega: false, budgetMultiple: 0, strikeIncrement: 0,
                costs: TradingCosts(commission: 0, halfSpread: 0), execution: .w1, layers: layers.count..<layers.count)
            switch specification.hedge {
            case .none:
                break
            case .vxth:
                strategy.kind = .vxth
            case .vixCalls(let hedge):
                strategy.kind = .vixCalls
                switch hedge.budget {
                case .creditFraction(let fraction): strategy.budgetMultiple = fraction
                case .vegaShare(let share):
                    strategy.budgetOnVega = true
                    strategy.budgetMultiple = share
                }
                strategy.strikeIncrement = hedge.strikeIncrement
                strategy.costs = hedge.costs
                strategy.execution = hedge.execution
                for (index, layer) in hedge.layers.enumerated() {
                    layers.append(
                        Layer(
                            index: index, expiryDays: layer.expiryDays, strike: layer.strike, schedule: layer.schedule,
                            instrument: layer.instrument, activates: layer.activation != nil))
                }
                strategy.layers = strategy.layers.lowerBound..<layers.count
            }
            strategies.append(strategy)
        }
        self.strategies = SharedTable(strategies)
        self.layers = SharedTable(layers)
    }
}
