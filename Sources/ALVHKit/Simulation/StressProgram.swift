import Foundation

/// One pass per path of a stress run: the market steps once a day, and at
/// each close the shared condor and every strategy's hedge book trade and are
/// marked at model mid, in W1's order:
///
/// 1. expiring condors and VIX calls settle at intrinsic value on the close;
/// 2. condor management rules, then hedge monetise rules, are checked;
/// 3. on a cycle day a new condor opens and scheduled hedges are bought;
/// 4. on check days, hedge triggers and the vega band may buy more;
/// 5. each strategy's equity is recorded.
///
/// Day 0 is the starting close (no market step), after the opening trades.
/// All strategies see the identical market path (common random numbers), and
/// the condor legs and VIX futures are priced once per close for all of them.
/// After each day's market step one more normal is drawn for the A/D line,
/// whether or not a strategy reads it, so switching a signal on or off never
/// changes the market paths.
public struct StressProgram: PathProgram {
    public typealias Outcome = PathMetrics

    /// What is simulated.
    public let configuration: StressConfiguration
    /// The simulated market: regimes, steppers, pricers, events and shocks.
    public let market: ScenarioMarket
    /// Whether any rule reads the signals (they are not computed otherwise).
    let needsSignals: Bool
    /// Per strategy, read in the daily loop without copying the strategy's
    /// specification: the monetise rule and costs, and whether it checks signals.
    let monetiseRules: [(rule: MonetiseRule, costs: TradingCosts, execution: OptionExecution)?]
    let checkingStrategies: [Int]
    /// Their hedges, read in place by the daily checks (a copy out of the
    /// configuration would retain its shared arrays every day).
    let checkingHedges: SharedTable<VIXCallHedge>
    /// The strategies with layers bought by their VIX level, and their hedges (read in place every day).
    let activatingStrategies: [Int]
    let activatingHedges: SharedTable<VIXCallHedge>
    /// Where the daily closes of the first paths go, if anywhere.
    public let recorder: DailySeriesRecorder?
    /// Pricing factors by regime and remaining days, for the daily marks.
    let maturityFactors: MaturityFactors
    /// Whether any strategy sizes its budget by the condor's vega.
    let budgetsOnVega: Bool
    /// Whether the condor has management rules; the lowest VIX at which a monetise rule can fire.
    let managesCondor: Bool
    /// Whether a tested-side rule closes a rolled condor at the next cycle's start (`reopenOnCycle`).
    let reopensRolledCondors: Bool
    /// Whether any strategy holds VIX ETNs (the short-term futures index every path then follows).
    let holdsETNs: Bool
    /// Whether any strategy holds what its book follows at every close: futures, ETNs or SPX puts.
    let followsHoldings: Bool
    /// Whether any strategy holds what its book values itself (ETNs, SPX puts): added to the marks.
    let valuesOwnHoldings: Bool
    /// A trading day's interest on cash, `e^(cashRate / 252) - 1` (0 without interest).
    let cashGrowth: Double
    let lowestMonetiseVIX: Double
    /// Per day, the number of the condor cycle it opens (-1: none) and that
    /// cycle's expiry day (`StressConfiguration.cycles`).
    let cycleNumbers: [Int]
    let cycleExpiries: [Int]
    /// What each strategy buys on a cycle day.
    let cyclePurchases: CyclePurchases
    /// The instruction-set tier of the vector kernels that mark the books.
    public let kernels: KernelTier
    /// Whether the SPX smile is SSVI (the same in every regime): the condor kernel to mark with.
    let ssviSmile: Bool
    /// Whether every regime's Q is model.md's: otherwise VIX options are priced
    /// on the floored law (`VIXQuote`; `alvh_vix_floored_laws` when batched).
    let modelMDQ: Bool
    /// Lays the marks out afresh at every close instead of only when a path's
    /// books changed: the reference that reusing them is tested against.
    var layOutMarksEveryDay = false
    /// Prices lognormal VIX calls one at a time through the quote cache: the
    /// reference the batched engine is tested against.
    var pricesOneAtATime = false

