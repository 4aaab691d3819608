/// Steps 1-4 of a close for a lockstep group's paths: settlements and the
/// condor's management, monetise sales, the cycle's condor and scheduled
/// hedge purchases, the check-day rules. Each path's books state what they
/// want priced (sale candidates, orders); the run's VIX pricing engine prices
/// every path's requests together; then each book trades on the quotes, in
/// the order of W1.md. The rules themselves live with their strategy family
/// (`Strategies/`); here is only who is asked what, when.
extension StressProgram {
    /// Steps 1-4 of the closes of paths `0 ..< count` (`closes[i]` is path i's, on the same day).
    func trade<Engine: VIXPricingEngine>(
        count: Int, closes: UnsafePointer<MarketClose>, workspaces: UnsafeMutableBufferPointer<Workspace>,
        trades: inout GroupTrades, engine: inout Engine
    ) {
        let day = closes[0].day
        for lane in 0..<count { settleAndManage(closes[lane], workspace: &workspaces[lane]) }
        // 2b. Monetise rules (skipped while spot VIX is below every rule's level).
        var anyMonetise = false
        for lane in 0..<count where closes[lane].vix >= lowestMonetiseVIX { anyMonetise = true }
        if anyMonetise { monetise(count: count, closes: closes, workspaces: workspaces, sales: &trades.sales, engine: &engine) }
        if cycleNumbers[day] >= 0 {
            // 3. The condors struck path by path and priced together, then each path opens and orders its purchases.
            trades.opens.reset()
            let expiryDay = cycleExpiries[day]
            for lane in 0..<count {
                // A rolled condor the rule reopens on the cycle is closed first.
                if reopensRolledCondors { workspaces[lane].condor.closeForCycle(closes[lane]) }
                let slice = closes[lane].slice(expiryDay: expiryDay)
                trades.opens.propose(
                    slice: slice,
                    condor: workspaces[lane].condor.position == nil
                        ? IronCondor.struck(configuration.condor, slice: slice, expiryDay: expiryDay, contracts: 1) : nil)
            }
            trades.opens.price(tier: kernels)
            trades.purchases.reset(lanes: count)
            for lane in 0..<count {
                openCycle(
                    closes[lane], slice: trades.opens.slices[lane], condor: trades.opens.condors[lane],
                    workspace: &workspaces[lane], lane: lane, orders: &trades.purchases)
            }
            fill(&trades.purchases, day: day, workspaces: workspaces, engine: &engine)
        }
        // 3b. Layers bought by their VIX level.
        if !activatingStrategies.isEmpty {
            for lane in 0..<count { activateLayers(closes[lane], workspace: &workspaces[lane]) }
        }
        if !checkingStrategies.isEmpty {
            for lane in 0..<count { checkHedges(closes[lane], workspace: &workspaces[lane]) }
        }
    }

    /// Credits a day's interest on every book's cash (`cashRate`); kept out of
    /// line, so that runs without interest keep their settlement loop as it was.
    @inline(never)
    func accrueInterest(_ workspace: inout Workspace, growth: Double? = nil) {
        let growth = growth ?? cashGrowth
        workspace.condor.accrueInterest(startingEquity: configuration.startingEquity, growth: growth)
        for index in workspace.hedges.indices { workspace.hedges[index].accrueInterest(growth: growth) }
    }

    /// The ETN index's move to the close (started on day 0), then each
    /// book's futures, ETN units and SPX puts.
    @inline(never)
    func settleDaily(_ close: MarketClose, workspace: inout Workspace) {
        let day = close.day
        if holdsETNs {
            if day == 0 {
                workspace.etnIndex.start(day: 0) { workspace.quotes.quote(remainingDays: $0).future }
            } else {
                workspace.etnIndex.close(day: day) { workspace.quotes.quote(remainingDays: $0).future }
            }
            workspace.quotes.etnLevel = workspace.etnIndex.level
        }
        let growth = workspace.etnIndex.growth
        for index in workspace.hedges.indices {
            workspace.hedges[index].settleDaily(day: day, quotes: &workspace.quotes, indexGrowth: growth) { strike, expiryDay in
                close.slice(expiryDay: expiryDay).price(strike: strike, kind: .put)
            }
        }
    }

