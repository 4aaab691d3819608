import Foundation

/// `sweep.html`: drawdown reduction against each axis of a sweep: lines with
/// their 95% bands for a one-axis sweep, heat maps for a grid of two axes
/// (averaged over any further axes), a scatter against each axis for a box
/// that is not a grid (a Sobol design), the claims across the points, and a
/// table of every point.
public struct SweepReport: Sendable {
    public let manifest: SweepRun.Manifest
    public let records: [RunRecord]

    public init(manifest: SweepRun.Manifest, records: [RunRecord]) {
        self.manifest = manifest
        self.records = records
    }

    /// Distinct values of axis `axis`, in first-seen order.
    func values(of axis: Int) -> [String] {
        var seen: [String] = []
        for point in manifest.points where !seen.contains(point.parameters[axis][1]) { seen.append(point.parameters[axis][1]) }
        return seen
    }

    /// The comparisons made, in first-seen order.
    var comparisons: [String] {
        var names: [String] = []
        for record in records {
            for c in record.comparisons where !names.contains("\(c.hedged) vs \(c.baseline)") { names.append("\(c.hedged) vs \(c.baseline)") }
        }
        return names
    }

    func comparison(_ name: String, in record: RunRecord) -> RunSummary.Comparison? {
        record.comparisons.first { "\($0.hedged) vs \($0.baseline)" == name }
    }

    /// Whether the points of each scenario are the full product of the axes' values (a grid), not a box's scattered points.
    var isGrid: Bool {
        let perScenario = manifest.points.filter { $0.scenario == manifest.points.first?.scenario }.count
        let product = manifest.axes.indices.reduce(1.0) { $0 * Double(values(of: $1).count) }
        return product == Double(perScenario)
    }

    /// The axes to chart: tied axes (`also`), whose values equal an earlier axis's at every point, are left out.
    var chartedAxes: [Int] {
        manifest.axes.indices.filter { axis in
            !(0..<axis).contains { earlier in manifest.points.allSatisfy { $0.parameters[earlier][1] == $0.parameters[axis][1] } }
        }
    }

    /// A box's view: per comparison and axis, every point's reduction against its value on that axis, one colour per scenario.
    func boxCharts(scenarios: [String]) -> String {
        var page = ""
        for name in comparisons {
            for axis in chartedAxes {
                var chart = SVGChart(title: name, xLabel: manifest.axes[axis], yLabel: "drawdown reduction")
                chart.width = 380
                chart.height = 280
                chart.yFormat = { SVGChart.percent($0) }
                for (offset, scenario) in scenarios.enumerated() {
                    let points = zip(manifest.points, records).compactMap { point, record -> (Double, Double)? in
                        guard point.scenario == scenario, let x = Double(point.parameters[axis][1]),
                              let r = comparison(name, in: record)?.ratioOfMeansReduction else { return nil }
                        return (x, r.value)
                    }
                    chart.dots(points, color: SVGChart.palette[offset % SVGChart.palette.count], label: scenario)
                }
                if !chart.isEmpty { page += chart.render() }
            }
        }
        return page
    }

