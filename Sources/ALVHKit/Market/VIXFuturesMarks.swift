/// Real VIX futures settlements by day of a replayed path, for pricing VIX
/// options on the real curve: per day the points (trading days to expiry,
/// settlement in VIX points) of the listed contracts, in expiry order.
/// Between points, and between spot VIX (0 days) and the first, the future
/// is linear in time to expiry; beyond the last point it stays at the last.
/// Days without points are priced by the model.
public struct VIXFuturesMarks: Sendable, Hashable, Codable {
    /// Per day (0 ...): where its points start in `remaining` and `settlements` (one past the last day's end at the end).
    let offsets: [Int]
    let remaining: [Int]
    let settlements: [Double]

    /// `points[day]`: that day's (trading days to expiry, settlement), any order; empty for a day without a curve.
    public init(points: [[(days: Int, settlement: Double)]]) {
        var offsets = [0]
        var remaining = [Int]()
        var settlements = [Double]()
        for day in points {
            for point in day.sorted(by: { $0.days < $1.days }) where point.days > 0 && point.settlement > 0 {
                if let last = remaining.last, remaining.count > offsets.last!, last == point.days { continue }
                remaining.append(point.days)
                settlements.append(point.settlement)
            }
            offsets.append(remaining.count)
        }
        self.offsets = offsets
        self.remaining = remaining
        self.settlements = settlements
    }

    /// Days the marks cover (with or without points).
    public var days: Int { offsets.count - 1 }

    /// Whether `day` has a curve.
    public func covers(day: Int) -> Bool { day >= 0 && day < days && offsets[day + 1] > offsets[day] }

    /// The future `remainingDays` trading days from expiry on `day`, with spot VIX `spot` at 0 days (nil without a curve that day).
    public func future(day: Int, remainingDays: Int, spot: Double) -> Double? {
        guard covers(day: day) else { return nil }
        var previous = (days: 0, value: spot)
        for index in offsets[day]..<offsets[day + 1] {
            let point = (days: remaining[index], value: settlements[index])
            if remainingDays <= point.days {
                let weight = Double(remainingDays - previous.days) / Double(point.days - previous.days)
                return previous.value + weight * (point.value - previous.value)
            }
            previous = point
        }
        return previous.value
    }
}
