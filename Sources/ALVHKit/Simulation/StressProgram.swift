import Foundation

/// One pass per path of a stress run: the market steps once a day, and at
/// each close the shared condor and every strategy's hedge book trade and are
/// marked at model mid, in W1's order:
///
/// 1. expiring condors and VIX calls settle at intrinsic value on the close;
/// 2. condor management rules, then hedge monetise rules, are checked;
/// 3. on a cycle day a new condor opens and hedges are bought;
/// 4. each strategy's equity is recorded.
///
/// Day 0 is the starting close (no market step), after the opening trades.
/// All strategies see the identical market path (common random numbers), and
/// the condor legs and VIX futures are priced once per close for all of them.
public struct StressProgram: PathProgram {
    public typealias Outcome = PathMetrics

    /// What is simulated.
    public let configuration: StressConfiguration
    let stepper: MarketStepper
    let smile: SPXSmile
    let vix: VIXModel

    public init(_ configuration: StressConfiguration) {
        self.configuration = configuration
        stepper = MarketStepper(
            dynamics: configuration.physical, stepLength: 1.0 / 252, substeps: configuration.substeps)
        smile = SPXSmile(configuration.riskNeutral)
        vix = VIXModel(configuration.riskNeutral)
    }

    public var outcomesPerPath: Int { configuration.strategies.count }

    /// A worker's books, drawdown trackers and quote cache, reused path after path.
    public struct Workspace {
        var condor: CondorBook
        var hedges: [HedgeBook]
        var drawdowns: [MaxDrawdown]
        var quotes: VIXQuoteCache
    }

    public func makeWorkspace() -> Workspace {
        let count = configuration.strategies.count
        return Workspace(
            condor: CondorBook(spec: configuration.condor),
            hedges: (0..<count).map { _ in HedgeBook(capacity: 16) },
            drawdowns: [MaxDrawdown](repeating: MaxDrawdown(startingEquity: configuration.startingEquity), count: count),
            quotes: VIXQuoteCache(model: vix, maxDays: max(configuration.longestHedgeExpiry, 1)))
    }

    public func simulatePath(
        _ path: Int, random: inout RandomStream, workspace: inout Workspace,
        outcomes: UnsafeMutableBufferPointer<PathMetrics>
    ) {
        workspace.condor.reset()
        for index in workspace.hedges.indices {
            workspace.hedges[index].reset()
            workspace.drawdowns[index] = MaxDrawdown(startingEquity: configuration.startingEquity)
        }
        var state = MarketState(spot: configuration.spot, variance: configuration.variance)
        var market = MarketPathTracker(start: state, vix: vix.index(variance: state.variance))
        close(day: 0, state: state, workspace: &workspace)
        for day in 1...configuration.horizonDays {
            stepper.advance(&state, random: &random)
            market.record(day: day, state: state, vix: vix.index(variance: state.variance))
            close(day: day, state: state, workspace: &workspace)
        }
        for index in 0..<outcomes.count {
            var metrics = PathMetrics(path: path, strategy: index)
            let drawdown = workspace.drawdowns[index]
            let hedge = workspace.hedges[index]
            metrics.maxDrawdown = drawdown.maxDrawdown
            metrics.troughDay = drawdown.troughDay
            metrics.finalPnL = drawdown.last - configuration.startingEquity
            metrics.worstDay = drawdown.worstDay
            metrics.longestUnderwaterDays = drawdown.longestUnderwater
            metrics.hedgeSpend = hedge.spend
            metrics.hedgePremium = hedge.premium
            metrics.hedgePayoff = hedge.payoff
            metrics.adjustments = workspace.condor.adjustments + hedge.monetisations
            metrics.skippedCycles = workspace.condor.skippedCycles
            market.fill(&metrics)
            outcomes[index] = metrics
        }
    }

