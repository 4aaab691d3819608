/// Step 5 of a close: every open option of a lockstep group marked together
/// (the condors on the condor kernel, the VIX calls by the run's engine), and
/// the equities.
///
/// The rows stay laid out while no path's books change (`MarkPlan`): on most
/// days only the rows' day-varying inputs are rewritten.
extension StressProgram {
    /// Marks paths `0 ..< count` at their closes (after their trades): lays
    /// the rows out again when a path's books changed, writes every row's
    /// inputs for the day, then prices them.
    @inline(__always)
    func mark<Engine: VIXPricingEngine>(
        count: Int, closes: UnsafePointer<MarketClose>, workspaces: UnsafeMutableBufferPointer<Workspace>,
        group: inout GroupWorkspace, engine: inout Engine
    ) {
        let strategies = configuration.strategies.count
        var stale = layOutMarksEveryDay || group.plan.lanes.count != count || group.plan.strategies != strategies
        if !stale {
            for lane in 0..<count where group.plan.lanes[lane].revision != workspaces[lane].revision {
                stale = true
                break
            }
        }
        if stale {
            group.condors.reset()
            group.calls.reset(lanes: count)
            group.plan.reset(count: count, strategies: strategies)
            for lane in 0..<count {
                layOutMarks(
                    lane: lane, day: closes[lane].day, workspace: &workspaces[lane], plan: &group.plan,
                    condors: &group.condors, calls: &group.calls, engine: engine)
            }
        }
        for lane in 0..<count {
            fillMarks(lane: lane, close: closes[lane], plan: group.plan, condors: group.condors, calls: group.calls)
        }
        group.condors.price(tier: kernels, ssvi: ssviSmile)
        engine.price(&group.calls, day: closes[0].day)
    }

    /// Appends a path's open options to the group's rows (inputs written by
    /// `fillMarks`) and their layout to `plan`: the condor (its four legs;
    /// closed sides are priced too and left out of the value) and every
    /// strategy's VIX calls in book order.
    /// (`inout` only so that the workspace is read in place, not copied.)
    func layOutMarks<Engine: VIXPricingEngine>(
        lane: Int, day: Int, workspace: inout Workspace, plan: inout MarkPlan, condors: inout CondorLegColumns,
        calls: inout VIXCallColumns, engine: Engine
    ) {
        plan.beginLane(revision: workspace.revision)
        if let condor = workspace.condor.position {
            // An open condor is at least a day from expiry here: it settles on its expiry day, before the marks.
            let row = condors.append(
                logForward: 0, atmVariance: 0, discount: 0, shape1: 0, shape2: 0, strikes: condor.legStrikes,
                logStrikes: condor.legLogStrikes)
            plan.setCondor(row: row, condor)
        }
        for index in workspace.hedges.indices {
            // By index: iterating the array would retain and release it.
            for positionIndex in 0..<workspace.hedges[index].positions.count {
                let position = workspace.hedges[index].positions[positionIndex]
                // A future, settled at today's price in step 1, is worth nothing more at the
                // close; ETN units and SPX puts the book values itself (`HedgeBook.ownValue`).
                guard let kind = position.contract.optionKind else { continue }
                // Its remaining days only fall until it settles: within the engine's tables from now on.
                checkMaturity(expiryDay: position.expiryDay, day: day, engine: engine)
                calls.append(
                    lane: lane, expiryDay: position.expiryDay, strike: position.strike, logStrike: position.logStrike,
                    kind: kind)
                plan.addCall(quantity: position.quantity)
            }
            plan.endStrategy()
        }
    }

    /// Writes the day's inputs of path `lane`'s rows at `close`.
    @inline(__always)
    func fillMarks(lane: Int, close: MarketClose, plan: MarkPlan, condors: CondorLegColumns, calls: VIXCallColumns) {
        let day = close.day
        let regime = close.regime
        let layout = plan.lanes[lane]
        if layout.condorRow >= 0 {
            let f = maturityFactors.factors(regime: regime, days: layout.condorExpiry &- day)
            let events = close.eventVariance(after: day, through: layout.condorExpiry)
            let expected = f.varianceIntercept + f.varianceSlope * close.variance + events
            if ssviSmile {
                let shape = close.pricers.pointee.smile.ssviShape(expectedTotalVariance: expected)
                condors.setInputs(
                    layout.condorRow, logForward: close.logSpot + f.logGrowth, atmVariance: shape.atmVariance,
                    discount: f.discount, shape1: shape.shape1, shape2: shape.shape2)
            } else {
                let smile = close.pricers.pointee.smile.parameters
                condors.setInputs(
                    layout.condorRow, logForward: close.logSpot + f.logGrowth, atmVariance: expected,
                    discount: f.discount, shape1: smile.smileBeta, shape2: smile.smileGamma)
            }
        }
        calls.setLane(lane, variance: close.variance, regime: regime)
    }

    /// Step 5 of a close, once the rows are priced: each strategy's equity is
    /// the condor account (starting equity, condor cash and mid value) plus
    /// its hedge's cash and mid value (dollars).
    @inline(__always)
    func recordEquities(
        day: Int, lane: Int, workspace: inout Workspace, plan: MarkPlan, condors: CondorLegColumns, calls: VIXCallColumns
    ) {
        let condorAccount = workspace.condor.account(
            startingEquity: configuration.startingEquity, mark: condorMark(lane: lane, plan: plan, condors: condors))
        for index in workspace.hedges.indices {
            let hedgeMark = hedgeValue(lane: lane, strategy: index, workspace: workspace, plan: plan, calls: calls)
            workspace.drawdowns[index].record(
                day: day, equity: workspace.hedges[index].equity(condorAccount: condorAccount, mark: hedgeMark))
        }
    }

    /// The mid value (dollars) of path `lane`'s open condor, once its row is priced.
    @inline(__always)
    func condorMark(lane: Int, plan: MarkPlan, condors: CondorLegColumns) -> Double {
        let layout = plan.lanes[lane]
        guard layout.condorRow >= 0 else { return 0 }
        let value = IronCondor.value(
            legs: condors.legPrices(layout.condorRow), putSideOpen: layout.putSideOpen, callSideOpen: layout.callSideOpen)
        return value * layout.contracts * optionMultiplier
    }

    /// The value (dollars) of path `lane`'s hedge of `strategy`: its VIX
    /// options, once their rows are priced, and what its book values itself.
    @inline(__always)
    func hedgeValue(lane: Int, strategy: Int, workspace: borrowing Workspace, plan: MarkPlan, calls: VIXCallColumns) -> Double {
        let options = hedgeMark(lane: lane, strategy: strategy, plan: plan, calls: calls)
        return valuesOwnHoldings ? options + workspace.hedges[strategy].ownValue() : options
    }

    /// The mid value (dollars) of path `lane`'s VIX calls of `strategy`, once their rows are priced.
    @inline(__always)
    func hedgeMark(lane: Int, strategy: Int, plan: MarkPlan, calls: VIXCallColumns) -> Double {
        var mark = 0.0
        for row in plan.calls(lane: lane, strategy: strategy) {
            mark += plan.callQuantities[row] * optionMultiplier * calls.price(row)
        }
        return mark
    }
}
