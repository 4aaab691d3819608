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
    let monetiseRules: [(rule: MonetiseRule, costs: TradingCosts)?]
    let checkingStrategies: [Int]
    /// Their hedges, read in place by the daily checks (a copy out of the
    /// configuration would retain its shared arrays every day).
    let checkingHedges: SharedTable<VIXCallHedge>
    /// Where the daily closes of the first paths go, if anywhere.
    public let recorder: DailySeriesRecorder?
    /// Pricing factors by regime and remaining days, for the daily marks.
    let maturityFactors: MaturityFactors
    /// Whether any strategy sizes its budget by the condor's vega.
    let budgetsOnVega: Bool
    /// Whether the condor has management rules; the lowest VIX at which a monetise rule can fire.
    let managesCondor: Bool
    let lowestMonetiseVIX: Double
    /// Whether a day opens a condor cycle (day % spacing == 0 and the cycle ends within the horizon).
    let cycleDays: [Bool]
    /// What each strategy buys on a cycle day.
    let cyclePurchases: CyclePurchases
    /// The instruction-set tier of the vector kernels that mark the books.
    public let kernels: KernelTier
    /// Lays the marks out afresh at every close instead of only when a path's
    /// books changed: the reference that reusing them is tested against.
    var layOutMarksEveryDay = false

    public init(_ configuration: StressConfiguration, recorder: DailySeriesRecorder? = nil, kernels: KernelTier = .preferred) {
        self.configuration = configuration
        self.recorder = recorder
        self.kernels = kernels
        market = ScenarioMarket(configuration)
        let longestMaturity = max(configuration.longestHedgeExpiry, configuration.condor.daysToExpiry) + 63
        maturityFactors = MaturityFactors(smiles: market.smiles, vixModels: market.vixModels, maxDays: longestMaturity)
        let rules = configuration.condor.management
        managesCondor = rules.testedSide != nil || rules.takeProfitFraction != nil || rules.stopLossMultiple != nil
        let hedges = configuration.strategies.map(\.hedge)
        lowestMonetiseVIX = hedges.compactMap { $0.monetise?.rule.vixAtLeast }.min() ?? .infinity
        cycleDays = (0...configuration.horizonDays).map(configuration.isCycleDay)
        cyclePurchases = CyclePurchases(configuration.strategies)
        budgetsOnVega = hedges.contains { $0.budgetsOnVega }
        monetiseRules = hedges.map(\.monetise)
        checkingStrategies = hedges.indices.filter { hedges[$0].signalChecks != nil }
        checkingHedges = SharedTable(checkingStrategies.compactMap { hedges[$0].signalChecks })
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
        var quotes: VIXQuoteCache
        /// With exact VIX pricing: each strategy's hedge mark at the current close (dollars).
        var exactHedgeMarks: [Double]

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
            hedges: configuration.strategies.map { HedgeBook(layers: $0.hedge.bookLayers, capacity: 16) },
            drawdowns: [MaxDrawdown](repeating: MaxDrawdown(startingEquity: configuration.startingEquity), count: count),
            signals: MarketSignals(breadth: configuration.breadth),
            quotes: VIXQuoteCache(
                model: market.vixModels[0], maxDays: max(configuration.longestHedgeExpiry, 1), pricing: configuration.vixPricing,
                events: market.eventVariance),
            exactHedgeMarks: [Double](repeating: 0, count: count))
    }

    /// What the paths of a lockstep group price together, one per worker: the
    /// options marked at each close and which rows are whose, and the trades
    /// of a close.
    public struct GroupWorkspace {
        var batch = OptionBatch()
        var plan = MarkPlan()
        var trades = GroupTrades()
    }

    public func makeGroupWorkspace() -> GroupWorkspace { GroupWorkspace() }

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
    func condorEquity(_ close: MarketClose, condor: CondorBook) -> Double {
        let mark = condor.slice(close).map(condor.mark) ?? 0
        return configuration.startingEquity + condor.cash + mark
    }

    /// Runs one close of a path (signals already updated): trades, then marks
    /// and records equities. Public for scripted-path tests (a group of one).
    public func close(_ close: MarketClose, workspace: inout Workspace) {
        var group = GroupWorkspace()
        self.close(close, workspace: &workspace, group: &group)
    }

    /// The same, with a group state kept from close to close.
    func close(_ close: MarketClose, workspace: inout Workspace, group: inout GroupWorkspace) {
        // Taken out so that the local copy is the only one: no copy on write.
        var trades = group.trades
        group.trades = GroupTrades()
        withUnsafePointer(to: close) { closes in
            withUnsafeMutablePointer(to: &workspace) { workspace in
                trade(
                    count: 1, closes: closes, workspaces: UnsafeMutableBufferPointer(start: workspace, count: 1),
                    together: &trades)
            }
        }
        group.trades = trades
        var batch = group.batch
        var plan = group.plan
        group.plan = MarkPlan()  // the local copy is then the only one: no copy on write
        withUnsafePointer(to: close) { closes in
            withUnsafeMutablePointer(to: &workspace) { workspace in
                prepareMarks(
                    count: 1, closes: closes, workspaces: UnsafeMutableBufferPointer(start: workspace, count: 1),
                    plan: &plan, batch: &batch)
            }
        }
        batch.price(tier: kernels)
        recordEquities(day: close.day, lane: 0, workspace: &workspace, plan: plan, batch: batch)
        group.batch = batch
        group.plan = plan
    }

    /// Steps 1-4 of the closes of a lockstep group's paths `0 ..< count`
    /// (`closes[i]` is path i's, on the same day): settlements, rules, the
    /// cycle's trades, checks. The cycle's condors of all the paths are priced
    /// together (`CondorOpens`), and with lognormal VIX pricing so are the
    /// monetise rules' candidates and the cycle's scheduled purchases
    /// (`MonetiseBatch`, `PurchaseBatch`); each path's books see their trades
    /// in the order of W1.md either way.
    func trade(
        count: Int, closes: UnsafePointer<MarketClose>, workspaces: UnsafeMutableBufferPointer<Workspace>,
        together: inout GroupTrades
    ) {
        let day = closes[0].day
        let lognormal = configuration.vixPricing == .lognormal
        for lane in 0..<count { settleAndManage(closes[lane], workspace: &workspaces[lane]) }
        // 2b. Monetise rules (skipped while spot VIX is below every rule's level).
        var anyMonetise = false
        for lane in 0..<count where closes[lane].vix >= lowestMonetiseVIX { anyMonetise = true }
        if anyMonetise {
            if lognormal {
                monetiseTogether(count: count, closes: closes, workspaces: workspaces, batch: &together.monetise)
            } else {
                for lane in 0..<count { monetiseOneByOne(closes[lane], workspace: &workspaces[lane]) }
            }
        }
        if cycleDays[day] {
            // 3. The condors struck path by path and priced together, then each path opens and requests its purchases.
            together.opens.reset()
            let expiryDay = day + configuration.condor.daysToExpiry
            for lane in 0..<count {
                let slice = closes[lane].slice(expiryDay: expiryDay)
                together.opens.propose(
                    slice: slice,
                    condor: workspaces[lane].condor.position == nil
                        ? IronCondor.struck(configuration.condor, slice: slice, expiryDay: expiryDay, contracts: 1) : nil)
            }
            together.opens.price(tier: kernels)
            together.purchases.reset(lanes: count)
            for lane in 0..<count {
                openCycle(
                    closes[lane], slice: together.opens.slices[lane], condor: together.opens.condors[lane],
                    workspace: &workspaces[lane], lane: lane, purchases: &together.purchases)
            }
            bookPurchases(&together.purchases, day: day, workspaces: workspaces)
        }
        if !checkingStrategies.isEmpty {
            for lane in 0..<count { checkHedges(closes[lane], workspace: &workspaces[lane]) }
        }
    }

    /// Step 1 of a close, and the condor's management rules (step 2a).
    func settleAndManage(_ close: MarketClose, workspace: inout Workspace) {
        let day = close.day
        let vixClose = close.vix
        workspace.quotes.startClose(day: day, variance: close.variance, regime: close.regime, model: close.vixModel)

        // 1. Settlements.
        workspace.condor.settle(day: day, close: close)
        for index in workspace.hedges.indices where workspace.hedges[index].nextExpiry <= day {
            workspace.hedges[index].settle(day: day, vix: vixClose)
        }
        // 2a. Management rules.
        if managesCondor { workspace.condor.manage(close, signals: workspace.signals) }
    }

    /// Step 2b for one path, pricing each candidate through the quote cache (exact VIX pricing).
    func monetiseOneByOne(_ close: MarketClose, workspace: inout Workspace) {
        guard close.vix >= lowestMonetiseVIX else { return }
        for index in monetiseRules.indices {
            if let monetise = monetiseRules[index] {
                workspace.hedges[index].monetise(
                    monetise.rule, day: close.day, vix: close.vix, costs: monetise.costs, quotes: &workspace.quotes)
            }
        }
    }

    /// Step 2b for a group's paths: every candidate of every rule the close
    /// reached is priced in one batch, then each book applies its rule.
    func monetiseTogether(
        count: Int, closes: UnsafePointer<MarketClose>, workspaces: UnsafeMutableBufferPointer<Workspace>,
        batch: inout MonetiseBatch
    ) {
        let day = closes[0].day
        batch.reset(lanes: count, strategies: monetiseRules.count)
        for lane in 0..<count where closes[lane].vix >= lowestMonetiseVIX {
            let close = closes[lane]
            for index in monetiseRules.indices {
                guard let monetise = monetiseRules[index], close.vix >= monetise.rule.vixAtLeast else { continue }
                for position in 0..<workspaces[lane].hedges[index].positions.count
                where workspaces[lane].hedges[index].mayMonetise(position, day: day) {
                    batch.add(
                        MonetiseBatch.Candidate(lane: lane, strategy: index, position: position),
                        held: workspaces[lane].hedges[index].positions[position], variance: close.variance,
                        factorRow: maturityFactors.firstRow(regime: close.regime))
                }
            }
        }
        guard !batch.isEmpty else { return }
        batch.price(day: day, factors: maturityFactors, events: market.eventTable, tier: kernels)
        for lane in 0..<count where closes[lane].vix >= lowestMonetiseVIX {
            for index in monetiseRules.indices {
                guard let monetise = monetiseRules[index], closes[lane].vix >= monetise.rule.vixAtLeast else { continue }
                workspaces[lane].hedges[index].monetise(monetise.rule, day: day, vix: closes[lane].vix, costs: monetise.costs) {
                    position, _ in batch.mid(lane: lane, strategy: index, position: position)
                }
            }
        }
    }

    /// Step 3 of a close on a cycle day: the condor opens (`condor`, struck and
    /// priced on `slice`, nil while the last one is open), then the scheduled
    /// hedges buy. With lognormal VIX pricing the purchases are requested in
    /// `purchases` (as path `lane` of its group) and booked by `bookPurchases`.
    func openCycle(
        _ close: MarketClose, slice: SPXSmileSlice, condor: IronCondor?, workspace: inout Workspace, lane: Int,
        purchases: inout PurchaseBatch
    ) {
        let day = close.day
        let cycle = day / configuration.condor.cycleSpacing
        let credit =
            workspace.condor.open(
                priced: condor, slice: slice, equity: condorEquity(close, condor: workspace.condor),
                realisedVolatility: workspace.signals.realisedVolatility20) ?? 0
        let condorVega = budgetsOnVega ? workspace.condor.position.map { abs($0.vega(slice)) * $0.contracts } ?? 0 : 0
        for index in 0..<cyclePurchases.strategies.count {
            let plan = cyclePurchases.strategies[index]
            switch plan.kind {
            case .none:
                break
            case .vixCalls:
                let budget = credit > 0 ? plan.budgetMultiple * (plan.budgetOnVega ? condorVega : credit) : 0
                workspace.hedges[index].cycle = cycle
                workspace.hedges[index].cycleBudget = budget
                for layerIndex in plan.layers {
                    let layer = cyclePurchases.layers[layerIndex]
                    guard layer.schedule.isScheduled(atCycle: cycle) else { continue }
                    let layerBudget = layer.schedule.scheduledBudget(cycleBudget: budget)
                    if configuration.vixPricing == .lognormal {
                        // As HedgeBook.buy: nothing without a budget or a maturity.
                        guard layerBudget > 0, layer.expiryDays > 0 else { continue }
                        purchases.request(
                            PurchaseBatch.Request(
                                lane: lane, strategy: index, layer: layer.index, budget: layerBudget,
                                expiryDays: layer.expiryDays, strikeRule: layer.strike, increment: plan.strikeIncrement,
                                costs: plan.costs),
                            day: day, variance: close.variance, factorRow: maturityFactors.firstRow(regime: close.regime))
                    } else {
                        workspace.hedges[index].buy(
                            layer: layer.index, budget: layerBudget, expiryDays: layer.expiryDays,
                            strikeRule: layer.strike, increment: plan.strikeIncrement, costs: plan.costs, day: day,
                            quotes: &workspace.quotes)
                    }
                }
            case .vxth:
                guard case .vxth(let hedge) = configuration.strategies[index].hedge else { continue }
                let equity =
                    condorEquity(close, condor: workspace.condor) + workspace.hedges[index].cash
                    + workspace.hedges[index].mark(day: day, quotes: &workspace.quotes)
                let front = workspace.quotes.quote(remainingDays: hedge.expiryDays).future
                workspace.hedges[index].buy(
                    layer: 0, budget: hedge.equityShare(frontFuture: front) * equity,
                    expiryDays: hedge.expiryDays, strikeRule: .delta(hedge.delta),
                    increment: hedge.strikeIncrement, costs: hedge.costs, day: day, quotes: &workspace.quotes)
            }
        }
    }

    /// Books the purchases requested by a group's paths (`workspaces[request.lane]`), priced together.
    func bookPurchases(_ purchases: inout PurchaseBatch, day: Int, workspaces: UnsafeMutableBufferPointer<Workspace>) {
        guard !purchases.isEmpty else { return }
        purchases.price(day: day, factors: maturityFactors, events: market.eventTable, tier: kernels)
        for (index, request) in purchases.requests.enumerated() {
            let premium = purchases.premiums[index]
            guard premium > 1e-10 else { continue }
            workspaces[request.lane].hedges[request.strategy].purchase(
                layer: request.layer, strike: purchases.strikes[index], premium: premium,
                quantity: request.budget / (premium * optionMultiplier), expiryDay: day + request.expiryDays,
                costs: request.costs, day: day)
        }
    }

    /// Step 4 of a close: trigger and vega-band checks.
    func checkHedges(_ close: MarketClose, workspace: inout Workspace) {
        guard close.day > 0 else { return }
        for slot in 0..<checkingStrategies.count {
            check(hedgeSlot: slot, index: checkingStrategies[slot], close: close, workspace: &workspace)
        }
    }

    /// A layered hedge's check: remembers signals between checks; on a check
    /// day fires triggers (top-ups) and the vega band.
    func check(hedgeSlot: Int, index: Int, close: MarketClose, workspace: inout Workspace) {
        let day = close.day
        // Only the rebalance rule is read on ordinary days (in place: no copy of the hedge's arrays).
        let rebalance = checkingHedges[hedgeSlot].rebalance
        let vixClose = close.vix
        // Read the few values needed rather than copying the signals and the book (their buffers) every day.
        let breadth = workspace.signals.breadthIndex
        if workspace.signals.vixMACD.bullishCrossover { workspace.hedges[index].crossoverSinceCheck = true }
        if workspace.signals.bearishDivergence { workspace.hedges[index].divergenceSinceCheck = true }
        guard rebalance.isCheck(day: day, breadth: breadth, lastCheckBreadth: workspace.hedges[index].lastCheckBreadth) else { return }
        let hedge = checkingHedges[hedgeSlot]
        let readings = TriggerReadings(
            vix: vixClose, lastCheckVIX: workspace.hedges[index].lastCheckVIX, spxRSI: workspace.signals.spxRSI.value,
            impliedVolatilityPercentile: workspace.signals.impliedVolatilityPercentile,
            impliedHistoryCount: workspace.signals.impliedHistory.count,
            crossover: workspace.hedges[index].crossoverSinceCheck, divergence: workspace.hedges[index].divergenceSinceCheck)
        let cycle = workspace.hedges[index].cycle
        let budget = workspace.hedges[index].cycleBudget
        for trigger in hedge.triggers where trigger.layer < hedge.layers.count {
            let layer = hedge.layers[trigger.layer]
            if trigger.condition.fires(readings) && workspace.hedges[index].toppedUpInCycle[trigger.layer] != cycle && budget > 0 {
                workspace.hedges[index].buy(
                    layer: trigger.layer, budget: layer.schedule.topUpBudget(cycleBudget: budget), expiryDays: layer.expiryDays,
                    strikeRule: layer.strike, increment: hedge.strikeIncrement, costs: hedge.costs, day: day,
                    quotes: &workspace.quotes)
                workspace.hedges[index].toppedUpInCycle[trigger.layer] = cycle
                workspace.hedges[index].adjustments += 1
            }
        }
        if let rule = hedge.vegaNeutral, rule.layer < hedge.layers.count {
            balanceVega(hedge, rule: rule, index: index, close: close, workspace: &workspace)
        }
        workspace.hedges[index].lastCheckVIX = vixClose
        workspace.hedges[index].lastCheckBreadth = breadth
        workspace.hedges[index].crossoverSinceCheck = false
        workspace.hedges[index].divergenceSinceCheck = false
    }

    /// Buys calls of the rule's layer when the book's net VIX sensitivity is
    /// below `-band x |condor's|` (dollars per VIX point, by a one-point bump of spot VIX).
    func balanceVega(_ hedge: VIXCallHedge, rule: VegaNeutralRule, index: Int, close: MarketClose, workspace: inout Workspace) {
        guard let condor = workspace.condor.position, let slice = workspace.condor.slice(close) else { return }
        let day = close.day
        let bumped = close.variance(forVIX: close.vix + 1)
        let bumpedSlice = close.slice(expiryDay: condor.expiryDay, variance: bumped)
        let condorSensitivity = (condor.value(bumpedSlice) - condor.value(slice)) * condor.contracts * optionMultiplier
        var hedgeSensitivity = 0.0
        for position in workspace.hedges[index].positions {
            let remaining = position.expiryDay - day
            let up = workspace.quotes.callPrice(variance: bumped, strike: position.strike, remainingDays: remaining)
            let now = workspace.quotes.callPrice(strike: position.strike, remainingDays: remaining)
            hedgeSensitivity += position.quantity * optionMultiplier * (up - now)
        }
        let net = condorSensitivity + hedgeSensitivity
        guard net < -rule.band * abs(condorSensitivity) else { return }
        let layer = hedge.layers[rule.layer]
        let call = workspace.hedges[index].quoteCall(
            expiryDays: layer.expiryDays, strikeRule: layer.strike, increment: hedge.strikeIncrement,
            quotes: &workspace.quotes)
        let up = workspace.quotes.callPrice(variance: bumped, strike: call.strike, remainingDays: layer.expiryDays)
        let perContract = optionMultiplier * (up - call.premium)
        guard perContract > 1e-9, call.premium > 1e-10 else { return }
        workspace.hedges[index].purchase(
            layer: rule.layer, strike: call.strike, premium: call.premium, quantity: -net / perContract,
            expiryDay: day + layer.expiryDays, costs: hedge.costs, day: day)
        workspace.hedges[index].adjustments += 1
    }
}
