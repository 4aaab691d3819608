/// The condors a lockstep group's paths open on a cycle day: struck path by
/// path on each path's slice, then priced together on the condor kernel (as
/// `IronCondor.value` prices one: the same kernel lanes, the same bits).
/// One per worker, reused cycle after cycle.
struct CondorOpens {
    /// Per lane: its slice for the new condor's maturity, and the condor it
    /// opens (one contract, its credit the mid value), nil when its last condor is still open.
    private(set) var slices: [SPXSmileSlice] = []
    private(set) var condors: [IronCondor?] = []
    private var rows: [Int] = []
    private var batch = CondorLegColumns()

    /// Forgets the last cycle's condors.
    mutating func reset() {
        slices.removeAll(keepingCapacity: true)
        condors.removeAll(keepingCapacity: true)
        rows.removeAll(keepingCapacity: true)
        batch.reset()
    }

    /// The next lane's slice, and the condor it would open there (unpriced), if any.
    mutating func propose(slice: SPXSmileSlice, condor: IronCondor?) {
        slices.append(slice)
        condors.append(condor)
        guard let condor, slice.maturity > 0 else {
            rows.append(-1)
            return
        }
        let inputs = slice.condorKernelInputs
        rows.append(
            batch.append(
                logForward: inputs.logForward, atmVariance: inputs.atmVariance, discount: inputs.discount,
                shape1: inputs.shape1, shape2: inputs.shape2, strikes: condor.legStrikes, logStrikes: condor.legLogStrikes))
    }

    /// Prices every proposed condor: its credit becomes minus its mid value.
    mutating func price(tier: KernelTier) {
        batch.price(tier: tier, ssvi: slices.first?.isSSVI ?? false)
        for lane in condors.indices {
            guard var condor = condors[lane] else { continue }
            condor.credit = rows[lane] >= 0 ? -condor.value(legs: batch.legPrices(rows[lane])) : -condor.value(slices[lane])
            condors[lane] = condor
        }
    }
}
