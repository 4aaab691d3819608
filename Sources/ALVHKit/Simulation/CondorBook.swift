/// The condor side of a path's account, shared by every strategy of a run
/// (all strategies trade the identical condor on the same path): the open
/// condor, the cash its trades moved, and its bookkeeping.
struct CondorBook {
    let spec: IronCondorSpec
    /// The open condor, if any.
    var position: IronCondor?
    /// Cash moved by condor trades (dollars, from 0 at the start).
    var cash = 0.0
    /// Cycles skipped by the credit-to-risk filter.
    var skippedCycles = 0
    /// Early closes by management rules.
    var adjustments = 0

    init(spec: IronCondorSpec) {
        self.spec = spec
    }

    mutating func reset() {
        position = nil
        cash = 0
        skippedCycles = 0
        adjustments = 0
    }

    /// Dollars per point of one condor (`contracts x 100`).
    var dollarsPerPoint: Double { (position?.contracts ?? spec.contracts) * optionMultiplier }

    /// Settles an expiring condor at intrinsic value on `spot` (no costs).
    mutating func settle(day: Int, spot: Double) {
        guard let condor = position, condor.expiryDay == day else { return }
        let value =
            OptionKind.put.intrinsic(underlying: spot, strike: condor.longPut)
            + OptionKind.call.intrinsic(underlying: spot, strike: condor.longCall)
            - OptionKind.put.intrinsic(underlying: spot, strike: condor.shortPut)
            - OptionKind.call.intrinsic(underlying: spot, strike: condor.shortCall)
        cash += value * condor.contracts * optionMultiplier
        position = nil
    }

    /// Closes the open condor at mid `value` (points per condor) paying costs on its four legs.
    mutating func close(value: Double) {
        guard let condor = position else { return }
        cash += value * condor.contracts * optionMultiplier
        cash -= 4 * spec.costs.dollars(contracts: condor.contracts, multiplier: optionMultiplier)
        position = nil
        adjustments += 1
    }

    /// Applies take-profit and stop-loss rules to a condor that is not expiring today.
    mutating func manage(day: Int, slice: SPXSmileSlice) {
        guard let condor = position, condor.expiryDay > day else { return }
        let rules = spec.management
        let value = condor.value(slice)
        let costToClose = -value
        if let fraction = rules.takeProfitFraction, costToClose <= (1 - fraction) * condor.credit {
            close(value: value)
        } else if let multiple = rules.stopLossMultiple, costToClose >= multiple * condor.credit {
            close(value: value)
        }
    }

    /// Opens a cycle's condor on `slice` (priced for the condor's maturity).
    /// - Returns: the net mid credit in dollars, or nil when the credit filter skipped the cycle.
    mutating func open(day: Int, slice: SPXSmileSlice) -> Double? {
        let strikes = IronCondor.strikes(spec, slice: slice)
        var condor = IronCondor(
            longPut: strikes.longPut, shortPut: strikes.shortPut, shortCall: strikes.shortCall,
            longCall: strikes.longCall, expiryDay: day + spec.daysToExpiry, contracts: spec.contracts, credit: 0)
        condor.credit = -condor.value(slice)
        let risk = condor.width - condor.credit
        if condor.credit <= 0 || (risk > 0 && condor.credit / risk < spec.minimumCreditToRisk) {
            skippedCycles += 1
            return nil
        }
        let dollars = condor.credit * condor.contracts * optionMultiplier
        cash += dollars - 4 * spec.costs.dollars(contracts: condor.contracts, multiplier: optionMultiplier)
        position = condor
        return dollars
    }

    /// Mid value of the open condor (dollars).
    func mark(_ slice: SPXSmileSlice) -> Double {
        guard let condor = position else { return 0 }
        return condor.value(slice) * condor.contracts * optionMultiplier
    }
}
