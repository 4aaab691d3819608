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
            guard Self.metrics.contains(fields[0]) || fields[0].hasPrefix("reduction:") else {
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
        let required = Set(["spx", "vix"] + record.strategies.map { "equity:\($0.name)" })
        let series = required.union(record.strategies.map { "drawdown:\($0.name)" })
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
        // Every series has one row per day; a folder written before the
        // underwater fans were recorded has none of them and is still read.
        var rowsPerSeries: [String: Int] = [:]
        for row in fans { rowsPerSeries[row.series, default: 0] += 1 }
        let expected = record.fanChartPaths > 0 ? record.horizonDays + 1 : 0
        for name in series.sorted() where rowsPerSeries[name] != nil || (expected > 0 && required.contains(name)) {
            guard rowsPerSeries[name, default: 0] == expected else {
                throw OutputError(
                    path: "fans.csv",
                    message: "series \(DisplayText.escaped(name)) holds \(rowsPerSeries[name, default: 0]) rows, expected \(expected) (every day)",
                    isInput: true)
            }
        }
        self.fans = fans
    }

    /// The metrics of `distributions.csv` besides the per-path reductions.
    static let metrics: Set<String> = ["maxDrawdown", "finalPnL", "longestUnderwaterDays", "worstDay"]

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
    func distributionChart(
        metric: String, kind: String, title: String, xLabel: String,
        xFormat: @escaping @Sendable (Double) -> String = { SVGChart.compact($0) }
    ) -> SVGChart {
        var chart = SVGChart(title: title, xLabel: xLabel, yLabel: kind == "cdf" ? "share of paths at or below" : "share of paths")
        chart.xFormat = xFormat
        chart.yFormat = { SVGChart.percent($0) }
        let groups = Dictionary(grouping: distributions.filter { $0.metric == metric && $0.kind == kind }, by: \.strategy)
        for strategy in names + groups.keys.filter({ !names.contains($0) }).sorted() {
            guard let rows = groups[strategy] else { continue }
            if kind == "cdf" {
                chart.line(rows.map { ($0.x0, $0.y) }, color: color(strategy), label: strategy)
            } else {
                chart.steps(rows.map { ($0.x0, $0.x1, $0.y) }, color: color(strategy), label: strategy)
            }
        }
        return chart
    }

    /// Whether `distributions.csv` holds `metric` (folders written before a metric was recorded lack it).
    func has(metric: String) -> Bool { distributions.contains { $0.metric == metric } }

    /// A fan chart of one recorded series: 5-95 and 25-75 percentile bands and the median.
    func fanChart(series: String, title: String, yLabel: String, color: String, yRange: ClosedRange<Double>? = nil,
                  yFormat: @escaping @Sendable (Double) -> String = { SVGChart.compact($0) }) -> SVGChart {
        var chart = SVGChart(title: title, xLabel: "trading day", yLabel: yLabel)
        chart.yRange = yRange
        chart.yFormat = yFormat
        let rows = fans.filter { $0.series == series }
        chart.band(lower: rows.map { ($0.day, $0.levels[0]) }, upper: rows.map { ($0.day, $0.levels[4]) },
                   color: color, opacity: 0.18, label: "5-95th pct")
        chart.band(lower: rows.map { ($0.day, $0.levels[1]) }, upper: rows.map { ($0.day, $0.levels[3]) },
                   color: color, opacity: 0.35, label: "25-75th pct")
        chart.line(rows.map { ($0.day, $0.levels[2]) }, color: color, label: "median")
        return chart
    }

    /// Fan charts of one family of series (`equity:` or `drawdown:`), one per
    /// strategy, on one y-scale so that panels side by side compare.
    func fanCharts(prefix: String, title: String, yLabel: String, yFormat: @escaping @Sendable (Double) -> String) -> String {
        let values = fans.filter { $0.series.hasPrefix(prefix) }.flatMap(\.levels)
        let range = SVGChart.sharedRange(values)
        return names.map {
            fanChart(series: prefix + $0, title: "\(title): \($0)", yLabel: yLabel, color: color($0), yRange: range, yFormat: yFormat).render()
        }.joined()
    }

    /// The page's head and the opening of its body: one style for every alvh report.
    static func head(title: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>\(SVGChart.escape(title))</title>
        <style>
        body{font-family:sans-serif;margin:24px;max-width:1180px;color:#222}
        table{border-collapse:collapse;margin:8px 0 18px}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}
        th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}
        .charts{display:flex;flex-wrap:wrap;gap:12px}.supported,.lower{color:#1a7f37;font-weight:bold}
        .not-supported,.higher{color:#b42318;font-weight:bold}.inconclusive,.no-clear-difference{color:#9a6700;font-weight:bold}
        .not-defined{color:#555;font-weight:bold}
        .small{color:#555;font-size:90%}.warning{background:#fff4e5;border-left:4px solid #9a6700;padding:6px 10px}table.claims td{text-align:left;vertical-align:top}
        table.headline td{font-size:110%}details{margin:0 0 18px}summary{cursor:pointer;color:#555}
        </style></head><body>
        """
    }

    /// The headline verdict of one comparison: whether the hedged strategy's
    /// mean max drawdown is materially lower than the baseline's, by the 95%
    /// interval of the reduction of the mean against the run's materiality,
    /// unless the per-path reduction (over paths with a material baseline
    /// drawdown) points the other way.
    static func headline(_ c: RunSummary.Comparison, materiality: Double) -> (word: String, cssClass: String) {
        guard let r = c.ratioOfMeansReduction else { return ("not defined", "not-defined") }
        if ClaimVerdict.disagree(c) { return ("unclear: mean and per-path disagree", "no-clear-difference") }
        if r.lower > materiality { return ("lower drawdown", "lower") }
        if r.upper < -materiality { return ("higher drawdown", "higher") }
        return ("no material difference", "no-clear-difference")
    }

    /// The whole page: the verdict on the scenario's own comparisons first,
    /// then the claims that apply, the tables, and the charts.
    public func html() -> String {
        let r = record
        let summary = r.summary
        var page = """
            \(Self.head(title: "alvh report: " + r.scenario))
            <h1>alvh stress report: \(SVGChart.escape(r.scenario))</h1>
            <p>\(SVGChart.escape(r.description))</p>
            <p class="small">\(ReportNumbers.count(r.paths)) paths x \(r.horizonDays) trading days, seed \(r.seed), generator \(r.generator), \
            \(r.threads) thread\(r.threads == 1 ? "" : "s"), \(String(format: "%.1f", r.wallSeconds)) s (\(String(format: "%.3g", r.pathDaysPerSecond)) path-days/s), \
            started \(r.startedUTC) UTC, alvh \(r.alvhVersion). Scenario file \(SVGChart.escape(r.scenarioFile)), \
            SHA-256 \(r.scenarioSHA256).</p>

            """
        for warning in summary.warnings {
            page += "<p class=\"warning\"><b>Warning:</b> \(SVGChart.escape(warning))</p>"
        }
        for match in r.metadata.spendMatches ?? [] {
            page += "<p><b>Spend-matched:</b> \(SVGChart.escape(match.strategy))'s budget is multiplied by "
                + String(format: "%.4g", match.scale) + " so that it spends what \(SVGChart.escape(match.target)) spends: "
                + "\(ReportNumbers.dollars(match.spend)) against \(ReportNumbers.dollars(match.targetSpend)) a path "
                + "(\(ReportNumbers.percent(match.relativeGap)) apart).</p>"
        }
        for c in summary.comparisons {
            if let reason = c.notDefined {
                page += "<p class=\"warning\"><b>\(SVGChart.escape(c.hedged)) vs \(SVGChart.escape(c.baseline)): not defined.</b> "
                    + "\(SVGChart.escape(reason))</p>"
            }
        }
        page += headlineSection(summary)
        page += claimsSection()
        page += strategiesSection()
        page += "<h2>Distributions over paths</h2><div class=\"charts\">"
        let percentTicks: @Sendable (Double) -> String = { SVGChart.percent($0) }
        let dollarTicks: @Sendable (Double) -> String = { SVGChart.dollars($0) }
        page += distributionChart(metric: "maxDrawdown", kind: "histogram", title: "Max drawdown: histogram",
                                  xLabel: "max drawdown (% of the running peak)", xFormat: percentTicks).render()
        page += distributionChart(metric: "maxDrawdown", kind: "cdf", title: "Max drawdown: CDF",
                                  xLabel: "max drawdown (% of the running peak)", xFormat: percentTicks).render()
        page += distributionChart(metric: "finalPnL", kind: "cdf", title: "Final P&L: CDF",
                                  xLabel: "final P&L (dollars)", xFormat: dollarTicks).render()
        if has(metric: "worstDay") {
            page += distributionChart(metric: "worstDay", kind: "cdf", title: "Worst day: CDF",
                                      xLabel: "worst close-to-close change of equity (dollars)", xFormat: dollarTicks).render()
        }
        for c in r.comparisons {
            let metric = "reduction:\(c.hedged) vs \(c.baseline)"
            page += distributionChart(metric: metric, kind: "histogram", title: "Per-path reduction: \(c.hedged) vs \(c.baseline)",
                                      xLabel: "1 - MDD hedged / MDD baseline (clipped to [-100%, 100%])", xFormat: percentTicks).render()
        }
        page += "</div>"
        if fans.contains(where: { $0.series.hasPrefix("drawdown:") }) || has(metric: "longestUnderwaterDays") {
            page += "<h2>Under water: drawdown over time and time to recovery</h2>"
            page += "<p class=\"small\">The fall of equity from its running peak day by day (the fans: the first "
                + "\(ReportNumbers.count(r.fanChartPaths)) paths, on one scale), and the longest stretch of closes below "
                + "the running peak on every path (a path still under water at the horizon counts the days to the horizon).</p>"
            page += "<div class=\"charts\">"
            page += fanCharts(prefix: "drawdown:", title: "Drawdown from peak", yLabel: "drawdown (% of peak)", yFormat: percentTicks)
            if has(metric: "longestUnderwaterDays") {
                page += distributionChart(metric: "longestUnderwaterDays", kind: "cdf", title: "Longest time under water: CDF",
                                          xLabel: "trading days below the running peak").render()
            }
            page += "</div>"
        }
        page += "<h2>Fan charts</h2><p class=\"small\">Percentile bands of the daily closes of a fixed subsample: "
        page += "the first \(ReportNumbers.count(r.fanChartPaths)) paths of the run (path indices are exchangeable, so this is a random sample). "
        page += "The equity panels share one scale.</p>"
        page += "<div class=\"charts\">"
        page += fanCharts(prefix: "equity:", title: "Equity", yLabel: "equity (dollars)", yFormat: dollarTicks)
        page += fanChart(series: "spx", title: "SPX", yLabel: "index points", color: "#444").render()
        page += fanChart(series: "vix", title: "VIX", yLabel: "index points", color: "#8c564b").render()
        page += "</div></body></html>\n"
        return page
    }

    /// The verdict on each of the run's comparisons, in words, with the figures it rests on.
    func headlineSection(_ summary: RunSummary) -> String {
        guard !summary.comparisons.isEmpty else {
            return "<h2>Verdict</h2><p>The run compares no strategies (it has one strategy, or no unhedged baseline).</p>"
        }
        var page = "<h2>Verdict</h2><table class=\"headline\"><tr><th>comparison</th><th>verdict</th>"
            + "<th>mean max drawdown, hedged vs baseline</th><th>reduction of the mean [95%]</th><th>paths with a lower drawdown</th></tr>"
        for c in summary.comparisons {
            let (word, cssClass) = Self.headline(c, materiality: record.claims.materiality)
            let hedged = summary.strategy(c.hedged)?.maxDrawdown.mean ?? .nan
            let baseline = summary.strategy(c.baseline)?.maxDrawdown.mean ?? .nan
            let reduction = c.ratioOfMeansReduction.map { ReportNumbers.interval($0.value, $0.lower, $0.upper) } ?? "not defined"
            page += "<tr><td>\(SVGChart.escape(c.hedged)) vs \(SVGChart.escape(c.baseline))</td><td class=\"\(cssClass)\">\(word)</td>"
                + "<td>\(ReportNumbers.percent(hedged)) vs \(ReportNumbers.percent(baseline))</td><td>\(reduction)</td>"
                + "<td>\(ReportNumbers.percent(c.probabilityLower))</td>"
                + "<td>\(c.extraSpend.map(ReportNumbers.dollars) ?? "-")</td></tr>"
        }
        let m = ReportNumbers.percent(record.claims.materiality)
        page += "</table><p class=\"small\">Lower or higher when the 95% paired bootstrap interval of 1 - mean(MDD hedged) / "
            + "mean(MDD baseline) lies wholly above \(m) or below -\(m) (the run's materiality, claims.materiality); no material "
            + "difference otherwise; unclear when that reduction and the mean per-path reduction over paths whose baseline "
            + "drawdown is at least \(ReportNumbers.percent(PairedReduction.materialBaseline)) have opposite signs.</p>"
        return page
    }

    /// The source material's claims that this run measures; those it cannot
    /// measure are listed behind a note.
    func claimsSection() -> String {
        let verdicts = ClaimVerdict.verdicts(record)
        let measured = verdicts.filter { $0.verdict != .notMeasured }
        let other = verdicts.filter { $0.verdict == .notMeasured }
        func rows(_ list: [ClaimVerdict]) -> String {
            list.map { v in
                let cssClass = v.verdict.rawValue.replacingOccurrences(of: " ", with: "-")
                return "<tr><td>\(SVGChart.escape(v.claim))</td><td>\(SVGChart.escape(v.measured))</td>"
                    + "<td class=\"\(cssClass)\">\(v.verdict.rawValue)</td><td>\(SVGChart.escape(v.note))</td></tr>"
            }.joined()
        }
        let header = "<table class=\"claims\"><tr><th>claim</th><th>measured (95% interval)</th><th>verdict</th><th>note</th></tr>"
        var page = "<h2>The source material's claims</h2>"
        if measured.isEmpty {
            page += "<p>None of the claims applies to this run.</p>"
        } else {
            page += header + rows(measured) + "</table><p class=\"small\">Rule: \(SVGChart.escape(ClaimVerdict.rule(materiality: record.claims.materiality)))</p>"
        }
        if !other.isEmpty {
            page += "<details><summary>\(other.count) claim\(other.count == 1 ? " does" : "s do") not apply to this run "
                + "(not measured)</summary>" + header + rows(other) + "</table></details>"
        }
        return page
    }

    /// Each strategy's figures, its trading (skipped cycles and adjustments), and the comparisons.
    func strategiesSection() -> String {
        let r = record
        let levels = r.strategies.first?.exceedance.map(\.level) ?? []
        var page = "<h2>Max drawdown and final P&amp;L</h2><table><tr><th>strategy</th><th>MDD mean</th><th>median</th><th>p95</th>"
            + "<th>p99</th><th>CVaR 95</th>" + levels.map { "<th>P(MDD &gt; \(ReportNumbers.percent($0)))</th>" }.joined()
            + "<th>P&amp;L mean</th><th>P&amp;L p5</th><th>hedge spend</th><th>hedge payoff</th></tr>"
        for s in r.strategies {
            let m = s.maxDrawdown
            page += "<tr><td>\(SVGChart.escape(s.name))</td>"
                + [m.mean, m.p50, m.p95, m.p99, m.cvar95].map { "<td>\(ReportNumbers.percent($0))</td>" }.joined()
                + s.exceedance.map { "<td>\(ReportNumbers.interval($0.share, $0.lower, $0.upper))</td>" }.joined()
                + [s.finalPnL.mean, s.finalPnL.p5, s.meanHedgeSpend, s.meanHedgePayoff].map { "<td>\(ReportNumbers.dollars($0))</td>" }.joined()
                + "</tr>"
        }
        page += "</table><p class=\"small\">Drawdowns in % of the running peak of daily closing equity; dollars per path "
            + "(hedge spend: premium and costs). P(MDD &gt; x): the share of paths, with its 95% Wilson interval "
            + "(claims.drawdownLevels).</p>"
        page += "<h3>Trading</h3><table><tr><th>strategy</th><th>condor cycles due per path</th><th>skipped</th>"
            + "<th>reasons</th><th>adjustments per path</th><th>hedge orders unfilled</th></tr>"
        for s in r.strategies {
            let paths = max(s.paths, 1)
            let skipped = s.skippedCycles
            let share = s.cyclesDue > 0 ? ReportNumbers.percent(Double(skipped.total) / Double(s.cyclesDue)) : "-"
            let reasons = skipped.total == 0 ? "none" : skipped.reasons.joined(separator: "; ")
            page += "<tr><td>\(SVGChart.escape(s.name))</td><td>\(ReportNumbers.decimal(Double(s.cyclesDue) / Double(paths)))</td>"
                + "<td>\(ReportNumbers.count(skipped.total)) (\(share))</td><td>\(SVGChart.escape(reasons))</td>"
                + "<td>\(ReportNumbers.decimal(Double(s.adjustments) / Double(paths)))</td>"
                + "<td>\(ReportNumbers.count(s.skippedPurchases))</td></tr>"
        }
        page += "</table><p class=\"small\">Skipped: cycles due but not opened, over all paths. Adjustments: early closes, "
            + "side closes, rolls, shrinks, monetised sales and top-ups. Hedge orders unfilled: over all paths, orders whose "
            + "mid was under the execution's minimum premium or whose budget bought no whole contract.</p>"
        let material = ReportNumbers.percent(PairedReduction.materialBaseline)
        page += "<h3>Comparisons</h3><table><tr><th>comparison</th><th>mean per-path reduction [95%]</th>"
            + "<th>reduction of mean MDD [95%]</th><th>per path, baseline MDD &ge; \(material): mean [95%]</th><th>median</th>"
            + "<th>reduction of p95 MDD [95%]</th><th>reduction of CVaR 95 [95%]</th><th>paths with a lower drawdown</th>"
            + "<th>extra hedge spend per path</th></tr>"
        for c in r.comparisons {
            func cell(_ estimate: RunSummary.Estimate?) -> String {
                guard let e = estimate else { return "<td title=\"\(SVGChart.escape(c.notDefined ?? ""))\">not defined</td>" }
                return "<td>\(ReportNumbers.interval(e.value, e.lower, e.upper))</td>"
            }
            page += "<tr><td>\(SVGChart.escape(c.hedged)) vs \(SVGChart.escape(c.baseline))</td>"
                + [c.meanReduction, c.ratioOfMeansReduction, c.materialMeanReduction].map(cell).joined()
                + "<td>\(c.materialMedianReduction.map(ReportNumbers.percent) ?? "-")</td>"
                + [c.p95Reduction, c.cvar95Reduction].map(cell).joined()
                + "<td>\(ReportNumbers.percent(c.probabilityLower))</td></tr>"
        }
        return page + "</table>"
    }
}
