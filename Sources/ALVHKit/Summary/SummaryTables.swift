/// The figures of `summary.json` as tidy CSV tables, for pandas and
/// spreadsheets as they are: `strategies.csv` (one row per strategy) and
/// `comparisons.csv` (one row per comparison, every reduction with its
/// interval; empty cells where a reduction is not defined).
public enum SummaryTables {
    static let percentiles = ["p1", "p5", "p10", "p25", "p50", "p75", "p90", "p95", "p99"]

    static func distributionColumns(_ prefix: String) -> [String] {
        ["Mean", "StandardDeviation"].map { prefix + $0 } + percentiles.map { prefix + $0.uppercased() } + [prefix + "CVaR95"]
    }

    static func values(_ d: DistributionSummary) -> [Double] {
        [d.mean, d.standardDeviation, d.p1, d.p5, d.p10, d.p25, d.p50, d.p75, d.p90, d.p95, d.p99, d.cvar95]
    }

    /// `strategies.csv`'s header, for the drawdown levels `levels` of `P(MDD > x)`.
    public static func strategiesHeader(levels: [Double] = []) -> String {
        (["strategy", "paths"] + distributionColumns("maxDrawdown") + distributionColumns("finalPnL")
            + ["meanHedgeSpend", "meanHedgePayoff", "cyclesDue", "skippedCycles", "skippedByCredit", "skippedBySize", "skippedWhileOpen", "adjustments", "skippedPurchases"]
            + levels.flatMap { level in ["", "Lower", "Upper"].map { "maxDrawdownAbove\(level)" + $0 } })
            .joined(separator: ",") + "\n"
    }

    /// `strategies.csv`: drawdowns as fractions, P&L and hedge figures in dollars (per path), cycles summed over paths,
    /// then per drawdown level the share of paths above it and its interval.
    public static func strategies(_ summary: RunSummary) -> String {
        var text = strategiesHeader(levels: summary.strategies.first?.exceedance.map(\.level) ?? [])
        for s in summary.strategies {
            let numbers = values(s.maxDrawdown) + values(s.finalPnL) + [s.meanHedgeSpend, s.meanHedgePayoff]
            let counts = [s.cyclesDue, s.skippedCycles.total, s.skippedCycles.byCredit, s.skippedCycles.bySize, s.skippedCycles.whileOpen, s.adjustments, s.skippedPurchases]
            let shares = s.exceedance.flatMap { [$0.share, $0.lower, $0.upper] }
            text += ([s.name, "\(s.paths)"] + numbers.map { "\($0)" } + counts.map { "\($0)" } + shares.map { "\($0)" })
                .joined(separator: ",") + "\n"
        }
        return text
    }

    /// `comparisons.csv`'s header.
    public static let comparisonsHeader =
        "hedged,baseline,pairedPaths,meanReduction,meanReductionLower,meanReductionUpper,ratioOfMeansReduction,"
        + "ratioOfMeansReductionLower,ratioOfMeansReductionUpper,probabilityLower,notDefined,materialPairedPaths,"
        + "materialMeanReduction,materialMeanReductionLower,materialMeanReductionUpper,materialMedianReduction,"
        + "p95Reduction,p95ReductionLower,p95ReductionUpper,cvar95Reduction,cvar95ReductionLower,cvar95ReductionUpper,"
        + "hedgedSpend,baselineSpend\n"

    /// `comparisons.csv`: reductions as fractions with their 95% paired bootstrap intervals.
    public static func comparisons(_ summary: RunSummary) -> String {
        var text = comparisonsHeader
        func cells(_ estimate: RunSummary.Estimate?) -> [String] {
            estimate.map { ["\($0.value)", "\($0.lower)", "\($0.upper)"] } ?? ["", "", ""]
        }
        for c in summary.comparisons {
            let reason = c.notDefined.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" } ?? ""
            text += ([c.hedged, c.baseline, "\(c.pairedPaths)"] + cells(c.meanReduction) + cells(c.ratioOfMeansReduction)
                + ["\(c.probabilityLower)", reason, "\(c.materialPairedPaths)"] + cells(c.materialMeanReduction)
                + [c.materialMedianReduction.map { "\($0)" } ?? ""] + cells(c.p95Reduction) + cells(c.cvar95Reduction)
                + [c.hedgedSpend.map { "\($0)" } ?? "", c.baselineSpend.map { "\($0)" } ?? ""])
                .joined(separator: ",") + "\n"
        }
        return text
    }
}
