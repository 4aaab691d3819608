/// The VIX calls a lockstep group's monetise rules may sell at a close:
/// every position (bought before today, not expiring today) of every
/// strategy whose rule's VIX level the close reached, priced together by the
/// run's engine; each book then applies its rule ("sell if the mid is at
/// least k times the entry") with these mids, in its own order. One per worker.
struct SaleCandidates {
    /// A candidate: its path, strategy and index among the book's positions.
    struct Candidate {
        var lane: Int
        var strategy: Int
        var position: Int
    }

    private(set) var candidates: [Candidate] = []
    /// The candidates' calls, one row per candidate.
    var calls = VIXCallColumns()
    /// Per lane and strategy, the row of its book's first candidate (-1 with none):
    /// a book's candidates are added together, so its rows start there.
    private var firstRows: [Int] = []
    private var strategies = 0

    var isEmpty: Bool { candidates.isEmpty }

    /// Forgets the last close's candidates; lanes `0 ..< count` of `strategies` strategies may add some.
    mutating func reset(lanes count: Int, strategies: Int) {
        candidates.removeAll(keepingCapacity: true)
        calls.reset(lanes: count)
        self.strategies = strategies
        firstRows.removeAll(keepingCapacity: true)
        firstRows.append(contentsOf: repeatElement(-1, count: count * strategies))
    }

    /// Adds `held`, position `candidate.position` of `candidate.strategy`'s book of
    /// lane `candidate.lane`, whose close is `close`. A book's candidates are added one after the other.
    mutating func add(_ candidate: Candidate, held: HedgePosition, close: MarketClose) {
        let book = candidate.lane * strategies + candidate.strategy
        if firstRows[book] < 0 { firstRows[book] = candidates.count }
        calls.setLane(candidate.lane, variance: close.variance, regime: close.regime)
        calls.append(
            lane: candidate.lane, expiryDay: held.expiryDay, strike: held.strike, logStrike: held.logStrike,
            kind: held.contract.optionKind ?? .call)
        candidates.append(candidate)
    }

    /// The mid (points) of `strategy`'s position `position` in lane `lane`, once priced.
    func mid(lane: Int, strategy: Int, position: Int) -> Double {
        var row = max(firstRows[lane * strategies + strategy], 0)
        while row < candidates.count {
            let candidate = candidates[row]
            if candidate.lane == lane && candidate.strategy == strategy && candidate.position == position {
                return calls.price(row)
            }
            row += 1
        }
        preconditionFailure("no monetise candidate for lane \(lane), strategy \(strategy), position \(position)")
    }
}
