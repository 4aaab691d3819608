import Foundation

/// One day of a market, real or simulated, as the market table reads it:
/// levels in index points, `NaN` where a series has no value that day.
public struct MarketDay: Sendable, Hashable, BitwiseCopyable {
    public var vix: Double
    /// Monthly VIX futures: the 1st, 2nd, 4th and 7th contracts expiring after the day.
    public var m1: Double
    public var m2: Double
    public var m4: Double
    public var m7: Double
    public var vvix: Double
    public var vix9d: Double
    public var vix3m: Double
    public var skew: Double
    /// SPX simple return and VIX change (points) from the previous day.
    public var spxReturn: Double
    public var vixChange: Double
    /// `100 sqrt(variance swap of the 21-day SPX smile / T)` minus VIX (volatility points; model days only).
    public var smileGap: Double

    public init(
        vix: Double, m1: Double = .nan, m2: Double = .nan, m4: Double = .nan, m7: Double = .nan, vvix: Double = .nan,
        vix9d: Double = .nan, vix3m: Double = .nan, skew: Double = .nan, spxReturn: Double = .nan,
        vixChange: Double = .nan, smileGap: Double = .nan
    ) {
        self.vix = vix
        self.m1 = m1
        self.m2 = m2
        self.m4 = m4
        self.m7 = m7
        self.vvix = vvix
        self.vix9d = vix9d
        self.vix3m = vix3m
        self.skew = skew
        self.spxReturn = spxReturn
        self.vixChange = vixChange
        self.smileGap = smileGap
    }
}

/// The market's figures by VIX bucket: medians of the futures curve over
/// VIX, VVIX, VIX9D and VIX3M over VIX, and SKEW; the contango share and the
/// joint daily moves of SPX and VIX. Computed the same way from simulated
/// paths (`MarketTableProgram`) and from history (`init(history:)`), as
/// `../tools/market_table.py` computes it from the data. Keys are the JSON
/// keys of `alvh scenarios check --json`; bucket labels as `bucketLabels`.
public struct MarketTable: Sendable, Codable, Equatable {
    /// Days whose VIX close lies in each bucket.
    public var days: [String: Int]
    /// Per bucket, the medians of `m1`, `m2`, `m4`, `m7` over VIX.
    public var futuresOverVIX: [String: [String: Double]]
    public var vvix: [String: Double]
    public var vix9dOverVIX: [String: Double]
    public var vix3mOverVIX: [String: Double]
    public var skew: [String: Double]
    /// Share of days with the 2nd future above the 1st, and the median of
    /// `m2 / m1 - 1` (nil without a futures curve).
    public var contangoShare: Double?
    public var secondOverFirstMedian: Double?
    /// Share of day pairs with an SPX move under 1% and a VIX rise above 5 points (nil without day pairs).
    public var quietDaysWithVIXJump: Double?
    /// Correlation of daily SPX returns with VIX changes.
    public var spxReturnVIXChangeCorrelation: Double?
    /// Largest `|100 sqrt(VS / T) - VIX|` of the 21-day smile (volatility points); model only.
    public var smileVarianceSwapMinusVIX: Double?

    /// Upper edges of the VIX buckets (each includes its upper edge; the last is open).
    public static let bucketEdges: [Double] = [13, 16, 20, 25, 30, 40, 50]
    public static let bucketLabels = ["<=13", "13-16", "16-20", "20-25", "25-30", "30-40", "40-50", ">50"]

    /// The bucket of a VIX level.
    public static func bucket(_ vix: Double) -> Int {
        bucketEdges.firstIndex { vix <= $0 } ?? bucketEdges.count
    }

    /// Aggregates days (days without a VIX or a first future are left out of
    /// the buckets and the curve figures; the daily moves use every day pair).
    public init<Days: Sequence<MarketDay>>(_ allDays: Days) {
        let labels = Self.bucketLabels
        var grouped = [[MarketDay]](repeating: [], count: labels.count)
        var contango = 0
        var curveDays = 0
        var gaps: [Double] = []
        var quiet = 0
        var pairs = 0
        var moves: [(Double, Double)] = []
        var smileGap: Double?
        for day in allDays {
            if day.spxReturn.isFinite && day.vixChange.isFinite {
                pairs += 1
                if abs(day.spxReturn) < 0.01 && day.vixChange > 5 { quiet += 1 }
                moves.append((day.spxReturn, day.vixChange))
            }
            if day.smileGap.isFinite { smileGap = max(smileGap ?? 0, abs(day.smileGap)) }
            guard day.vix.isFinite, day.m1.isFinite else { continue }
            grouped[Self.bucket(day.vix)].append(day)
            if day.m2.isFinite {
                curveDays += 1
                if day.m2 > day.m1 { contango += 1 }
                gaps.append(day.m2 / day.m1 - 1)
            }
        }
        let median = Self.median
        days = [:]
        futuresOverVIX = [:]
        vvix = [:]
        vix9dOverVIX = [:]
        vix3mOverVIX = [:]
        skew = [:]
        for (label, group) in zip(labels, grouped) where !group.isEmpty {
            days[label] = group.count
            var curve = [String: Double]()
            for (month, value) in [("m1", \MarketDay.m1), ("m2", \.m2), ("m4", \.m4), ("m7", \.m7)] {
                curve[month] = median(group.map { $0[keyPath: value] / $0.vix })
            }
            futuresOverVIX[label] = curve
            vvix[label] = median(group.map(\.vvix))
            vix9dOverVIX[label] = median(group.map { $0.vix9d / $0.vix })
            vix3mOverVIX[label] = median(group.map { $0.vix3m / $0.vix })
            skew[label] = median(group.map(\.skew))
        }
        contangoShare = curveDays > 0 ? Double(contango) / Double(curveDays) : nil
        secondOverFirstMedian = median(gaps)
        quietDaysWithVIXJump = pairs > 0 ? Double(quiet) / Double(pairs) : nil
        let correlation = IndexComparison.correlation(moves.map(\.0), moves.map(\.1))
        spxReturnVIXChangeCorrelation = correlation.isFinite ? correlation : nil
        smileVarianceSwapMinusVIX = smileGap
    }

    /// The median of the finite values (nil when there are none).
    static func median(_ values: [Double]) -> Double? {
        let finite = values.filter(\.isFinite)
        return finite.isEmpty ? nil : Quantiles(finite).value(at: 0.5)
    }
}
