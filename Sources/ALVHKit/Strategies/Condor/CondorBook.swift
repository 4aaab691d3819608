import Foundation

/// The condor side of a path's account, shared by every strategy of a run
/// (all strategies trade the identical condor on the same path): the open
/// condor, the cash its trades moved, and its bookkeeping. One condor is open
/// at a time.
struct CondorBook {
    let spec: IronCondorSpec
    /// The open condor, if any.
    var position: IronCondor? { didSet { revision &+= 1 } }
    /// Counts changes of `position` (never decreases): a lockstep group lays
    /// out its marks again only when a path's revisions moved (`MarkPlan`).
    private(set) var revision = 0
    /// Cash moved by condor trades (dollars, from 0 at the start).
    var cash = 0.0
    /// Cycles not opened, by reason.
    var skipped = SkippedCycles()
    /// Early closes, side closes, rolls and shrunk opens.
    var adjustments = 0
    /// The SPX level today's expiring condor settles at when it is not the
    /// close (NaN): a replay of SPX monthly options sets the day's opening
    /// level, the proxy of their AM settlement (the Special Opening Quotation).
    var openingSettlement = Double.nan
    /// Whether the open condor came from a roll (so it may run past a cycle's start).
    private(set) var rolled = false

    init(spec: IronCondorSpec) {
        self.spec = spec
    }

    mutating func reset() {
        position = nil
        cash = 0
        skipped = SkippedCycles()
        adjustments = 0
        openingSettlement = .nan
        rolled = false
    }

    /// Whether a cycle starting at `close` first closes the open condor: a
    /// rolled one, under a tested-side rule that reopens on the cycle.
    func closesForCycle() -> Bool {
        rolled && position != nil && spec.management.testedSide?.reopenOnCycle == true
    }

    /// Closes a rolled condor at the start of a cycle (`closesForCycle`), at its mid on `close`'s smile.
    mutating func closeForCycle(_ close: MarketClose) {
        guard closesForCycle(), let slice = slice(close), let condor = position else { return }
        self.close(value: condor.value(slice))
    }

    /// Dollars of costs to trade `legs` legs of the open condor.
    func costs(legs: Int, contracts: Double) -> Double {
        Double(legs) * spec.costs.dollars(contracts: contracts, multiplier: optionMultiplier)
    }

    /// Settles an expiring condor at intrinsic value on `spot` (no costs).
    mutating func settle(day: Int, spot: Double) {
        guard let condor = position, condor.expiryDay == day else { return }
        cash += condor.settlementValue(spot: spot) * condor.contracts * optionMultiplier
        position = nil
    }

    /// Settles an expiring condor at `close`'s spot, or at the opening level
    /// a replay set for the day (computed only on an expiry day).
    @inline(__always)
    mutating func settle(day: Int, close: MarketClose) {
        guard position?.expiryDay == day else { return }
        settle(day: day, spot: openingSettlement.isNaN ? close.spot : openingSettlement)
        openingSettlement = .nan
    }

    /// Closes the open condor at mid `value` (points per condor), paying costs on its open legs.
    mutating func close(value: Double) {
        guard let condor = position else { return }
        cash += value * condor.contracts * optionMultiplier - costs(legs: condor.openLegs, contracts: condor.contracts)
        position = nil
        adjustments += 1
    }

    /// The pricing slice of the open condor at a close.
    func slice(_ close: MarketClose) -> SPXSmileSlice? {
        position.map { close.slice(expiryDay: $0.expiryDay) }
    }

    /// Applies the management rules to a condor that is not expiring today:
    /// the tested-side rule first, then take-profit, then stop-loss.
    mutating func manage(_ market: MarketClose, signals: MarketSignals) {
        let rules = spec.management
        guard rules.testedSide != nil || rules.takeProfitFraction != nil || rules.stopLossMultiple != nil else { return }
        let spot = market.spot
        guard var condor = position, condor.expiryDay > market.day, let slice = slice(market) else { return }
        if let rule = rules.testedSide {
            let putTested = condor.putSideOpen && spot <= condor.shortPut - rule.fraction * (condor.shortPut - condor.longPut)
            let callTested = condor.callSideOpen && spot >= condor.shortCall + rule.fraction * (condor.longCall - condor.shortCall)
            if putTested || callTested {
                let spikeLikelyToFade =
                    (signals.vixRSI.value ?? 50) > rule.rollWhenVIXRSIAbove
                    && signals.realisedVolatility20 < slice.atmVolatility
                if spikeLikelyToFade {
                    roll(market, by: rule.rollDays, slice: slice)
                } else {
                    let sideValue = putTested ? condor.putSpreadValue(slice) : condor.callSpreadValue(slice)
                    cash += sideValue * condor.contracts * optionMultiplier - costs(legs: 2, contracts: condor.contracts)
                    if putTested { condor.putSideOpen = false } else { condor.callSideOpen = false }
                    position = condor.openLegs > 0 ? condor : nil
                    adjustments += 1
                }
                return
            }
        }
        let value = condor.value(slice)
        let costToClose = -value
        if let fraction = rules.takeProfitFraction, costToClose <= (1 - fraction) * condor.credit {
            close(value: value)
        } else if let multiple = rules.stopLossMultiple, costToClose >= multiple * condor.credit {
            close(value: value)
        }
    }

