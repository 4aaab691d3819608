/// Step 5 of a close: every open option of a lockstep group marked in one
/// batch, and the equities.
///
/// The batch's rows stay laid out while no path's books change (`MarkPlan`):
/// on most days only the rows' day-varying inputs are rewritten.
extension StressProgram {
    /// Prepares the marks of paths `0 ..< count` at their closes (after their
    /// trades): lays the rows out again when a path's books changed, then
    /// writes every row's inputs for the day.
    @inline(__always)
    func prepareMarks(
        count: Int, closes: UnsafePointer<MarketClose>, workspaces: UnsafeMutableBufferPointer<Workspace>,
        plan: inout MarkPlan, batch: inout OptionBatch
    ) {
        let strategies = configuration.strategies.count
        var stale = layOutMarksEveryDay || plan.lanes.count != count || plan.strategies != strategies
        if !stale {
            for lane in 0..<count where plan.lanes[lane].revision != workspaces[lane].revision {
                stale = true
                break
            }
        }
        if stale {
            batch.reset()
            batch.reserveLanes(count)
            plan.reset(count: count, strategies: strategies)
            for lane in 0..<count {
                layOutMarks(lane: lane, day: closes[lane].day, workspace: &workspaces[lane], plan: &plan, batch: &batch)
            }
        }
        for lane in 0..<count {
            fillMarks(lane: lane, close: closes[lane], workspace: &workspaces[lane], plan: plan, batch: batch)
        }
        if configuration.vixPricing == .lognormal {
            batch.fillVIXCallInputs(day: closes[0].day, factors: maturityFactors, events: market.eventTable)
        }
    }

    /// Appends a path's open options to `batch` (inputs written by `fillMarks`)
    /// and their layout to `plan`: the condor (its four legs; closed sides are
    /// priced too and left out of the value) and, with lognormal VIX pricing,
    /// every strategy's VIX calls in book order.
    /// (`inout` only so that the workspace is read in place, not copied.)
    func layOutMarks(lane: Int, day: Int, workspace: inout Workspace, plan: inout MarkPlan, batch: inout OptionBatch) {
        plan.beginLane(revision: workspace.revision)
        if let condor = workspace.condor.position {
            // An open condor is at least a day from expiry here: it settles on its expiry day, before the marks.
            let row = batch.appendCondor(
                logForward: 0, atmVariance: 0, discount: 0, beta: 0, gamma: 0, strikes: condor.legStrikes,
                logStrikes: condor.legLogStrikes)
            plan.setCondor(row: row, condor)
        }
        let lognormal = configuration.vixPricing == .lognormal
        for index in workspace.hedges.indices {
            if lognormal {
                // By index: iterating the array would retain and release it.
                for positionIndex in 0..<workspace.hedges[index].positions.count {
                    let position = workspace.hedges[index].positions[positionIndex]
                    // Its remaining days only fall until it settles: within the factor table from now on.
                    precondition(
                        position.expiryDay >= day && position.expiryDay - day <= maturityFactors.maxDays,
                        "VIX call expiring on day \(position.expiryDay) marked on day \(day)")
                    batch.appendVIXCall(
                        strike: position.strike, logStrike: position.logStrike, expiryDay: position.expiryDay, lane: lane)
                    plan.addCall(quantity: position.quantity)
                }
            }
            plan.endStrategy()
        }
    }

    /// Writes the day's inputs of path `lane`'s rows at `close`; with exact VIX
    /// pricing, marks its hedges one by one into `workspace.exactHedgeMarks`.
    @inline(__always)
    func fillMarks(lane: Int, close: MarketClose, workspace: inout Workspace, plan: MarkPlan, batch: OptionBatch) {
        let day = close.day
        let regime = close.regime
        let layout = plan.lanes[lane]
        if layout.condorRow >= 0 {
            let f = maturityFactors.factors(regime: regime, days: layout.condorExpiry &- day)
            let events = close.eventVariance(after: day, through: layout.condorExpiry)
            let smile = close.pricers.pointee.smile.parameters
            batch.setCondorInputs(
                layout.condorRow, logForward: close.logSpot + f.logGrowth,
                atmVariance: f.varianceIntercept + f.varianceSlope * close.variance + events, discount: f.discount,
                beta: smile.smileBeta, gamma: smile.smileGamma)
        }
        if configuration.vixPricing == .lognormal {
            // The VIX calls' inputs are written for all lanes at once (`OptionBatch.fillVIXCallInputs`).
            batch.setLane(lane, variance: close.variance, factorRow: maturityFactors.firstRow(regime: regime))
        } else {
            for index in workspace.hedges.indices {
                workspace.exactHedgeMarks[index] = workspace.hedges[index].mark(day: day, quotes: &workspace.quotes)
            }
        }
    }

    /// Step 5 of a close, once `batch` is priced: each strategy's equity is
    /// starting equity plus the condor's cash and mid value plus its hedge
    /// cash and mid value (dollars).
    @inline(__always)
    func recordEquities(day: Int, lane: Int, workspace: inout Workspace, plan: MarkPlan, batch: OptionBatch) {
        let layout = plan.lanes[lane]
        var condorMark = 0.0
        if layout.condorRow >= 0 {
            let legs = batch.condorPrices(layout.condorRow)
            var value = 0.0
            if layout.putSideOpen { value += legs[0] - legs[1] }
            if layout.callSideOpen { value += legs[2] - legs[3] }
            condorMark = value * layout.contracts * optionMultiplier
        }
        let condorAccount = configuration.startingEquity + workspace.condor.cash + condorMark
        let lognormal = configuration.vixPricing == .lognormal
        for index in workspace.hedges.indices {
            var hedgeMark = 0.0
            if lognormal {
                for row in plan.calls(lane: lane, strategy: index) {
                    hedgeMark += plan.callQuantities[row] * optionMultiplier * batch.vixCallPrice(row)
                }
            } else {
                hedgeMark = workspace.exactHedgeMarks[index]
            }
            workspace.drawdowns[index].record(day: day, equity: condorAccount + workspace.hedges[index].cash + hedgeMark)
        }
    }
}
