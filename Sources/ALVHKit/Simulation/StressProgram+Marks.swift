/// Step 5 of a close: every open option marked in a batch, and the equities.
extension StressProgram {
    /// Where a path's options sit in a batch, and the marks priced without it.
    struct PendingMarks {
        /// The condor's index in the batch (when `condorOnKernels`), its open
        /// sides and its contracts, so that recording reads no book.
        var condor = 0
        var putSideOpen = false
        var callSideOpen = false
        var contracts = 0.0
        var condorOnKernels = false
        /// The condor's mark (dollars) when not on the kernels.
        var condorMark = 0.0
        /// The path's VIX calls start at this index (when VIX is priced lognormally).
        var firstCall = 0
    }

    /// Appends every open option of the path at `close` to `batch`: the
    /// condor (its four legs) and every strategy's
    /// VIX calls in book order. With exact VIX pricing the hedges are marked
    /// here, one by one, into `workspace.exactHedgeMarks`.
    func appendMarks(_ close: MarketClose, workspace: inout Workspace, batch: inout OptionBatch) -> PendingMarks {
        let day = close.day
        var marks = PendingMarks()
        marks.firstCall = batch.vixCount
        if let condor = workspace.condor.position {
            let days = condor.expiryDay - day
            if days > 0 {
                marks.condorOnKernels = true
                marks.putSideOpen = condor.putSideOpen
                marks.callSideOpen = condor.callSideOpen
                marks.contracts = condor.contracts
                let f = maturityFactors.factors(regime: close.regime, days: days)
                let events = close.eventVariance(after: day, through: condor.expiryDay)
                let smile = close.pricers.pointee.smile.parameters
                // Closed sides are priced too and left out of the value.
                marks.condor = batch.appendCondor(
                    logForward: close.logSpot + f.logGrowth,
                    atmVariance: f.varianceIntercept + f.varianceSlope * close.variance + events, discount: f.discount,
                    beta: smile.smileBeta, gamma: smile.smileGamma,
                    strikes: condor.legStrikes, logStrikes: condor.legLogStrikes)
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
        if marks.condorOnKernels {
            let legs = batch.condorPrices(marks.condor)
            var value = 0.0
            if marks.putSideOpen { value += legs[0] - legs[1] }
            if marks.callSideOpen { value += legs[2] - legs[3] }
            condorMark = value * marks.contracts * optionMultiplier
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
