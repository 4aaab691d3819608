import Foundation

/// The CSV tables of a run: rows are text, numbers in Swift's shortest
/// round-trip form so that a value read back is bit-identical.
public enum RunTables {
    /// `paths.csv`'s header.
    public static let pathsHeader =
        "path,strategy,maxDrawdown,troughDay,finalPnL,worstDay,longestUnderwaterDays,hedgeSpend,hedgePremium,"
        + "hedgePayoff,adjustments,skippedCycles,skippedByCredit,skippedBySize,skippedWhileOpen,peakVIX,spxMaxDrawdown,spxTroughDay,finalSpot,realisedVolatility,skippedPurchases\n"

    /// `paths.csv` rows of one chunk of records.
    public static func pathRows(_ records: [PathMetrics], names: [String]) -> String {
        var text = ""
        text.reserveCapacity(records.count * 200)
        for r in records {
            text += "\(r.path),\(names[r.strategy]),\(r.maxDrawdown),\(r.troughDay),\(r.finalPnL),\(r.worstDay),"
            text += "\(r.longestUnderwaterDays),\(r.hedgeSpend),\(r.hedgePremium),\(r.hedgePayoff),\(r.adjustments),"
            text += "\(r.skipped.total),\(r.skipped.byCredit),\(r.skipped.bySize),\(r.skipped.whileOpen),\(r.peakVIX),\(r.spxMaxDrawdown),\(r.spxTroughDay),\(r.finalSpot),"
            text += "\(r.realisedVolatility),\(r.skippedPurchases)\n"
        }
        return text
    }

    /// Bins of the histograms in `distributions.csv`.
    public static let histogramBins = 60
    /// Probability levels of the empirical CDF points (0, 0.005, ..., 1).
    public static let cdfLevels = (0...200).map { Double($0) / 200 }

    /// `distributions.csv`: for each metric and strategy, histogram bins
    /// (`kind` histogram: `x0`, `x1` the bin's edges, `y` the share of paths)
    /// and empirical CDF points (`kind` cdf: `x0` = `x1` the value, `y` the level).
    /// Histograms of one metric share their bins across strategies.
    public static func distributions(_ series: [(metric: String, strategy: String, values: [Double])]) -> String {
        var text = "metric,strategy,kind,x0,x1,y\n"
        var ranges: [String: (Double, Double)] = [:]
        for entry in series {
            let finite = entry.values.filter(\.isFinite)
            guard let low = finite.min(), let high = finite.max() else { continue }
            let current = ranges[entry.metric] ?? (low, high)
            ranges[entry.metric] = (min(current.0, low), max(current.1, high))
        }
        for entry in series {
            let finite = entry.values.filter(\.isFinite)
            guard !finite.isEmpty, let found = ranges[entry.metric] else { continue }
            let range = Histogram.range(found.0, found.1)
            let histogram = Histogram(finite, lower: range.0, upper: range.1, bins: histogramBins)
            for (index, share) in histogram.shares.enumerated() {
                let (x0, x1) = histogram.edges(index)
                text += "\(entry.metric),\(entry.strategy),histogram,\(x0),\(x1),\(share)\n"
            }
            let quantiles = Quantiles(finite)
            for level in cdfLevels {
                let x = quantiles.value(at: level)
                text += "\(entry.metric),\(entry.strategy),cdf,\(x),\(x),\(level)\n"
            }
        }
        return text
    }

    /// Percentile levels of the fan charts.
    public static let fanLevels = [0.05, 0.25, 0.5, 0.75, 0.95]

    /// `fans.csv`: per series and day, the 5/25/50/75/95th percentiles across
    /// the recorded paths: `spx`, `vix`, `equity:<strategy>` (closes) and
    /// `drawdown:<strategy>` (the fall from the running peak, as a fraction
    /// of the peak: the underwater curve).
    public static func fans(_ daily: DailyCloses, names: [String]) -> String {
        var text = "series,day,p5,p25,p50,p75,p95\n"
        guard daily.paths > 0 else { return text }
        var column = [Double](repeating: 0, count: daily.paths)
        func append(_ label: String, day: Int) {
            let quantiles = Quantiles(column)
            text += "\(label),\(day)"
            for level in fanLevels { text += ",\(quantiles.value(at: level))" }
            text += "\n"
        }
        for (series, label) in (["spx", "vix"] + names.map { "equity:\($0)" }).enumerated() {
            for day in 0..<daily.closes {
                for path in 0..<daily.paths { column[path] = daily.value(path: path, day: day, series: series) }
                append(label, day: day)
            }
        }
        for (strategy, name) in names.enumerated() {
            var peaks = [Double](repeating: 0, count: daily.paths)
            for day in 0..<daily.closes {
                for path in 0..<daily.paths {
                    let equity = daily.value(path: path, day: day, series: 2 + strategy)
                    peaks[path] = day == 0 ? equity : max(peaks[path], equity)
                    column[path] = peaks[path] > 0 ? max(0, 1 - equity / peaks[path]) : 0
                }
                append("drawdown:\(name)", day: day)
            }
        }
        return text
    }

    /// `sample_paths.csv` (and a shard's `daily_closes.csv`): the daily closes of the first `count` paths held.
    public static func samplePaths(_ daily: DailyCloses, names: [String], count: Int) -> String {
        var text = "path,day,spx,vix" + names.map { ",equity:\($0)" }.joined() + "\n"
        for path in 0..<min(count, daily.paths) {
            for day in 0..<daily.closes {
                text += "\(daily.firstPath + path),\(day)"
                for series in 0..<daily.series { text += ",\(daily.value(path: path, day: day, series: series))" }
                text += "\n"
            }
        }
        return text
    }
}