    public init(_ configuration: StressConfiguration, recorder: DailySeriesRecorder? = nil, kernels: KernelTier = .preferred) {
        self.configuration = configuration
        self.recorder = recorder
        self.kernels = kernels
        market = ScenarioMarket(configuration)
        let longestMaturity = max(configuration.longestHedgeExpiry, configuration.longestCondorExpiry) + 63
        maturityFactors = MaturityFactors(smiles: market.smiles, vixModels: market.vixModels, maxDays: longestMaturity)
        ssviSmile = market.smiles[0].ssvi != nil
        modelMDQ = configuration.allRegimes.allSatisfy { $0.riskNeutral.qVariance.isModelMD }
        let rules = configuration.condor.management
        cashGrowth = configuration.cashRate == 0 ? 0 : expm1(configuration.cashRate / 252)
        managesCondor = rules.testedSide != nil || rules.takeProfitFraction != nil || rules.stopLossMultiple != nil
        reopensRolledCondors = rules.testedSide?.reopenOnCycle == true
        let hedges = configuration.strategies.map(\.hedge)
        lowestMonetiseVIX = hedges.compactMap { $0.monetise?.rule.vixAtLeast }.min() ?? .infinity
        let cycles = configuration.cycles
        cycleNumbers = cycles.map { $0?.number ?? -1 }
        cycleExpiries = cycles.map { $0?.expiryDay ?? -1 }
        cyclePurchases = CyclePurchases(configuration.strategies)
        budgetsOnVega = hedges.contains { $0.budgetsOnVega }
        holdsETNs = hedges.contains { $0.holds(.etn) }
        valuesOwnHoldings = holdsETNs || hedges.contains { $0.holds(.spxPut) }
        followsHoldings = valuesOwnHoldings || hedges.contains { $0.holds(.future) }
        monetiseRules = hedges.map(\.monetise)
        checkingStrategies = hedges.indices.filter { hedges[$0].signalChecks != nil }
        checkingHedges = SharedTable(checkingStrategies.compactMap { hedges[$0].signalChecks })
        activatingStrategies = hedges.indices.filter { hedges[$0].activationLayers != nil }
        activatingHedges = SharedTable(activatingStrategies.compactMap { hedges[$0].activationLayers })
        let management = configuration.condor.management
        needsSignals = management.testedSide != nil || management.shrink != nil || !checkingStrategies.isEmpty
    }

    public var outcomesPerPath: Int { configuration.strategies.count }

    /// A worker's books, drawdown trackers, signals and quote cache, reused path after path.
    public struct Workspace {
        var condor: CondorBook
        var hedges: [HedgeBook]
        var drawdowns: [MaxDrawdown]
        var signals: MarketSignals
        /// One-at-a-time quotes of the path's close, for the check-day and VXTH rules.
        var quotes: VIXQuoteCache
        /// The short-term VIX futures index on the path, followed when a strategy holds ETNs.
        var etnIndex = VIXShortTermFuturesIndex()

        /// The revision of the books: changes whenever the condor or any VIX-call position does.
        var revision: Int {
            var revision = condor.revision
            for index in hedges.indices { revision &+= hedges[index].revision }
            return revision
        }
    }

    public func makeWorkspace() -> Workspace {
        let count = configuration.strategies.count
        return Workspace(
            condor: CondorBook(spec: configuration.condor),
            hedges: configuration.strategies.map {
                HedgeBook(
                    layers: $0.hedge.bookLayers, capacity: 16, etnTerms: $0.hedge.etnTerms, spxCosts: configuration.condor.costs,
                    spxStrikeIncrement: configuration.condor.strikeIncrement)
            },
            drawdowns: [MaxDrawdown](repeating: MaxDrawdown(startingEquity: configuration.startingEquity), count: count),
            signals: MarketSignals(breadth: configuration.breadth),
            quotes: VIXQuoteCache(
                model: market.vixModels[0], maxDays: max(configuration.longestHedgeExpiry, 1), pricing: configuration.vixPricing,
                events: market.eventVariance, curve: configuration.vixFuturesMarks))
    }

    /// What the paths of a lockstep group price together, one per worker: the
    /// options marked at each close and which rows are whose, the trades of a
    /// close, and the VIX pricing engines.
    public struct GroupWorkspace {
        var condors = CondorLegColumns()
        var calls = VIXCallColumns()
        var plan = MarkPlan()
        var trades = GroupTrades()
        var batched: BatchedVIXEngine
        /// Made only for a run that prices one call at a time.
        var oneAtATime: OneAtATimeVIXEngine?
    }

