/// The VIX calls a lockstep group's monetise rules may sell at a close,
/// priced together on the vector kernels (as the daily marks price them)
/// instead of one by one: every candidate position (bought before today, not
/// expiring today) of every strategy whose rule's VIX level the close
/// reached. Each book then applies its rule with these mids, in its own order.
/// Lognormal VIX pricing only. One per worker.
struct MonetiseBatch {
    /// A candidate: its path, strategy and index among the book's positions.
    struct Candidate {
        var lane: Int
        var strategy: Int
        var position: Int
    }

    private(set) var candidates: [Candidate] = []
    private(set) var calls = VIXCallRows()

    var isEmpty: Bool { candidates.isEmpty }

    /// Forgets the last close's candidates; lanes `0 ..< count` may add some.
    mutating func reset(lanes count: Int) {
        candidates.removeAll(keepingCapacity: true)
        calls.reset(lanes: count)
    }

    /// Adds `held`, position `candidate.position` of `candidate.strategy`'s book of
    /// lane `candidate.lane` (a close with `variance`, regime factors from row `factorRow`).
    mutating func add(_ candidate: Candidate, held: VIXCallPosition, variance: Double, factorRow: Int) {
        calls.setLane(candidate.lane, variance: variance, factorRow: factorRow)
        calls.append(lane: candidate.lane, expiryDay: held.expiryDay, strike: held.strike, logStrike: held.logStrike)
        candidates.append(candidate)
    }

    /// Prices every candidate on `day`.
    mutating func price(day: Int, factors: MaturityFactors, events: EventTable, tier: KernelTier) {
        calls.fillInputs(day: day, factors: factors, events: events)
        calls.price(tier: tier)
    }

    /// The mid (points) of `strategy`'s position `position` in lane `lane`, among the candidates from `first`.
    func mid(lane: Int, strategy: Int, position: Int, from first: Int) -> Double {
        var row = first
        while row < candidates.count {
            let candidate = candidates[row]
            if candidate.lane == lane && candidate.strategy == strategy && candidate.position == position {
                return calls.prices[row]
            }
            row += 1
        }
        preconditionFailure("no monetise candidate for lane \(lane), strategy \(strategy), position \(position)")
    }
}
