@testable import ALVHKit
import Foundation
import Testing

/// The report's layout and what its new tables and fans hold, checked
/// against the run's own files.
@Suite struct RunReportTests {
    /// A run whose first 200 paths (the fan subsample) are all in sample_paths.csv.
    static let run = Result { try SmallRun(samplePaths: 200) }

    /// The `<svg>` elements of a page, in order.
    static func charts(_ html: String) -> [String] {
        var svgs: [String] = []
        var rest = html[...]
        while let start = rest.range(of: "<svg"), let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex) {
            svgs.append(String(rest[start.lowerBound..<end.upperBound]))
            rest = rest[end.upperBound...]
        }
        return svgs
    }

    /// The y tick labels of a chart: the end-anchored texts left of the plot.
    static func yTicks(_ svg: String) -> [String] {
        svg.components(separatedBy: "text-anchor=\"end\">").dropFirst().map { String($0.prefix { $0 != "<" }) }
    }

    @Test func underwaterFansAreTheRunningPeakDrawdownsOfTheFanPaths() throws {
        let run = try Self.run.get()
        let samples = run.text("sample_paths.csv").split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        let closes = run.record.horizonDays + 1
        #expect(samples.count == 200 * closes)
        let fans = run.text("fans.csv").split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        for (strategy, name) in run.names.enumerated() {
            var peaks = [Double](repeating: 0, count: 200)
            for day in 0..<closes {
                var drawdowns: [Double] = []
                for path in 0..<200 {
                    let equity = Double(samples[path * closes + day][4 + strategy])!
                    peaks[path] = day == 0 ? equity : max(peaks[path], equity)
                    drawdowns.append(1 - equity / peaks[path])
                }
                let row = try #require(fans.first { $0[0] == "drawdown:\(name)" && Int($0[1]) == day })
                let quantiles = Quantiles(drawdowns.map { max(0, $0) })
                for (offset, level) in RunTables.fanLevels.enumerated() {
                    #expect(abs(Double(row[2 + offset])! - quantiles.value(at: level)) <= 1e-12, "\(name) day \(day) p\(level)")
                }
            }
        }
    }

    @Test func timeUnderWaterAndWorstDayDistributionsComeFromEveryPath() throws {
        let run = try Self.run.get()
        let rows = run.text("paths.csv").split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        let distributions = run.text("distributions.csv").split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        for name in run.names {
            let mine = rows.filter { $0[1] == name }
            for (metric, column) in [("longestUnderwaterDays", 6), ("worstDay", 5)] {
                let values = mine.map { Double($0[column])! }
                let cdf = distributions.filter { $0[0] == Substring(metric) && $0[1] == Substring(name) && $0[2] == "cdf" }
                #expect(cdf.count == RunTables.cdfLevels.count)
                #expect(Double(cdf.first![3])! == values.min()!, "\(name) \(metric)")
                #expect(Double(cdf.last![3])! == values.max()!, "\(name) \(metric)")
            }
            let adjustments = mine.reduce(0) { $0 + Int($1[10])! }
            #expect(run.record.summary.strategy(name)?.adjustments == adjustments)
        }
        // ALVH's monetise rule sells layers on some paths of W1: the count is not trivially zero.
        #expect((run.record.summary.strategy("alvh")?.adjustments ?? 0) > 0)
        let table = run.text("strategies.csv").split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let column = try #require(table[0].firstIndex(of: "adjustments"))
        #expect(table[3][column] == "\(run.record.summary.strategy("alvh")!.adjustments)")
    }

    @Test func theVerdictComesFirstAndNumbersHaveOneFormat() throws {
        let run = try Self.run.get()
        let html = run.text("report.html")
        let verdict = try #require(html.range(of: "<h2>Verdict</h2>"))
        let claims = try #require(html.range(of: "<h2>The source material's claims</h2>"))
        #expect(verdict.lowerBound < claims.lowerBound)
        #expect(html.contains("single-call vs unhedged</td><td class=\"lower\">lower drawdown</td>"))
        // W1's 2022 claim does not apply: it sits behind a note, not in the main table.
        let note = try #require(html.range(of: "<details><summary>1 claim does not apply to this run"))
        #expect(html[note.upperBound...].contains("In a 2022-style year"))
        #expect(!html[claims.upperBound..<note.lowerBound].contains("In a 2022-style year"))
        // Percentages with one decimal and dollars with separators throughout the tables.
        let twoDecimals = "[0-9][.][0-9][0-9]%"
        let separated = "-[$][0-9]+,[0-9][0-9][0-9]"
        #expect(html.range(of: twoDecimals, options: .regularExpression) == nil)
        #expect(html.range(of: separated, options: .regularExpression) != nil)
        #expect(html.contains("<th>adjustments per path</th>"))
    }

    @Test func equityAndUnderwaterPanelsShareOneScaleAndLegendsStayOffTheData() throws {
        let run = try Self.run.get()
        let charts = Self.charts(run.text("report.html"))
        for family in ["Equity: ", "Drawdown from peak: "] {
            let panels = charts.filter { svg in run.names.contains { svg.contains("<title>\(family)\($0)</title>") } }
            #expect(panels.count == run.names.count, "\(family)")
            let ticks = panels.map(Self.yTicks)
            #expect(ticks.allSatisfy { $0 == ticks[0] && $0.count >= 4 }, "\(family)\(ticks)")
        }
        // Every legend swatch sits above the plot frame (y of the frame's top edge).
        for svg in charts {
            guard let frame = svg.range(of: ##"fill="none" stroke="#888""##) else { continue }
            let head = svg[..<frame.lowerBound]
            let frameTop = Double(head.components(separatedBy: "<rect x=").last!.components(separatedBy: "y=\"")[1].prefix { $0 != "\"" })!
            for swatch in svg.components(separatedBy: "width=\"12\" height=\"9\"").dropLast() {
                let y = Double(swatch.components(separatedBy: "y=\"").last!.prefix { $0 != "\"" })!
                #expect(y + 9 <= frameTop, "a legend on the data")
            }
        }
    }

    @Test func aRunWithoutTheClaimedStrategiesHidesTheClaims() throws {
        let run = try Self.run.get()
        var metadata = run.record.metadata
        metadata.claims = ClaimRoles(alvh: [], singleCall: nil, unhedged: nil)
        let renamed = RunRecord(metadata: metadata, fanChartPaths: run.record.fanChartPaths, summary: run.record.summary)
        let html = try RunReport(record: renamed, distributionsCSV: run.text("distributions.csv"), fansCSV: run.text("fans.csv")).html()
        #expect(html.contains("<p>None of the claims applies to this run.</p>"))
        #expect(html.contains("<details><summary>4 claims do not apply to this run"))
        #expect(html.contains("<h2>Verdict</h2><table class=\"headline\">"))
    }

    @Test func aFolderWrittenBeforeTheUnderwaterFansStillRebuilds() throws {
        let run = try Self.run.get()
        let fans = run.text("fans.csv").split(separator: "\n").filter { !$0.hasPrefix("drawdown:") }.joined(separator: "\n") + "\n"
        let distributions = run.text("distributions.csv").split(separator: "\n")
            .filter { !$0.hasPrefix("longestUnderwaterDays,") && !$0.hasPrefix("worstDay,") }.joined(separator: "\n") + "\n"
        let html = try RunReport(record: run.record, distributionsCSV: distributions, fansCSV: fans).html()
        #expect(!html.contains("Under water"))
        // A partial underwater series is refused, naming it.
        let partial = run.text("fans.csv").split(separator: "\n").filter { !$0.hasPrefix("drawdown:alvh,3,") }.joined(separator: "\n") + "\n"
        #expect(throws: OutputError.self) { try RunReport(record: run.record, distributionsCSV: run.text("distributions.csv"), fansCSV: partial) }
        // summary.json without `adjustments` reads them as 0.
        var object = try JSONSerialization.jsonObject(with: Data(run.text("summary.json").utf8)) as! [String: Any]
        object["strategies"] = (object["strategies"] as! [[String: Any]]).map { var s = $0; s["adjustments"] = nil; return s }
        let old = try JSONDecoder().decode(RunRecord.self, from: JSONSerialization.data(withJSONObject: object))
        #expect(old.summary.strategies.allSatisfy { $0.adjustments == 0 })
    }

    @Test func numbersAreFormattedOneWay() {
        #expect(ReportNumbers.dollars(-119_045.4) == "-$119,045")
        #expect(ReportNumbers.dollars(999.5) == "$1,000")
        #expect(ReportNumbers.dollars(12) == "$12")
        #expect(ReportNumbers.dollars(1_234_567) == "$1,234,567")
        #expect(ReportNumbers.percent(0.0894) == "8.9%")
        #expect(ReportNumbers.percent(-0.00001) == "0.0%")
        #expect(ReportNumbers.count(20_000) == "20,000")
        #expect(SVGChart.compact(1_050_000) == "1.05M" && SVGChart.compact(950_000) == "950k" && SVGChart.compact(50) == "50")
        #expect(SVGChart.dollars(-200_000) == "-$200k" && SVGChart.percent(0.025) == "2.5%" && SVGChart.percent(0.1) == "10%")
        // Ticks: at least four round values over a drawdown axis.
        #expect(SVGChart.ticks(0, 0.55) == [0, 0.1, 0.2, 0.30000000000000004, 0.4, 0.5])
    }

    @Test func heatMapsHaveAColourBarAndTheirAxisNamesApart() {
        let map = HeatMap(title: "alvh vs unhedged, w1", xLabel: "strategies.alvh.budgetFraction",
                          yLabel: "condor.shortStrikes.standardDeviations", xValues: ["0.1", "0.2"], yValues: ["1.0", "1.5"],
                          cells: [[0.02, -0.04], [0.01, .nan]])
        let svg = map.render()
        #expect(SVGInspector.inspect(svg).ok)
        #expect(svg.contains("<linearGradient") && svg.contains("fill=\"url(#heat-"))
        for label in ["4.0%", "0.0%", "-4.0%", "-"] { #expect(svg.contains(">\(label)</text>"), "\(label)") }
        #expect(svg.contains(">condor.shortStrikes.standardDeviations (rows)</text>"))
    }
}
