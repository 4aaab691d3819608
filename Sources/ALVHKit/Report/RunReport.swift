import Foundation

/// `report.html`: one self-contained page (no network) with SVG charts of a
/// run, built only from the run's files (`summary.json`,
/// `distributions.csv`, `fans.csv`), so `alvh report DIR` rebuilds it.
public struct RunReport: Sendable {
    public let record: RunRecord
    let distributions: [DistributionRow]
    let fans: [FanRow]

    struct DistributionRow {
        let metric: String
        let strategy: String
        let kind: String
        let x0: Double
        let x1: Double
        let y: Double
    }

    struct FanRow {
        let series: String
        let day: Double
        let levels: [Double]
    }

    /// Parses the run's tables.
    public init(record: RunRecord, distributionsCSV: String, fansCSV: String) throws(OutputError) {
        self.record = record
        distributions = try Self.rows(distributionsCSV, file: "distributions.csv", columns: 6).map {
            DistributionRow(metric: $0[0], strategy: $0[1], kind: $0[2], x0: Double($0[3]) ?? .nan,
                            x1: Double($0[4]) ?? .nan, y: Double($0[5]) ?? .nan)
        }
        fans = try Self.rows(fansCSV, file: "fans.csv", columns: 2 + RunTables.fanLevels.count).map {
            FanRow(series: $0[0], day: Double($0[1]) ?? .nan, levels: $0[2...].map { Double($0) ?? .nan })
        }
    }

