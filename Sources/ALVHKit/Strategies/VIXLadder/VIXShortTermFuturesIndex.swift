/// The S&P 500 VIX Short-Term Futures Index (excess return), the index VXX
/// and most VIX ETNs track: a long position in the first two monthly VX
/// futures, rolled a little every day from the first into the second so
/// that its weighted maturity stays about one month (S&P Dow Jones Indices,
/// "S&P VIX Futures Indices Methodology").
///
/// A roll period runs from the trading day before one monthly settlement to
/// the day before the next. At the close of day `t` the index holds weight
/// `w1 = dr / dt` of the contract settling next (`S`, the first settlement
/// after `t`) and `1 - w1` of the one after it, where `dt` is the roll
/// period's length in trading days and `dr = S - 1 - t` the days left in it
/// after `t`; so on the day before a settlement everything is in the second
/// contract and the index never holds a contract on its settlement day. Its
/// daily return is `sum(w_i(t-1) F_i(t)) / sum(w_i(t-1) F_i(t-1)) - 1`, the
/// weights of the previous close on both days.
///
/// Futures are the run's (the model's, or the real curve's in a replay),
/// read through `future(remainingDays)`. A simulated path has no calendar:
/// its settlements fall every 21 trading days from day 21; a replay gives
/// the real VIX expirations.
public struct VIXShortTermFuturesIndex: Sendable, Hashable {
    /// Trading days between settlements on a simulated path (a month).
    public static let monthDays = 21

    /// The index level (points, 100 at the first close).
    public private(set) var level = 100.0
    /// The index's growth over the last close, `level_t / level_(t-1)` (1 at the first).
    public private(set) var growth = 1.0
    /// The settlement days, ascending (the real calendar in a replay; nil: every `monthDays` from `monthDays`).
    let settlementDays: [Int]?
    /// Held since the last close: the two contracts' settlement days, the first's weight, and their weighted price.
    private(set) var front = 0
    private(set) var second = 0
    private(set) var frontWeight = 1.0
    private var weightedPrice = 0.0

    /// - Parameter settlementDays: the days VX futures settle, ascending and reaching two months past the last close (nil: every 21 trading days).
    public init(settlementDays: [Int]? = nil) {
        self.settlementDays = settlementDays
    }

    /// The first settlement day after `day`, and the one before it (or a month before, with none).
    func settlements(after day: Int) -> (previous: Int, next: Int, following: Int) {
        guard let days = settlementDays, let index = days.firstIndex(where: { $0 > day }), index + 1 < days.count else {
            let next = (day / Self.monthDays + 1) * Self.monthDays
            return (next - Self.monthDays, next, next + Self.monthDays)
        }
        return (index > 0 ? days[index - 1] : days[index] - Self.monthDays, days[index], days[index + 1])
    }

    /// The holdings at the close of `day`: the contracts and the first's weight `dr / dt`.
    func holdings(day: Int) -> (front: Int, second: Int, frontWeight: Double) {
        let (previous, next, following) = settlements(after: day)
        let periodDays = next - previous
        let remaining = next - 1 - day
        return (next, following, Double(remaining) / Double(periodDays))
    }

    /// Starts the index at 100 at the close of `day` with futures `future(remainingDays)` (points).
    public mutating func start(day: Int, future: (Int) -> Double) {
        level = 100
        growth = 1
        hold(day: day, future: future)
    }

    /// Moves the index to the close of `day`: the return of the holdings of
    /// the last close on today's futures, then today's holdings.
    public mutating func close(day: Int, future: (Int) -> Double) {
        let today = frontWeight * future(front - day) + (1 - frontWeight) * future(second - day)
        growth = weightedPrice > 0 ? today / weightedPrice : 1
        level *= growth
        hold(day: day, future: future)
    }

    private mutating func hold(day: Int, future: (Int) -> Double) {
        (front, second, frontWeight) = holdings(day: day)
        weightedPrice = frontWeight * future(front - day) + (1 - frontWeight) * future(second - day)
    }
}
