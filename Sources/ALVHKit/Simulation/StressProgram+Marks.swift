/// Step 5 of a close: every open option marked in a batch, and the equities.
extension StressProgram {
    /// Where a path's options sit in a batch, and the marks priced without it.
    struct PendingMarks {
        /// The condor's legs start at this SPX slot (when `condorOnKernels`).
        var firstLeg = 0
        var condorOnKernels = false
        /// The condor's mark (dollars) when not on the kernels.
        var condorMark = 0.0
        /// The path's VIX calls start at this index (when VIX is priced lognormally).
        var firstCall = 0
    }

    /// Appends every open option of the path at `close` to `batch`: the
    /// condor's legs (long then short, per open side) and every strategy's
    /// VIX calls in book order. With exact VIX pricing the hedges are marked
    /// here, one by one, into `workspace.exactHedgeMarks`.
    func appendMarks(_ close: MarketClose, workspace: inout Workspace, batch: inout OptionBatch) -> PendingMarks {
        let day = close.day
        var marks = PendingMarks()
        marks.firstLeg = batch.spxCount
        marks.firstCall = batch.vixCount
        if let condor = workspace.condor.position {
            let days = condor.expiryDay - day
            if days > 0 {
                marks.condorOnKernels = true
                let beta = close.pricers.pointee.smile.parameters.smileBeta
                let gamma = close.pricers.pointee.smile.parameters.smileGamma
                let f = maturityFactors.factors(regime: close.regime, days: days)
                let events = close.eventVariance(after: day, through: condor.expiryDay)
                let atmVariance = f.varianceIntercept + f.varianceSlope * close.variance + events
                let logForward = close.logSpot + f.logGrowth
                if condor.putSideOpen {
                    batch.appendSPX(
                        logForward: logForward, strike: condor.longPut, logStrike: condor.logStrikes[0],
                        atmVariance: atmVariance, discount: f.discount, sign: -1, beta: beta, gamma: gamma)
                    batch.appendSPX(
                        logForward: logForward, strike: condor.shortPut, logStrike: condor.logStrikes[1],
                        atmVariance: atmVariance, discount: f.discount, sign: -1, beta: beta, gamma: gamma)
                }
                if condor.callSideOpen {
                    batch.appendSPX(
                        logForward: logForward, strike: condor.longCall, logStrike: condor.logStrikes[3],
                        atmVariance: atmVariance, discount: f.discount, sign: 1, beta: beta, gamma: gamma)
                    batch.appendSPX(
                        logForward: logForward, strike: condor.shortCall, logStrike: condor.logStrikes[2],
                        atmVariance: atmVariance, discount: f.discount, sign: 1, beta: beta, gamma: gamma)
                }
            } else {
                marks.condorMark = workspace.condor.slice(close).map(workspace.condor.mark) ?? 0
            }
        }
        if configuration.vixPricing == .lognormal {
            let variance = close.variance
            let hasEvents = eventTable.count > 0
            for index in workspace.hedges.indices {
                for positionIndex in 0..<workspace.hedges[index].positions.count {
                    let position = workspace.hedges[index].positions[positionIndex]
                    let remaining = position.expiryDay - day
                    let f = maturityFactors.factors(regime: close.regime, days: remaining)
                    // The event variance VIX settling then includes (as VIXQuoteCache computes it).
                    let events = hasEvents ? eventTable.window(after: day + remaining, through: day + remaining + 21) : 0
                    batch.appendVIXCall(
                        meanSquare: f.vixMeanIntercept + f.vixMeanSlope * variance + 10_000 * events / VIXModel.horizon,
                        varianceOfSquare: f.vixVarianceIntercept + f.vixVarianceSlope * variance,
                        strike: position.strike, logStrike: position.logStrike, discount: f.discount)
                }
            }
        } else {
            for index in workspace.hedges.indices {
                workspace.exactHedgeMarks[index] = workspace.hedges[index].mark(day: day, quotes: &workspace.quotes)
            }
        }
        return marks
    }

    /// Step 5 of a close, once `batch` is priced: each strategy's equity is
    /// starting equity plus the condor's cash and mid value plus its hedge
    /// cash and mid value (dollars).
    func recordEquities(day: Int, marks: PendingMarks, workspace: inout Workspace, batch: OptionBatch) {
        var condorMark = marks.condorMark
        if marks.condorOnKernels, let condor = workspace.condor.position {
            var value = 0.0
            for side in 0..<(condor.openLegs / 2) {
                let slot = marks.firstLeg + 2 * side
                value += batch.spxPrice(slot) - batch.spxPrice(slot + 1)
            }
            condorMark = value * condor.contracts * optionMultiplier
        }
        let condorAccount = configuration.startingEquity + workspace.condor.cash + condorMark
        let lognormal = configuration.vixPricing == .lognormal
        var call = marks.firstCall
        for index in workspace.hedges.indices {
            var hedgeMark = 0.0
            if lognormal {
                for positionIndex in 0..<workspace.hedges[index].positions.count {
                    let quantity = workspace.hedges[index].positions[positionIndex].quantity
                    hedgeMark += quantity * optionMultiplier * batch.vixCallPrice(call)
                    call += 1
                }
            } else {
                hedgeMark = workspace.exactHedgeMarks[index]
            }
            workspace.drawdowns[index].record(day: day, equity: condorAccount + workspace.hedges[index].cash + hedgeMark)
        }
    }
}
