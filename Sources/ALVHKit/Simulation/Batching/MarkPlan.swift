/// Which rows of a lockstep group's `OptionBatch` hold which path's options.
///
/// A path's books change on few days (condor cycles, expiries, rule-driven
/// trades); on the other days its open options are the same as the day
/// before and only their day-varying inputs (forward, variance, discount) are
/// rewritten in place. The rows are laid out again, for the whole group,
/// whenever a path's books moved (their `revision`s) or the group changed.
/// One per worker, kept with the group's batch.
struct MarkPlan {
    /// One path of the group.
    struct Lane {
        /// The books' revision the rows were laid out for (`Workspace.revision`).
        var revision = -1
        /// The condor's row, or -1 with no condor open; its expiry day, open sides and contracts.
        var condorRow = -1
        var condorExpiry = 0
        var putSideOpen = false
        var callSideOpen = false
        var contracts = 0.0
        /// The path's first VIX-call row.
        var firstCall = 0
    }

    private(set) var lanes: [Lane] = []
    /// Per path and strategy (path-major): one past the strategy's last VIX-call row.
    private(set) var callEnds: [Int] = []
    /// Per VIX-call row: its contracts.
    private(set) var callQuantities: [Double] = []
    /// Strategies per path.
    private(set) var strategies = 0

    /// Forgets the layout, to lay out `count` paths afresh, path after path.
    mutating func reset(count: Int, strategies: Int) {
        self.strategies = strategies
        lanes.removeAll(keepingCapacity: true)
        lanes.reserveCapacity(count)
        callEnds.removeAll(keepingCapacity: true)
        callQuantities.removeAll(keepingCapacity: true)
    }

    /// Starts the next path's layout, at the current end of the VIX-call rows.
    mutating func beginLane(revision: Int) {
        lanes.append(Lane(revision: revision, firstCall: callQuantities.count))
    }

    /// The current path's open condor is at `row`.
    mutating func setCondor(row: Int, _ condor: IronCondor) {
        let lane = lanes.count - 1
        lanes[lane].condorRow = row
        lanes[lane].condorExpiry = condor.expiryDay
        lanes[lane].putSideOpen = condor.putSideOpen
        lanes[lane].callSideOpen = condor.callSideOpen
        lanes[lane].contracts = condor.contracts
    }

    /// The current path's next VIX call (rows in order: strategy after strategy, each book's positions in order).
    mutating func addCall(quantity: Double) { callQuantities.append(quantity) }

    /// Ends the current path's current strategy.
    mutating func endStrategy() { callEnds.append(callQuantities.count) }

    /// The VIX-call rows of `strategy` of path `lane`.
    @inline(__always)
    func calls(lane: Int, strategy: Int) -> Range<Int> {
        let index = lane &* strategies &+ strategy
        return (strategy == 0 ? lanes[lane].firstCall : callEnds[index &- 1])..<callEnds[index]
    }
}
