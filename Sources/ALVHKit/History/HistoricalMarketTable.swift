import Foundation

extension MarketTable {
    /// The real market's table from a history folder, over the NYSE trading
    /// days in `from ... to` with SPX and VIX closes: the buckets and curve
    /// figures from the days that also have a first VIX future (as
    /// `../tools/market_table.py`), the daily moves from consecutive days.
    /// VVIX, VIX9D, VIX3M and SKEW enter where their files have the day.
    /// - Throws: `HistoryError` for a missing or malformed file.
    public init(history folder: HistoryFolder, from: CalendarDate?, to: CalendarDate?) throws(HistoryError) {
        let closes = try folder.closes(from: from, to: to)
        let series = try folder.read(from: from, to: to)
        func values(_ name: String) -> DailySeries? { series.first { $0.name == name } }
        let vvix = values("VVIX")
        let vix9d = values("VIX9D")
        let vix3m = values("VIX3M")
        let skew = values("SKEW")
        let curve = try VIXFuturesCurve.find(in: folder.path, from: from, to: to)
        var curveRow = [CalendarDate: Int]()
        for (index, date) in (curve?.dates ?? []).enumerated() { curveRow[date] = index }
        var days = [MarketDay]()
        days.reserveCapacity(closes.dates.count)
        for (index, date) in closes.dates.enumerated() {
            var day = MarketDay(
                vix: closes.vix[index], vvix: vvix?.value(on: date) ?? .nan, vix9d: vix9d?.value(on: date) ?? .nan,
                vix3m: vix3m?.value(on: date) ?? .nan, skew: skew?.value(on: date) ?? .nan)
            if let curve, let row = curveRow[date] {
                let months = curve.settlements[row]
                day.m1 = months[0] ?? .nan
                day.m2 = months[1] ?? .nan
                day.m4 = months[3] ?? .nan
                day.m7 = months[6] ?? .nan
            }
            if index > 0 {
                day.spxReturn = closes.spots[index] / closes.spots[index - 1] - 1
                day.vixChange = closes.vix[index] - closes.vix[index - 1]
            }
            days.append(day)
        }
        self.init(days)
    }
}
