import ALVHKit
import Foundation

/// The compact table `alvh run` prints: max drawdown distribution and final
/// P&L per strategy, then the paired reductions with 95% confidence intervals.
struct SummaryTable {
    let text: String

    init(_ summary: RunSummary) {
        func percent(_ value: Double) -> String { String(format: "%.2f%%", 100 * value) }
        func dollars(_ value: Double) -> String {
            let formatter = NumberFormatter()
            formatter.numberStyle = .decimal
            formatter.maximumFractionDigits = 0
            return formatter.string(from: NSNumber(value: value.rounded())) ?? String(format: "%.0f", value)
        }
        let width = max(12, (summary.strategies.map(\.name.count).max() ?? 0) + 2)
        // Right-aligned fields keep at least one space before them, even when wider than their column.
        func pad(_ text: String, _ count: Int, left: Bool = false) -> String {
            let padding = String(repeating: " ", count: max(count - text.count, left ? 0 : 1))
            return left ? text + padding : padding + text
        }
        var lines: [String] = []
        lines.append("")
        lines.append(pad("strategy", width, left: true) + pad("MDD mean", 10) + pad("± se", 8) + pad("median", 9) + pad("p95", 9)
                     + pad("p99", 9) + pad("P&L mean", 12) + pad("P&L p5", 12) + pad("hedge spend", 13))
        for strategy in summary.strategies {
            let mdd = strategy.maxDrawdown
            let standardError = mdd.standardDeviation / Double(strategy.paths).squareRoot()
            lines.append(pad(strategy.name, width, left: true) + pad(percent(mdd.mean), 10)
                         + pad(percent(standardError), 8) + pad(percent(mdd.p50), 9)
                         + pad(percent(mdd.p95), 9) + pad(percent(mdd.p99), 9)
                         + pad(dollars(strategy.finalPnL.mean), 12) + pad(dollars(strategy.finalPnL.p5), 12)
                         + pad(dollars(strategy.meanHedgeSpend), 13))
        }
        lines.append("")
        lines.append("drawdown reduction (1 - MDD_H / MDD_U) with 95% paired bootstrap intervals")
        lines.append(
            pad("", width + 14, left: true) + pad("mean per path", 26) + pad("of mean MDD", 26) + pad("P(lower)", 10)
                + pad("extra spend", 13))
        for comparison in summary.comparisons {
            func estimate(_ e: RunSummary.Estimate?) -> String {
                guard let e else { return "not defined" }
                return percent(e.value) + " [" + percent(e.lower) + ", " + percent(e.upper) + "]"
            }
            lines.append(pad("\(comparison.hedged) vs \(comparison.baseline)", width + 14, left: true)
                         + pad(estimate(comparison.meanReduction), 26) + pad(estimate(comparison.ratioOfMeansReduction), 26)
                         + pad(String(format: "%.3f", comparison.probabilityLower), 10)
                         + pad(comparison.extraSpend.map(dollars) ?? "-", 13))
        }
        for comparison in summary.comparisons {
            if let reason = comparison.notDefined {
                lines.append("\(comparison.hedged) vs \(comparison.baseline): not defined: \(reason)")
            }
        }
        text = lines.joined(separator: "\n") + "\n"
    }
}