    static func rows(_ text: String, file: String, columns: Int) throws(OutputError) -> [[String]] {
        var rows: [[String]] = []
        for (index, line) in text.split(separator: "\n").enumerated().dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == columns else {
                throw OutputError(path: file, message: "line \(index + 1) has \(fields.count) fields, expected \(columns)")
            }
            rows.append(fields)
        }
        return rows
    }

    var names: [String] { record.strategies.map(\.name) }

    func color(_ strategy: String) -> String {
        SVGChart.palette[(names.firstIndex(of: strategy) ?? 0) % SVGChart.palette.count]
    }

    /// Overlaid histograms or CDFs of one metric, one line per strategy.
    func distributionChart(metric: String, kind: String, title: String, xLabel: String, percentX: Bool) -> SVGChart {
        var chart = SVGChart(title: title, xLabel: xLabel, yLabel: kind == "cdf" ? "share of paths at or below" : "share of paths")
        if percentX { chart.xFormat = { SVGChart.percent($0) } }
        if kind == "cdf" { chart.yFormat = { SVGChart.percent($0) } }
        let groups = Dictionary(grouping: distributions.filter { $0.metric == metric && $0.kind == kind }, by: \.strategy)
        for strategy in names + groups.keys.filter({ !names.contains($0) }).sorted() {
            guard let rows = groups[strategy] else { continue }
            let label = strategy
            if kind == "cdf" {
                chart.line(rows.map { ($0.x0, $0.y) }, color: color(strategy), label: label)
            } else {
                chart.steps(rows.map { ($0.x0, $0.x1, $0.y) }, color: color(strategy), label: label)
            }
        }
        return chart
    }

    /// A fan chart of one recorded series: 5-95 and 25-75 percentile bands and the median.
    func fanChart(series: String, title: String, yLabel: String, color: String) -> SVGChart {
        var chart = SVGChart(title: title, xLabel: "trading day", yLabel: yLabel)
        let rows = fans.filter { $0.series == series }
        chart.band(lower: rows.map { ($0.day, $0.levels[0]) }, upper: rows.map { ($0.day, $0.levels[4]) },
                   color: color, opacity: 0.18, label: "5-95th pct")
        chart.band(lower: rows.map { ($0.day, $0.levels[1]) }, upper: rows.map { ($0.day, $0.levels[3]) },
                   color: color, opacity: 0.35, label: "25-75th pct")
        chart.line(rows.map { ($0.day, $0.levels[2]) }, color: color, label: "median")
        return chart
    }

    /// The whole page.
    public func html() -> String {
        let r = record
        func percent(_ v: Double) -> String { String(format: "%.2f%%", 100 * v) }
        func dollars(_ v: Double) -> String { String(format: "%.0f", v) }
        var page = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>alvh report: \(SVGChart.escape(r.scenario))</title>
            <style>
            body{font-family:sans-serif;margin:24px;max-width:1180px;color:#222}
            table{border-collapse:collapse;margin:8px 0 18px}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}
            th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}
            .charts{display:flex;flex-wrap:wrap;gap:12px}.supported{color:#1a7f37;font-weight:bold}
            .not-supported{color:#b42318;font-weight:bold}.inconclusive{color:#9a6700;font-weight:bold}
            .small{color:#555;font-size:90%}.warning{background:#fff4e5;border-left:4px solid #9a6700;padding:6px 10px}table.claims td{text-align:left;vertical-align:top}
            </style></head><body>
            <h1>alvh stress report: \(SVGChart.escape(r.scenario))</h1>
            <p>\(SVGChart.escape(r.description))</p>
            <p class="small">\(r.paths) paths x \(r.horizonDays) trading days, seed \(r.seed), generator \(r.generator), \
            \(r.threads) threads, \(String(format: "%.1f", r.wallSeconds)) s (\(String(format: "%.3g", r.pathDaysPerSecond)) path-days/s), \
            started \(r.startedUTC) UTC, alvh \(r.alvhVersion). Scenario file \(SVGChart.escape(r.scenarioFile)), \
            SHA-256 \(r.scenarioSHA256).</p>

            """
        let summary = r.summary
        for warning in summary.warnings {
            page += "<p class=\"warning\"><b>Warning:</b> \(SVGChart.escape(warning))</p>"
        }
        for c in summary.comparisons {
            if let reason = c.notDefined {
                page += "<p class=\"warning\"><b>\(SVGChart.escape(c.hedged)) vs \(SVGChart.escape(c.baseline)): not defined.</b> "
                    + "\(SVGChart.escape(reason))</p>"
            }
        }
        page += "<h2>The claims against this run</h2><table class=\"claims\"><tr><th>claim</th><th>measured (95% interval)</th><th>verdict</th><th>note</th></tr>"
        for verdict in ClaimVerdict.verdicts(r) {
            let cssClass = verdict.verdict.rawValue.replacingOccurrences(of: " ", with: "-")
            page += "<tr><td>\(SVGChart.escape(verdict.claim))</td><td>\(SVGChart.escape(verdict.measured))</td>"
            page += "<td class=\"\(cssClass)\">\(verdict.verdict.rawValue)</td><td>\(SVGChart.escape(verdict.note))</td></tr>"
        }
        page += "</table><p class=\"small\">Rule: \(SVGChart.escape(ClaimVerdict.rule))</p>"
        page += "<h2>Max drawdown and final P&amp;L</h2><table><tr><th>strategy</th><th>MDD mean</th><th>median</th><th>p95</th>"
        page += "<th>p99</th><th>CVaR 95</th><th>P&amp;L mean ($)</th><th>P&amp;L p5 ($)</th><th>hedge spend ($)</th><th>hedge payoff ($)</th></tr>"
        for s in r.strategies {
            let m = s.maxDrawdown
            page += "<tr><td>\(SVGChart.escape(s.name))</td><td>\(percent(m.mean))</td><td>\(percent(m.p50))</td>"
            page += "<td>\(percent(m.p95))</td><td>\(percent(m.p99))</td><td>\(percent(m.cvar95))</td>"
            page += "<td>\(dollars(s.finalPnL.mean))</td><td>\(dollars(s.finalPnL.p5))</td>"
            page += "<td>\(dollars(s.meanHedgeSpend))</td><td>\(dollars(s.meanHedgePayoff))</td></tr>"
        }
        page += "</table><table><tr><th>comparison</th><th>mean per-path reduction [95%]</th><th>reduction of mean MDD [95%]</th><th>P(lower)</th></tr>"
        for c in r.comparisons {
            page += "<tr><td>\(SVGChart.escape(c.hedged)) vs \(SVGChart.escape(c.baseline))</td>"
            for estimate in [c.meanReduction, c.ratioOfMeansReduction] {
                if let e = estimate {
                    page += "<td>\(percent(e.value)) [\(percent(e.lower)), \(percent(e.upper))]</td>"
                } else {
                    page += "<td title=\"\(SVGChart.escape(c.notDefined ?? ""))\">not defined</td>"
                }
            }
            page += "<td>\(String(format: "%.3f", c.probabilityLower))</td></tr>"
        }
        page += "</table>"
        page += "<div class=\"charts\">"
        page += distributionChart(metric: "maxDrawdown", kind: "histogram", title: "Max drawdown: histogram",
                                  xLabel: "max drawdown", percentX: true).render()
        page += distributionChart(metric: "maxDrawdown", kind: "cdf", title: "Max drawdown: CDF",
                                  xLabel: "max drawdown", percentX: true).render()
        page += distributionChart(metric: "finalPnL", kind: "cdf", title: "Final P&L: CDF",
                                  xLabel: "final P&L ($)", percentX: false).render()
        for c in r.comparisons {
            let metric = "reduction:\(c.hedged) vs \(c.baseline)"
            page += distributionChart(metric: metric, kind: "histogram", title: "Per-path reduction, \(c.hedged) vs \(c.baseline)",
                                      xLabel: "1 - MDD hedged / MDD baseline (clipped to [-1, 1])", percentX: true).render()
        }
        page += "</div><h2>Fan charts</h2><p class=\"small\">Percentile bands of the daily closes of a fixed subsample: "
        page += "the first \(r.fanChartPaths) paths of the run (path indices are exchangeable, so this is a random sample).</p>"
        page += "<div class=\"charts\">"
        for name in names {
            page += fanChart(series: "equity:\(name)", title: "Equity: \(name)", yLabel: "equity ($)", color: color(name)).render()
        }
        page += fanChart(series: "spx", title: "SPX", yLabel: "index points", color: "#444").render()
        page += fanChart(series: "vix", title: "VIX", yLabel: "index points", color: "#8c564b").render()
        page += "</div></body></html>\n"
        return page
    }
}