    public func makeGroupWorkspace() -> GroupWorkspace {
        GroupWorkspace(
            batched: BatchedVIXEngine(factors: maturityFactors, events: market.eventTable, tier: kernels, floored: !modelMDQ),
            oneAtATime: vixEngine == .oneAtATime
                ? OneAtATimeVIXEngine(
                    models: market.vixModels, maxDays: max(configuration.longestHedgeExpiry, 1),
                    pricing: configuration.vixPricing, events: market.eventVariance, curve: configuration.vixFuturesMarks)
                : nil)
    }

    /// Which engine prices the group's VIX calls: the batched kernels for
    /// lognormal pricing and the floored law, one at a time for exact pricing and on a real futures curve.
    enum VIXEngineChoice { case batched, oneAtATime }
    var vixEngine: VIXEngineChoice {
        pricesOneAtATime || configuration.vixPricing == .exact || configuration.vixFuturesMarks != nil
            ? .oneAtATime : .batched
    }

    /// The close of `state` on `day` in `regime` (the market's).
    public func marketClose(day: Int, state: MarketState, regime: Int = 0) -> MarketClose {
        market.marketClose(day: day, state: state, regime: regime)
    }

    /// Resets a workspace to the start of a path at `close` (day 0).
    public func start(_ close: MarketClose, workspace: inout Workspace) {
        workspace.condor.reset()
        for index in workspace.hedges.indices {
            workspace.hedges[index].reset(vix: close.vix)
            workspace.drawdowns[index] = MaxDrawdown(startingEquity: configuration.startingEquity)
        }
        workspace.signals.start(logSpot: close.logSpot, vix: close.vix)
    }

    /// Starting equity plus the condor's cash and mid value (dollars): the
    /// account every strategy shares before its hedge.
    func condorAccount(_ close: MarketClose, condor: CondorBook) -> Double {
        condor.account(startingEquity: configuration.startingEquity, mark: condor.slice(close).map(condor.mark) ?? 0)
    }

    /// Runs one close of a path (signals already updated): trades, then marks
    /// and records equities. Public for scripted-path tests (a group of one,
    /// with the group's state made afresh).
    public func close(_ close: MarketClose, workspace: inout Workspace) {
        var group = makeGroupWorkspace()
        withUnsafePointer(to: close) { closes in
            withUnsafeMutablePointer(to: &workspace) { workspace in
                runClose(count: 1, closes: closes, workspaces: UnsafeMutableBufferPointer(start: workspace, count: 1), group: &group)
            }
        }
    }

    /// `runClose` with the run's VIX engine, taken out of `group` for the
    /// close and put back (for a close at a time; the lockstep loop chooses once per group).
    func runClose(
        count: Int, closes: UnsafePointer<MarketClose>, workspaces: UnsafeMutableBufferPointer<Workspace>,
        group: inout GroupWorkspace
    ) {
        switch vixEngine {
        case .batched:
            var engine = group.batched
            runClose(count: count, closes: closes, workspaces: workspaces, group: &group, engine: &engine)
        case .oneAtATime:
            var engine = group.oneAtATime!
            group.oneAtATime = nil
            runClose(count: count, closes: closes, workspaces: workspaces, group: &group, engine: &engine)
            group.oneAtATime = engine
        }
    }

    /// The closes of a lockstep group's paths `0 ..< count` on one day
    /// (`closes[i]` is path i's, market stepped and signals updated): the
    /// trades (steps 1-4), then the marks and equities (step 5).
    @inline(__always)
    func runClose<Engine: VIXPricingEngine>(
        count: Int, closes: UnsafePointer<MarketClose>, workspaces: UnsafeMutableBufferPointer<Workspace>,
        group: inout GroupWorkspace, engine: inout Engine
    ) {
        trade(count: count, closes: closes, workspaces: workspaces, trades: &group.trades, engine: &engine)
        mark(count: count, closes: closes, workspaces: workspaces, group: &group, engine: &engine)
        for lane in 0..<count {
            recordEquities(
                day: closes[lane].day, lane: lane, workspace: &workspaces[lane], plan: group.plan, condors: group.condors,
                calls: group.calls)
        }
    }
}
