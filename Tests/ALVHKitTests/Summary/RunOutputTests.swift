@testable import ALVHKit
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// A small W1 run written to a temporary folder, as `alvh run` writes it.
struct SmallRun {
    let folder: URL
    let record: RunRecord
    let paths = 1_500
    let names: [String]

    init(threads: Int = 2, horizon: Int = 63, samplePaths: Int = 2) throws {
        var configuration = StressConfiguration.w1
        configuration.horizonDays = horizon
        names = configuration.strategies.map(\.name)
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("alvh-run-\(UUID().uuidString)")
        let scenario = Scenario(name: "w1", description: "W1 test", paths: paths, seed: 5, configuration: configuration)
        let job = RunJob(
            scenario: scenario, scenarioFile: "w1.yaml", scenarioSHA256: "0", paths: paths,
            simulator: ParallelSimulator(threads: threads, random: RandomConfiguration(seed: 5)), fanPaths: 200,
            samplePaths: samplePaths, bootstrap: PairedBootstrap(replicates: 200), version: "test")
        guard case .run(let record) = try job.execute(into: folder) else { throw OutputError(path: "", message: "no run") }
        self.record = record
    }

    func text(_ name: String) -> String {
        String(decoding: FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) ?? Data(), as: UTF8.self)
    }
}

/// Collects the elements of an XML document and whether it parsed.
final class SVGInspector: NSObject, XMLParserDelegate {
    var elements: [String: Int] = [:]
    var longestPolyline = 0

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        elements[name, default: 0] += 1
        if name == "polyline" || name == "polygon" {
            longestPolyline = max(longestPolyline, (attributes["points"] ?? "").split(separator: " ").count)
        }
    }

    static func inspect(_ svg: String) -> (ok: Bool, inspector: SVGInspector) {
        let parser = XMLParser(data: Data(svg.utf8))
        let inspector = SVGInspector()
        parser.delegate = inspector
        return (parser.parse(), inspector)
    }
}

@Suite struct RunOutputTests {
    static let run = Result { try SmallRun() }