    /// Runs one close for a path whose market closed at `state`; public for scripted-path tests.
    public func close(day: Int, state: MarketState, workspace: inout Workspace) {
        let spot = state.spot
        let variance = state.variance
        let vixClose = vix.index(variance: variance)
        workspace.quotes.startClose(variance: variance)
        let condorSpec = configuration.condor

        // 1. Settlements.
        workspace.condor.settle(day: day, spot: spot)
        for index in workspace.hedges.indices {
            workspace.hedges[index].settle(day: day, vix: vixClose)
        }

        // 2. Management and monetise rules.
        if let condor = workspace.condor.position {
            let slice = smile.slice(spot: spot, variance: variance, maturity: Double(condor.expiryDay - day) / 252)
            workspace.condor.manage(day: day, slice: slice)
        }
        for (index, strategy) in configuration.strategies.enumerated() {
            if case .vixCalls(let hedge) = strategy.hedge, let rule = hedge.monetise {
                workspace.hedges[index].monetise(
                    rule, day: day, vix: vixClose, costs: hedge.costs, quotes: &workspace.quotes)
            }
        }

        // 3. A new cycle: the condor opens, then the hedges buy.
        var condorMark = 0.0
        var markedCondor = false
        if day % condorSpec.cycleSpacing == 0 && day + condorSpec.daysToExpiry <= configuration.horizonDays {
            let cycle = day / condorSpec.cycleSpacing
            let slice = smile.slice(spot: spot, variance: variance, maturity: Double(condorSpec.daysToExpiry) / 252)
            let credit = workspace.condor.open(day: day, slice: slice) ?? 0
            condorMark = workspace.condor.mark(slice)
            markedCondor = true
            for (index, strategy) in configuration.strategies.enumerated() {
                switch strategy.hedge {
                case .none:
                    break
                case .vixCalls(let hedge):
                    let budget = hedge.budgetFraction * credit
                    for (layerIndex, layer) in hedge.layers.enumerated() where layer.isScheduled(atCycle: cycle) {
                        workspace.hedges[index].buy(
                            layer: layerIndex, budget: Double(layer.refreshEveryCycles) * layer.weight * budget,
                            expiryDays: layer.expiryDays, strikeRule: layer.strike, increment: hedge.strikeIncrement,
                            costs: hedge.costs, day: day, quotes: &workspace.quotes)
                    }
                case .vxth(let hedge):
                    let equity =
                        configuration.startingEquity + workspace.condor.cash + condorMark
                        + workspace.hedges[index].cash
                        + workspace.hedges[index].mark(day: day, quotes: &workspace.quotes)
                    let front = workspace.quotes.quote(remainingDays: hedge.expiryDays).future
                    workspace.hedges[index].buy(
                        layer: 0, budget: hedge.equityShare(frontFuture: front) * equity,
                        expiryDays: hedge.expiryDays, strikeRule: .delta(hedge.delta),
                        increment: hedge.strikeIncrement, costs: hedge.costs, day: day, quotes: &workspace.quotes)
                }
            }
        }

        // 4. Equity at the close.
        if !markedCondor, let condor = workspace.condor.position {
            let slice = smile.slice(spot: spot, variance: variance, maturity: Double(condor.expiryDay - day) / 252)
            condorMark = workspace.condor.mark(slice)
        }
        let condorEquity = configuration.startingEquity + workspace.condor.cash + condorMark
        for index in workspace.hedges.indices {
            let equity =
                condorEquity + workspace.hedges[index].cash
                + workspace.hedges[index].mark(day: day, quotes: &workspace.quotes)
            workspace.drawdowns[index].record(day: day, equity: equity)
        }
    }
}

/// The market figures of one path, streamed day by day.
struct MarketPathTracker {
    var peakVIX: Double
    var spxPeak: Double
    var spxMaxDrawdown = 0.0
    var spxTroughDay = -1
    var previousLogSpot: Double
    var sumSquaredReturns = 0.0
    var days = 0
    var finalSpot: Double

    init(start: MarketState, vix: Double) {
        peakVIX = vix
        spxPeak = start.spot
        previousLogSpot = start.logSpot
        finalSpot = start.spot
    }

    mutating func record(day: Int, state: MarketState, vix: Double) {
        peakVIX = max(peakVIX, vix)
        let spot = state.spot
        let logReturn = state.logSpot - previousLogSpot
        sumSquaredReturns += logReturn * logReturn
        previousLogSpot = state.logSpot
        days += 1
        finalSpot = spot
        if spot > spxPeak {
            spxPeak = spot
        } else {
            let drawdown = (spxPeak - spot) / spxPeak
            if drawdown > spxMaxDrawdown {
                spxMaxDrawdown = drawdown
                spxTroughDay = day
            }
        }
    }

    func fill(_ metrics: inout PathMetrics) {
        metrics.peakVIX = peakVIX
        metrics.spxMaxDrawdown = spxMaxDrawdown
        metrics.spxTroughDay = spxTroughDay
        metrics.finalSpot = finalSpot
        metrics.realisedVolatility = days > 0 ? (252 * sumSquaredReturns / Double(days)).squareRoot() : 0
    }
}
