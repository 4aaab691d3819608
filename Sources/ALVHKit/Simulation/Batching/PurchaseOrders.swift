/// The VIX calls a lockstep group's books order on a close (a cycle's
/// scheduled layers), priced together by the run's engine: each path's books
/// state their orders, then one pass chooses every strike by its rule from
/// the future of its expiry and prices the calls, then the orders are filled
/// path by path in the order they were given. A strategy's purchases depend
/// only on its budget and the market, never on another strategy's, so
/// filling them after all orders changes nothing but where the prices are
/// computed. One per worker.
struct PurchaseOrders {
    /// One order and whose it is.
    struct Entry {
        var lane: Int
        var strategy: Int
        var order: VIXCallOrder
    }

    private(set) var entries: [Entry] = []
    /// The ordered calls, one row per entry.
    var calls = VIXCallColumns()

    var isEmpty: Bool { entries.isEmpty }

    /// Forgets the last close's orders; lanes `0 ..< count` may order.
    mutating func reset(lanes count: Int) {
        entries.removeAll(keepingCapacity: true)
        calls.reset(lanes: count)
    }

    /// Adds `order` of `strategy`'s book in lane `lane`, whose close on `day` is `close`.
    mutating func add(_ order: VIXCallOrder, lane: Int, strategy: Int, close: MarketClose) {
        calls.setLane(lane, variance: close.variance, regime: close.regime)
        calls.append(lane: lane, expiryDay: close.day + order.expiryDays, kind: order.optionKind)
        entries.append(Entry(lane: lane, strategy: strategy, order: order))
    }

    /// Chooses every order's strike and prices its call on `day` with `engine`.
    mutating func price<Engine: VIXPricingEngine>(day: Int, engine: inout Engine) {
        guard !isEmpty else { return }
        let entries = entries
        engine.price(&calls, day: day) { row, future, totalVolatility in
            entries[row].order.strike(future: future, totalVolatility: totalVolatility)
        }
    }
}