    @Test func everyFileIsWrittenUnderItsFinalName() throws {
        let run = try Self.run.get()
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: run.folder.path))
        #expect(files == [
            "paths.csv", "summary.json", "strategies.csv", "comparisons.csv", "distributions.csv", "fans.csv", "sample_paths.csv",
            "report.html",
        ])
        let rows = run.text("paths.csv").split(separator: "\n")
        #expect(rows.count == 1 + run.paths * 3)
        #expect(rows[0] + "\n" == RunTables.pathsHeader)
        #expect(rows.dropFirst().allSatisfy { $0.split(separator: ",").count == 21 })
        let samples = run.text("sample_paths.csv").split(separator: "\n")
        #expect(samples.count == 1 + 2 * 64)
        let staging = try FileManager.default.contentsOfDirectory(atPath: run.folder.deletingLastPathComponent().path)
        #expect(!staging.contains { $0.hasPrefix(".\(run.folder.lastPathComponent).partial") })
    }

    /// `paths.csv` rows of folders written before `skippedPurchases` was recorded (20 fields) still read, as 0.
    @Test func pathsRowsWithAndWithoutSkippedPurchasesRead() throws {
        var metrics = PathMetrics(path: 0, strategy: 0)
        metrics.maxDrawdown = 0.05
        metrics.skippedPurchases = 3
        let row = RunTables.pathRows([metrics], names: ["h"])
        #expect(row.hasSuffix(",3\n"))
        func read(_ rows: String) throws -> RunData {
            try RunData(names: ["h"], horizonDays: 1, pathRows: Substring(rows), dailyRows: "", firstPath: 0, file: "paths.csv")
        }
        #expect(try read(row).skippedPurchases == [3])
        let older = row.split(separator: ",").dropLast().joined(separator: ",") + "\n"
        #expect(try read(older).skippedPurchases == [0])
        #expect(try read(older).maxDrawdowns == [[0.05]])
        #expect(throws: OutputError.self) { try read(row.replacingOccurrences(of: ",3\n", with: ",-3\n")) }
    }

    @Test func summaryJSONHasTheDocumentedKeys() throws {
        let run = try Self.run.get()
        let object = try JSONSerialization.jsonObject(with: Data(run.text("summary.json").utf8)) as! [String: Any]
        #expect(object["pathDaysPerSecond"] is Double)
        let strategies = object["strategies"] as! [[String: Any]]
        #expect(strategies.count == 3)
        for strategy in strategies {
            for metric in ["maxDrawdown", "finalPnL"] {
                let summary = strategy[metric] as! [String: Any]
                for key in ["mean", "standardDeviation", "p1", "p5", "p10", "p25", "p50", "p75", "p90", "p95", "p99", "cvar95"] {
                    #expect(summary[key] is Double, "\(metric).\(key)")
                }
            }
        }
        let comparisons = object["comparisons"] as! [[String: Any]]
        #expect(comparisons.map { "\($0["hedged"]!) vs \($0["baseline"]!)" }
                == ["single-call vs unhedged", "alvh vs unhedged", "alvh vs single-call"])
        let decoded = try RunOutputs.record(from: run.folder.appendingPathComponent("summary.json"))
        #expect(decoded == run.record)
    }

    @Test func reportChartsAreWellFormedSVGWithData() throws {
        let run = try Self.run.get()
        let html = run.text("report.html")
        var svgs: [String] = []
        var rest = html[...]
        while let start = rest.range(of: "<svg"), let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex) {
            svgs.append(String(rest[start.lowerBound..<end.upperBound]))
            rest = rest[end.upperBound...]
        }
        // MDD histogram and CDF, P&L and worst-day CDFs, three reduction histograms, three
        // underwater fans, the time-under-water CDF, three equity fans, SPX and VIX fans.
        #expect(svgs.count == 16)
        for svg in svgs {
            let (ok, inspector) = SVGInspector.inspect(svg)
            #expect(ok)
            #expect(inspector.longestPolyline >= 60, "a chart without data")
        }
        // Self-contained: no scripts, stylesheets or images fetched from anywhere.
        #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("<img"))
        #expect(html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http") == false)
        for verdict in ["not supported", "not measured"] { #expect(html.contains(verdict)) }
    }

    @Test func reportRebuildsIdenticallyFromTheFiles() throws {
        let run = try Self.run.get()
        let record = try RunOutputs.record(from: run.folder.appendingPathComponent("summary.json"))
        let rebuilt = try RunReport(record: record, distributionsCSV: run.text("distributions.csv"), fansCSV: run.text("fans.csv"))
        #expect(rebuilt.html() == run.text("report.html"))
    }

    @Test func bootstrapIntervalsDoNotDependOnThreadsAndMatchTheNormalInterval() throws {
        var stream = RandomStream(RandomConfiguration(seed: 8))
        stream.startPath(0)
        let baseline = (0..<5_000).map { _ in 0.05 + 0.1 * stream.uniform() }
        let hedged = baseline.map { $0 * (0.8 + 0.2 * stream.uniform()) }
        let bootstrap = PairedBootstrap(replicates: 2_000, seed: 3)
        let pair = PairedBootstrap.Pair(hedged: hedged, baseline: baseline)
        let one = bootstrap.intervals([pair], threads: 1)[0]
        let two = bootstrap.intervals([pair], threads: 2)[0]
        #expect(one.mean == two.mean && one.ratio == two.ratio)
        // The mean reduction is an average of i.i.d. terms: its bootstrap interval is close to
        // the normal one (half-widths within 10%).
        let normal = try #require(PairedReduction(hedged: hedged, baseline: baseline).meanReductionInterval)
        let mean = try #require(one.mean)
        let halfWidth = (mean.upperBound - mean.lowerBound) / 2
        let normalHalfWidth = (normal.upperBound - normal.lowerBound) / 2
        #expect(abs(halfWidth / normalHalfWidth - 1) < 0.1)
        #expect(mean.contains(try #require(PairedReduction(hedged: hedged, baseline: baseline).meanReduction)))
    }

    /// A run folder is replaced only as a whole: a non-empty one is refused
    /// without `replacing`, and with it nothing of the old run survives.
    @Test func abandonedRunLeavesNothingAndCommitReplacesTheWholeFolder() throws {
        let final = FileManager.default.temporaryDirectory.appendingPathComponent("alvh-dir-\(UUID().uuidString)")
        let first = try RunDirectory.create(final: final)
        try first.write("a.txt", "half")
        first.abandon()
        #expect(!FileManager.default.fileExists(atPath: final.path))
        #expect(!FileManager.default.fileExists(atPath: first.staging.path))
        let second = try RunDirectory.create(final: final)
        try second.write("a.txt", "one")
        try second.commit()
        #expect(throws: OutputError.self) { try RunDirectory.create(final: final) }  // not empty
        #expect(throws: OutputError.self) { try RunDirectory.create(final: final, replacing: true) }  // not alvh's
        try Data("{}".utf8).write(to: final.appendingPathComponent("summary.json"))
        try Data("old".utf8).write(to: final.appendingPathComponent("old.txt"))
        let third = try RunDirectory.create(final: final, replacing: true)
        try third.write("a.txt", "two")
        try third.commit()
        #expect(String(decoding: FileManager.default.contents(atPath: final.appendingPathComponent("a.txt").path)!, as: UTF8.self) == "two")
        #expect(!FileManager.default.fileExists(atPath: final.appendingPathComponent("old.txt").path))
        #expect(!FileManager.default.fileExists(atPath: final.appendingPathComponent("summary.json").path))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: final.deletingLastPathComponent().path)
            .filter { $0.contains(final.lastPathComponent) && $0 != final.lastPathComponent }
        #expect(leftovers.isEmpty)
        #expect(throws: OutputError.self) { try RunDirectory.create(final: URL(fileURLWithPath: "/proc/alvh/x")) }
    }
}

/// The run's tables read with pandas as the README shows (`scripts/read_results.py`),
/// when python3 with pandas is on this machine.
@Suite struct PandasReadsTheTablesTests {
    @Test func pandasReadsEveryTable() throws {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import pandas"]
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        do { try probe.run() } catch {
            print("skipped: no python3 here")
            return
        }
        probe.waitUntilExit()
        guard probe.terminationStatus == 0 else {
            print("skipped: python3 has no pandas (pip install pandas to run this test)")
            return
        }
        let run = try RunOutputTests.run.get()
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../scripts/read_results.py").standardized.path
        let (status, text) = try Subprocess.run("/usr/bin/env", ["python3", script, run.folder.path], mergingErrors: true)
        #expect(status == 0, "\(text)")
        #expect(text.contains("strategies (3,"))
    }
}