    public func html() -> String {
        let scenarios = manifest.points.reduce(into: [String]()) { if !$0.contains($1.scenario) { $0.append($1.scenario) } }
        var page = """
            \(RunReport.head(title: "alvh sweep: " + manifest.name))
            <h1>alvh sweep: \(SVGChart.escape(manifest.name))</h1><p>\(SVGChart.escape(manifest.description))</p>
            <p class="small">\(manifest.points.count) points, \(ReportNumbers.count(manifest.paths)) paths each, seed \(manifest.seed) for every point \
            (common random numbers), generator \(manifest.generator). Reduction is 1 - mean(MDD hedged) / mean(MDD baseline) \
            with its 95% paired bootstrap interval.</p><div class="charts">
            """
        if !isGrid && manifest.axes.count >= 2 { page += boxCharts(scenarios: scenarios) }
        for name in comparisons where isGrid || manifest.axes.count < 2 {
            for scenario in scenarios {
                let indexed = zip(manifest.points, records).filter { $0.0.scenario == scenario }
                if manifest.axes.count == 1 {
                    var chart = SVGChart(title: "\(name), \(scenario)", xLabel: manifest.axes[0], yLabel: "drawdown reduction")
                    chart.yFormat = { SVGChart.percent($0) }
                    var points: [(Double, Double, Double, Double)] = []
                    for (point, record) in indexed {
                        guard let x = Double(point.parameters[0][1]), let r = comparison(name, in: record)?.ratioOfMeansReduction
                        else { continue }
                        points.append((x, r.value, r.lower, r.upper))
                    }
                    points.sort { $0.0 < $1.0 }
                    chart.band(lower: points.map { ($0.0, $0.2) }, upper: points.map { ($0.0, $0.3) }, color: "#1f77b4", opacity: 0.2, label: "95% interval")
                    chart.line(points.map { ($0.0, $0.1) }, color: "#1f77b4", label: "reduction")
                    chart.line(points.map { ($0.0, 0) }, color: "#888", dashed: true)
                    page += chart.render()
                } else if manifest.axes.count >= 2 {
                    let xs = values(of: 0)
                    let ys = values(of: 1)
                    var sums = [[Double]](repeating: [Double](repeating: 0, count: xs.count), count: ys.count)
                    var counts = sums
                    for (point, record) in indexed {
                        guard let r = comparison(name, in: record)?.ratioOfMeansReduction,
                              let x = xs.firstIndex(of: point.parameters[0][1]),
                              let y = ys.firstIndex(of: point.parameters[1][1]) else { continue }
                        sums[y][x] += r.value
                        counts[y][x] += 1
                    }
                    let cells = zip(sums, counts).map { zip($0, $1).map { $1 > 0 ? $0 / $1 : .nan } }
                    let extra = manifest.axes.count > 2 ? " (mean over other axes)" : ""
                    page += HeatMap(title: "\(name), \(scenario)\(extra)", xLabel: manifest.axes[0], yLabel: manifest.axes[1],
                                    xValues: xs, yValues: ys, cells: cells).render()
                }
            }
        }
        let shares = ClaimShares(records: records)
        page += "</div><h2>The claims across the points</h2><p class=\"small\">Each point judged by the run's own rule "
            + "(its report's); shares of the points judged, with 95% Wilson intervals (verdicts.json).</p>"
            + "<table class=\"claims\"><tr><th>claim</th><th>subject</th><th>supported</th><th>not supported</th>"
            + "<th>inconclusive</th><th>points judged</th><th>not judged</th></tr>"
        for row in shares.rows {
            page += "<tr><td>\(SVGChart.escape(row.claim))</td><td>\(SVGChart.escape(row.subject))</td>"
                + [row.supported, row.notSupported, row.inconclusive].map { "<td>\(ReportNumbers.interval($0.value, $0.lower, $0.upper))</td>" }.joined()
                + "<td>\(row.points)</td><td>\(row.notJudged)</td></tr>"
        }
        page += "</table>"
        page += "<h2>Points</h2><table><tr><th>point</th><th>scenario</th>"
        for axis in manifest.axes { page += "<th>\(SVGChart.escape(axis))</th>" }
        for name in comparisons { page += "<th>\(SVGChart.escape(name)) [95%]</th>" }
        page += "</tr>"
        for (point, record) in zip(manifest.points, records) {
            page += "<tr><td>\(point.index)</td><td>\(SVGChart.escape(point.scenario))</td>"
            for parameter in point.parameters { page += "<td>\(SVGChart.escape(parameter[1]))</td>" }
            for name in comparisons {
                if let c = comparison(name, in: record) {
                    if let r = c.ratioOfMeansReduction {
                        page += "<td>\(ReportNumbers.interval(r.value, r.lower, r.upper))</td>"
                    } else {
                        page += "<td>not defined</td>"
                    }
                } else {
                    page += "<td>-</td>"
                }
            }
            page += "</tr>"
        }
        page += "</table></body></html>\n"
        return page
    }
}
