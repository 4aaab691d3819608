/// Condor cycles on given days instead of every `cycleSpacing` trading days:
/// each cycle opens on its day and expires on the next's (a replay on the
/// real calendar: SPX monthly expirations). Days are trading days from day 0.
public struct CondorSchedule: Sendable, Hashable, Codable {
    /// Per cycle: the day it opens and the day its condor expires (after it).
    public let opens: [Int]
    public let expiries: [Int]

    /// Cycles opening on `days[i]` and expiring on `days[i + 1]` (days increasing).
    public init(consecutive days: [Int]) {
        precondition(zip(days, days.dropFirst()).allSatisfy { $0 < $1 }, "cycle days must increase")
        opens = Array(days.dropLast())
        expiries = Array(days.dropFirst())
    }

    /// The longest cycle (trading days), 0 with none.
    public var longestCycle: Int { zip(opens, expiries).map { $1 - $0 }.max() ?? 0 }
}
