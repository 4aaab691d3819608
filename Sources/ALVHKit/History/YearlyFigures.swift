/// A daily equity (or index) series' figures by calendar year: the return
/// from the last close of the year before (or the first close) to the
/// year's last close, and the largest fall from a running peak within the
/// year, the peak starting at that same close. The figures by which a replay
/// is compared with an index such as Cboe's CNDR.
public struct YearlyFigures: Sendable, Hashable, Codable {
    public var year: Int
    /// Fractions (0.05 is 5%).
    public var totalReturn: Double
    public var maxDrawdown: Double
    /// Closes in the year.
    public var days: Int

    /// The figures of each year `dates` covers, from `values` (one per date, positive).
    public static func of(dates: [CalendarDate], values: [Double]) -> [YearlyFigures] {
        precondition(dates.count == values.count)
        var result = [YearlyFigures]()
        var index = 0
        while index < dates.count {
            let year = dates[index].year
            let start = index > 0 ? values[index - 1] : values[index]
            var peak = start
            var drawdown = 0.0
            var days = 0
            while index < dates.count && dates[index].year == year {
                peak = max(peak, values[index])
                drawdown = max(drawdown, (peak - values[index]) / peak)
                days += 1
                index += 1
            }
            result.append(YearlyFigures(year: year, totalReturn: values[index - 1] / start - 1, maxDrawdown: drawdown, days: days))
        }
        return result
    }
}