    /// Closes the condor and opens a new one `days` trading days further out, same size.
    mutating func roll(_ marketClose: MarketClose, by days: Int, slice: SPXSmileSlice) {
        guard let old = position else { return }
        close(value: old.value(slice))
        let expiry = old.expiryDay + days
        let newSlice = marketClose.slice(expiryDay: expiry)
        let condor = IronCondor.open(spec, slice: newSlice, expiryDay: expiry, contracts: old.contracts)
        guard condor.credit > 0 else { return }
        cash += condor.credit * condor.contracts * optionMultiplier - costs(legs: 4, contracts: condor.contracts)
        position = condor
        rolled = true
    }

    /// Opens a cycle's condor on `slice` (priced for the condor's maturity).
    /// - Parameters:
    ///   - equity: the condor account's equity (dollars), for equity-at-risk sizing.
    ///   - realisedVolatility: 20-day realised volatility, for the shrink rule.
    /// - Returns: the net mid credit in dollars, or nil when the cycle was skipped.
    mutating func open(day: Int, slice: SPXSmileSlice, equity: Double, realisedVolatility: Double) -> Double? {
        guard position == nil else {
            skipped.whileOpen += 1
            return nil
        }
        let condor = IronCondor.open(spec, slice: slice, expiryDay: day + spec.daysToExpiry, contracts: 1)
        return open(priced: condor, slice: slice, equity: equity, realisedVolatility: realisedVolatility)
    }

    /// The same, with the cycle's condor already struck and priced (one
    /// contract, its credit its mid value), or nil when one is still open.
    mutating func open(priced: IronCondor?, slice: SPXSmileSlice, equity: Double, realisedVolatility: Double) -> Double? {
        guard position == nil, var condor = priced else {
            skipped.whileOpen += 1
            return nil
        }
        let risk = condor.width - condor.credit
        if condor.credit <= 0 || (risk > 0 && condor.credit / risk < spec.minimumCreditToRisk) {
            skipped.byCredit += 1
            return nil
        }
        switch spec.sizing {
        case .contracts(let contracts):
            condor.contracts = contracts
        case .equityAtRisk(let fraction):
            condor.contracts = (fraction * equity / (max(risk, 1e-9) * optionMultiplier)).rounded(.down)
        }
        if let shrink = spec.management.shrink, realisedVolatility > (1 + shrink.realisedOverImplied) * slice.atmVolatility {
            condor.contracts *= shrink.factor
            adjustments += 1
        }
        guard condor.contracts > 0 else {
            skipped.bySize += 1
            return nil
        }
        let dollars = condor.credit * condor.contracts * optionMultiplier
        cash += dollars - costs(legs: 4, contracts: condor.contracts)
        position = condor
        rolled = false
        return dollars
    }

    /// Credits a day's interest at `growth` (`e^(r/252) - 1`) on the shared
    /// account's cash: the starting equity and the condor's cash (dollars).
    @inline(__always)
    mutating func accrueInterest(startingEquity: Double, growth: Double) {
        cash += (startingEquity + cash) * growth
    }

    /// The condor side of every strategy's account (dollars): starting equity
    /// plus the condor's cash and its mid value `mark`.
    func account(startingEquity: Double, mark: Double) -> Double {
        startingEquity + cash + mark
    }

    /// The open condor's change in mid value (dollars) when spot VIX at
    /// `close` is one point higher, and the variance that bump means (nil with no condor open).
    func vixSensitivity(_ close: MarketClose) -> (dollars: Double, bumpedVariance: Double)? {
        guard let condor = position, let slice = slice(close) else { return nil }
        let bumped = close.variance(forVIX: close.vix + 1)
        let bumpedSlice = close.slice(expiryDay: condor.expiryDay, variance: bumped)
        return ((condor.value(bumpedSlice) - condor.value(slice)) * condor.contracts * optionMultiplier, bumped)
    }

    /// Mid value of the open condor (dollars).
    func mark(_ slice: SPXSmileSlice) -> Double {
        guard let condor = position else { return 0 }
        return condor.value(slice) * condor.contracts * optionMultiplier
    }
}

extension IronCondor {
    /// A condor with `spec`'s strikes on `slice`, its credit the mid value.
    static func open(_ spec: IronCondorSpec, slice: SPXSmileSlice, expiryDay: Int, contracts: Double) -> IronCondor {
        var condor = struck(spec, slice: slice, expiryDay: expiryDay, contracts: contracts)
        condor.credit = -condor.value(slice)
        return condor
    }

    /// A condor with `spec`'s strikes on `slice`, not yet priced (credit 0).
    static func struck(_ spec: IronCondorSpec, slice: SPXSmileSlice, expiryDay: Int, contracts: Double) -> IronCondor {
        let strikes = strikes(spec, slice: slice)
        return IronCondor(
            longPut: strikes.longPut, shortPut: strikes.shortPut, shortCall: strikes.shortCall,
            longCall: strikes.longCall, expiryDay: expiryDay, contracts: contracts, credit: 0)
    }
}
