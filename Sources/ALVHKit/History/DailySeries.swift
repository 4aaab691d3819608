/// One daily series of market history: a value per trading day, dates
/// strictly increasing (an index level such as an SPX or VIX close, in index points).
public struct DailySeries: Sendable, Hashable {
    /// What the series is ("SPX", "VIX", ...).
    public let name: String
    /// The file it was read from.
    public let file: String
    public let dates: [CalendarDate]
    public let values: [Double]

    public init(name: String, file: String, dates: [CalendarDate], values: [Double]) {
        precondition(dates.count == values.count)
        self.name = name
        self.file = file
        self.dates = dates
        self.values = values
    }

    public var count: Int { dates.count }
    public var first: CalendarDate? { dates.first }
    public var last: CalendarDate? { dates.last }

    /// The value on `date`, if the series has that day (binary search).
    public func value(on date: CalendarDate) -> Double? {
        var low = 0
        var high = dates.count
        while low < high {
            let mid = (low + high) / 2
            if dates[mid] < date { low = mid + 1 } else { high = mid }
        }
        return low < dates.count && dates[low] == date ? values[low] : nil
    }

    /// The days in `from ... to` (either end open when nil).
    public func slice(from: CalendarDate?, to: CalendarDate?) -> DailySeries {
        var kept = (dates: [CalendarDate](), values: [Double]())
        for (date, value) in zip(dates, values) {
            if let from, date < from { continue }
            if let to, date > to { continue }
            kept.dates.append(date)
            kept.values.append(value)
        }
        return DailySeries(name: name, file: file, dates: kept.dates, values: kept.values)
    }
}
