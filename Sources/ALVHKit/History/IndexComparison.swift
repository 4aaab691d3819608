import Foundation

/// A replayed strategy's equity against a real index over the same days
/// (the CNDR check): by calendar year, each one's max drawdown and return
/// (`YearlyFigures`, from the previous year's last close), and the
/// correlation of their monthly returns: from month-end closes, and from the
/// closes of the SPX monthly expirations (a monthly-roll index's own months,
/// whose returns depend on the entry prices and the settlement and not on
/// how an open condor is marked in between). Years with at most 100 common
/// closes are left out, as `shared/tools/compare_cndr.py` does.
public struct IndexComparison: Sendable, Codable {
    public struct Year: Sendable, Codable {
        public var year: Int
        public var replayMaxDrawdown: Double
        public var indexMaxDrawdown: Double
        public var replayReturn: Double
        public var indexReturn: Double
    }

    public var index: String
    public var years: [Year]
    public var monthlyReturnCorrelation: Double
    /// Months in the correlation.
    public var months: Int
    /// The correlation of the returns between consecutive SPX monthly expirations, and how many.
    public var expirationReturnCorrelation: Double
    public var expirationMonths: Int

    /// Years whose max drawdowns differ by at most `points` percentage points.
    public func yearsWithin(points: Double) -> Int {
        years.filter { abs($0.replayMaxDrawdown - $0.indexMaxDrawdown) * 100 <= points + 1e-12 }.count
    }

    /// Compares `equity` on `dates` with `index` (both positive).
    public init(dates: [CalendarDate], equity: [Double], index: DailySeries) {
        self.index = index.name
        var common = (dates: [CalendarDate](), replay: [Double](), index: [Double]())
        for (date, value) in zip(dates, equity) {
            if let level = index.value(on: date) {
                common.dates.append(date)
                common.replay.append(value)
                common.index.append(level)
            }
        }
        let replayYears = YearlyFigures.of(dates: common.dates, values: common.replay)
        let indexYears = YearlyFigures.of(dates: common.dates, values: common.index)
        let first = common.dates.first?.year ?? 0
        years = zip(replayYears, indexYears).compactMap { a, b in
            // The first year has no close of the year before: left out, as are short years.
            guard a.year > first, a.days > 100 else { return nil }
            return Year(
                year: a.year, replayMaxDrawdown: a.maxDrawdown, indexMaxDrawdown: b.maxDrawdown, replayReturn: a.totalReturn,
                indexReturn: b.totalReturn)
        }
        // Month-end closes, then their returns.
        var monthEnds = (replay: [Double](), index: [Double]())
        for position in common.dates.indices {
            let date = common.dates[position]
            let next = position + 1 < common.dates.count ? common.dates[position + 1] : nil
            if next == nil || next!.month != date.month || next!.year != date.year {
                monthEnds.replay.append(common.replay[position])
                monthEnds.index.append(common.index[position])
            }
        }
        let a = zip(monthEnds.replay, monthEnds.replay.dropFirst()).map { $1 / $0 - 1 }
        let b = zip(monthEnds.index, monthEnds.index.dropFirst()).map { $1 / $0 - 1 }
        months = a.count
        monthlyReturnCorrelation = Self.correlation(a, b)
        // The closes of the SPX monthly expirations among the common days.
        let positions = ExchangeCalendar.spxExpirationPositions(in: common.dates)
        let c = zip(positions, positions.dropFirst()).map { common.replay[$1] / common.replay[$0] - 1 }
        let d = zip(positions, positions.dropFirst()).map { common.index[$1] / common.index[$0] - 1 }
        expirationMonths = c.count
        expirationReturnCorrelation = Self.correlation(c, d)
    }

    /// Pearson's correlation (nan with fewer than two points or no variation).
    static func correlation(_ a: [Double], _ b: [Double]) -> Double {
        let n = Double(a.count)
        guard a.count >= 2 else { return .nan }
        let ma = a.reduce(0, +) / n
        let mb = b.reduce(0, +) / n
        var sab = 0.0, saa = 0.0, sbb = 0.0
        for (x, y) in zip(a, b) {
            sab += (x - ma) * (y - mb)
            saa += (x - ma) * (x - ma)
            sbb += (y - mb) * (y - mb)
        }
        return saa > 0 && sbb > 0 ? sab / (saa * sbb).squareRoot() : .nan
    }

    /// `comparison.csv`: one row per year.
    public var csv: String {
        var text = "year,replayMaxDrawdown,\(index)MaxDrawdown,replayReturn,\(index)Return\n"
        for y in years {
            text += "\(y.year),\(y.replayMaxDrawdown),\(y.indexMaxDrawdown),\(y.replayReturn),\(y.indexReturn)\n"
        }
        return text
    }
}