    /// Step 1 of a close, and the condor's management rules (step 2a).
    func settleAndManage(_ close: MarketClose, workspace: inout Workspace) {
        let day = close.day
        workspace.quotes.startClose(day: day, variance: close.variance, regime: close.regime, model: close.vixModel)
        // 0. A day's interest on the cash held since the last close.
        if cashGrowth != 0 && day > 0 { accrueInterest(&workspace) }
        // 1. Settlements: the book-followed holdings' day (futures' variation margin, ETN values,
        // SPX puts' mids), then expiries (SPX puts at the condor's settlement level).
        if followsHoldings { settleDaily(close, workspace: &workspace) }
        // Read before the condor settles (which clears a replay's opening level); SPX only on an expiry day.
        let opening = workspace.condor.openingSettlement
        workspace.condor.settle(day: day, close: close)
        for index in workspace.hedges.indices where workspace.hedges[index].nextExpiry <= day {
            workspace.hedges[index].settle(day: day, vix: close.vix, spx: opening.isNaN ? close.spot : opening)
        }
        // 2a. Management rules.
        if managesCondor { workspace.condor.manage(close, signals: workspace.signals) }
    }

    /// Step 2b: every candidate of every rule the close reached, priced
    /// together, then each book applies its rule.
    func monetise<Engine: VIXPricingEngine>(
        count: Int, closes: UnsafePointer<MarketClose>, workspaces: UnsafeMutableBufferPointer<Workspace>,
        sales: inout SaleCandidates, engine: inout Engine
    ) {
        let day = closes[0].day
        sales.reset(lanes: count, strategies: monetiseRules.count)
        for lane in 0..<count where closes[lane].vix >= lowestMonetiseVIX {
            for index in monetiseRules.indices {
                guard let monetise = monetiseRules[index], closes[lane].vix >= monetise.rule.vixAtLeast else { continue }
                // Options only: futures and ETN units were valued at today's close in step 1.
                for position in 0..<workspaces[lane].hedges[index].positions.count
                where workspaces[lane].hedges[index].mayMonetise(position, day: day)
                    && workspaces[lane].hedges[index].positions[position].contract.optionKind != nil
                {
                    let held = workspaces[lane].hedges[index].positions[position]
                    checkMaturity(expiryDay: held.expiryDay, day: day, engine: engine)
                    sales.add(
                        SaleCandidates.Candidate(lane: lane, strategy: index, position: position), held: held,
                        close: closes[lane])
                }
            }
        }
        // Futures, ETN units and SPX puts are judged on their own prices, with or without VIX options to price.
        if sales.isEmpty {
            guard followsHoldings else { return }
        } else {
            engine.price(&sales.calls, day: day)
        }
        for lane in 0..<count where closes[lane].vix >= lowestMonetiseVIX {
            for index in monetiseRules.indices {
                guard let monetise = monetiseRules[index], closes[lane].vix >= monetise.rule.vixAtLeast else { continue }
                workspaces[lane].hedges[index].monetise(
                    monetise.rule, day: day, vix: closes[lane].vix, costs: monetise.costs, execution: monetise.execution
                ) {
                    position, _ in sales.mid(lane: lane, strategy: index, position: position)
                }
            }
        }
    }

    /// Step 3 of a close on a cycle day: the condor opens (`condor`, struck and
    /// priced on `slice`, nil while the last one is open), then each hedge
    /// starts its cycle: a VIX-call ladder orders its scheduled layers (in
    /// `orders`, as path `lane` of its group, filled by `fill`), VXTH buys its roll.
    func openCycle(
        _ close: MarketClose, slice: SPXSmileSlice, condor: IronCondor?, workspace: inout Workspace, lane: Int,
        orders: inout PurchaseOrders
    ) {
        let day = close.day
        let cycle = cycleNumbers[day]
        let credit =
            workspace.condor.open(
                priced: condor, slice: slice, equity: condorAccount(close, condor: workspace.condor),
                realisedVolatility: workspace.signals.realisedVolatility20) ?? 0
        let condorVega = budgetsOnVega ? workspace.condor.position.map { abs($0.vega(slice)) * $0.contracts } ?? 0 : 0
        for index in 0..<cyclePurchases.strategies.count {
            let plan = cyclePurchases.strategies[index]
            switch plan.kind {
            case .none:
                break
            case .vixCalls:
                let budget = plan.budget(credit: credit, condorVega: condorVega)
                workspace.hedges[index].startCycle(cycle, budget: budget)
                for layer in plan.layers {
                    guard let order = cyclePurchases.layers[layer].scheduledOrder(cycle: cycle, budget: budget, of: plan),
                        order.isFillable
                    else { continue }
                    // A package's two options, futures, ETN units and SPX puts are chosen and priced one at a time.
                    if !order.instrument.isSingleOption {
                        workspace.hedges[index].buy(order, day: day, quotes: &workspace.quotes, close: close)
                    } else {
                        orders.add(order, lane: lane, strategy: index, close: close)
                    }
                }
            case .vxth:
                guard case .vxth(let hedge) = configuration.strategies[index].hedge else { continue }
                let mark = workspace.hedges[index].mark(day: day, quotes: &workspace.quotes)
                let equity = workspace.hedges[index].equity(
                    condorAccount: condorAccount(close, condor: workspace.condor), mark: mark)
                let front = workspace.quotes.quote(remainingDays: hedge.expiryDays).future
                workspace.hedges[index].buy(
                    hedge.order(frontFuture: front, equity: equity, credit: credit), day: day, quotes: &workspace.quotes)
            }
        }
    }

