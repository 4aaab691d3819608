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

    /// Parses the run's tables, checking every row: the header, the field
    /// count, known strategies and series, finite numbers, shares in [0, 1]
    /// and days within the horizon. A corrupt file is refused with its line.
    public init(record: RunRecord, distributionsCSV: String, fansCSV: String) throws(OutputError) {
        try record.validate(file: "summary.json")
        self.record = record
        let names = Set(record.strategies.map(\.name))
        let file = "distributions.csv"
        var distributions: [DistributionRow] = []
        for (line, fields) in try Self.rows(distributionsCSV, file: file, header: "metric,strategy,kind,x0,x1,y") {
            guard ["maxDrawdown", "finalPnL"].contains(fields[0]) || fields[0].hasPrefix("reduction:") else {
                throw OutputError(path: file, message: "line \(line): column metric: unknown metric '\(DisplayText.escaped(fields[0]))'", isInput: true)
            }
            guard names.contains(fields[1]) else {
                throw OutputError(path: file, message: "line \(line): column strategy: '\(DisplayText.escaped(fields[1]))' is not in summary.json", isInput: true)
            }
            guard fields[2] == "histogram" || fields[2] == "cdf" else {
                throw OutputError(path: file, message: "line \(line): column kind: must be histogram or cdf", isInput: true)
            }
            let x0 = try Self.number(fields[3], file: file, line: line, column: "x0")
            let x1 = try Self.number(fields[4], file: file, line: line, column: "x1")
            let y = try Self.number(fields[5], file: file, line: line, column: "y", in: 0...1)
            distributions.append(DistributionRow(metric: fields[0], strategy: fields[1], kind: fields[2], x0: x0, x1: x1, y: y))
        }
        // Every metric and strategy has its histogram bins and CDF points, no more and no fewer.
        var counts: [String: Int] = [:]
        for row in distributions { counts["\(row.metric),\(row.strategy),\(row.kind)", default: 0] += 1 }
        for (key, count) in counts.sorted(by: { $0.key < $1.key }) {
            let expected = key.hasSuffix(",histogram") ? RunTables.histogramBins : RunTables.cdfLevels.count
            guard count == expected else {
                throw OutputError(path: file, message: "\(DisplayText.escaped(key)) has \(count) rows, expected \(expected)", isInput: true)
            }
        }
        self.distributions = distributions
        let series = Set(["spx", "vix"] + record.strategies.map { "equity:\($0.name)" })
        var fans: [FanRow] = []
        let fanHeader = "series,day," + RunTables.fanLevels.map { "p\(Int(($0 * 100).rounded()))" }.joined(separator: ",")
        for (line, fields) in try Self.rows(fansCSV, file: "fans.csv", header: fanHeader) {
            guard series.contains(fields[0]) else {
                throw OutputError(path: "fans.csv", message: "line \(line): column series: unknown series '\(DisplayText.escaped(fields[0]))'", isInput: true)
            }
            let day = try Self.number(fields[1], file: "fans.csv", line: line, column: "day", in: 0...Double(record.horizonDays))
            var levels: [Double] = []
            for (offset, field) in fields[2...].enumerated() {
                levels.append(try Self.number(field, file: "fans.csv", line: line, column: "p\(Int(RunTables.fanLevels[offset] * 100))"))
            }
            fans.append(FanRow(series: fields[0], day: day, levels: levels))
        }
        let expectedFans = record.fanChartPaths > 0 ? series.count * (record.horizonDays + 1) : 0
        guard fans.count == expectedFans else {
            throw OutputError(path: "fans.csv", message: "holds \(fans.count) rows, expected \(expectedFans) (every series and day)", isInput: true)
        }
        self.fans = fans
    }

    /// A finite number in `range`, or an error naming the file, line and column.
    static func number(
        _ text: String, file: String, line: Int, column: String, in range: ClosedRange<Double> = -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude
    ) throws(OutputError) -> Double {
        guard let value = Double(text), value.isFinite else {
            throw OutputError(path: file, message: "line \(line): column \(column): not a finite number: '\(DisplayText.escaped(text))'", isInput: true)
        }
        guard range.contains(value) else {
            throw OutputError(path: file, message: "line \(line): column \(column): \(value) is outside [\(range.lowerBound), \(range.upperBound)]", isInput: true)
        }
        return value
    }

    /// The rows after `header` (which the first line must be), as (1-based line, fields).
    static func rows(_ text: String, file: String, header: String) throws(OutputError) -> [(Int, [String])] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first.map(String.init) == header else {
            throw OutputError(path: file, message: "line 1: the header must be '\(header)'", isInput: true)
        }
        let columns = header.split(separator: ",").count
        var rows: [(Int, [String])] = []
        for (index, line) in lines.enumerated().dropFirst() {
            if line.isEmpty && index == lines.count - 1 { break }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == columns else {
                throw OutputError(path: file, message: "line \(index + 1) has \(fields.count) fields, expected \(columns)", isInput: true)
            }
            rows.append((index + 1, fields))
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
    /// The page's head and the opening of its body: one style for every alvh report.
    static func head(title: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>\(SVGChart.escape(title))</title>
        <style>
        body{font-family:sans-serif;margin:24px;max-width:1180px;color:#222}
        table{border-collapse:collapse;margin:8px 0 18px}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}
        th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}
        .charts{display:flex;flex-wrap:wrap;gap:12px}.supported{color:#1a7f37;font-weight:bold}
        .not-supported{color:#b42318;font-weight:bold}.inconclusive{color:#9a6700;font-weight:bold}
        .small{color:#555;font-size:90%}.warning{background:#fff4e5;border-left:4px solid #9a6700;padding:6px 10px}table.claims td{text-align:left;vertical-align:top}
        </style></head><body>
        """
    }

    public func html() -> String {
        let r = record
        func percent(_ v: Double) -> String { String(format: "%.2f%%", 100 * v) }
        func dollars(_ v: Double) -> String { String(format: "%.0f", v) }
        var page = """
            \(Self.head(title: "alvh report: " + r.scenario))
            <h1>alvh stress report: \(SVGChart.escape(r.scenario))</h1>
            <p>\(SVGChart.escape(r.description))</p>
            <p class="small">\(r.paths) paths x \(r.horizonDays) trading days, seed \(r.seed), generator \(r.generator), \
            \(r.threads) thread\(r.threads == 1 ? "" : "s"), \(String(format: "%.1f", r.wallSeconds)) s (\(String(format: "%.3g", r.pathDaysPerSecond)) path-days/s), \
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