    /// Fills the orders of a group's paths (`workspaces[entry.lane]`), priced together.
    func fill<Engine: VIXPricingEngine>(
        _ orders: inout PurchaseOrders, day: Int, workspaces: UnsafeMutableBufferPointer<Workspace>, engine: inout Engine
    ) {
        guard !orders.isEmpty else { return }
        for row in orders.entries.indices {
            checkMaturity(expiryDay: orders.calls.expiryDay(row), day: day, engine: engine)
        }
        orders.price(day: day, engine: &engine)
        for (row, entry) in orders.entries.enumerated() {
            workspaces[entry.lane].hedges[entry.strategy].fill(
                entry.order, strike: orders.calls.strike(row), premium: orders.calls.price(row), day: day)
        }
    }

    /// Step 3b of a close: the layers bought by their VIX level.
    func activateLayers(_ close: MarketClose, workspace: inout Workspace) {
        for slot in 0..<activatingStrategies.count {
            workspace.hedges[activatingStrategies[slot]].activate(activatingHedges[slot], close: close, quotes: &workspace.quotes)
        }
    }

    /// Step 4 of a close: trigger and vega-band checks.
    func checkHedges(_ close: MarketClose, workspace: inout Workspace) {
        guard close.day > 0 else { return }
        for slot in 0..<checkingStrategies.count {
            check(hedgeSlot: slot, index: checkingStrategies[slot], close: close, workspace: &workspace)
        }
    }

    /// A layered hedge's day: it notes the signals; on a check day its
    /// triggers and vega band may buy (`LadderChecks`).
    func check(hedgeSlot: Int, index: Int, close: MarketClose, workspace: inout Workspace) {
        let day = close.day
        // Only the rebalance rule is read on ordinary days (in place: no copy of the hedge's arrays).
        let rebalance = checkingHedges[hedgeSlot].rebalance
        let breadth = workspace.signals.breadthIndex
        workspace.hedges[index].note(
            crossover: workspace.signals.vixMACD.bullishCrossover, divergence: workspace.signals.bearishDivergence)
        guard rebalance.isCheck(day: day, breadth: breadth, lastCheckBreadth: workspace.hedges[index].lastCheckBreadth) else {
            return
        }
        let hedge = checkingHedges[hedgeSlot]
        let readings = workspace.hedges[index].readings(vix: close.vix, signals: workspace.signals)
        workspace.hedges[index].fireTriggers(hedge, readings: readings, close: close, quotes: &workspace.quotes)
        if let rule = hedge.vegaNeutral, rule.layer < hedge.layers.count,
            let condor = workspace.condor.vixSensitivity(close)
        {
            workspace.hedges[index].balanceVega(
                hedge, rule: rule, condorSensitivity: condor.dollars, bumpedVariance: condor.bumpedVariance, day: day,
                quotes: &workspace.quotes)
        }
        workspace.hedges[index].endCheck(vix: close.vix, breadth: breadth)
    }

    /// A call expiring on `expiryDay` can be priced on `day` by `engine` (its tables reach that far).
    @inline(__always)
    func checkMaturity<Engine: VIXPricingEngine>(expiryDay: Int, day: Int, engine: Engine) {
        precondition(
            expiryDay >= day && expiryDay - day <= engine.longestMaturity,
            "VIX call expiring on day \(expiryDay) priced on day \(day)")
    }
}
