@testable import ALVHKit
import Foundation
import Testing

/// `alvh verdicts`: a Sobol box of assumptions run as a sweep, and the share
/// of its points where each claim holds.
@Suite struct VerdictBoxTests {
    /// A box file next to W1 with a short horizon: a continuous budget axis and a listed strike axis.
    static func boxFile(points: Int = 6, extra: String = "") throws -> String {
        let path = try SweepTests.sweepFile(paths: 300, extra: "")
        let folder = (path as NSString).deletingLastPathComponent
        let text = """
            name: box
            scenarios: [short.yaml]
            paths: 300
            seed: 3
            fanPaths: 50
            bootstrap: 50
            design: {sobol: \(points)}
            axes:
              - {key: strategies.alvh.budgetFraction, range: {from: 0.0, to: 1.0}}
              - {key: condor.wings.points, values: [25, 50, 75, 100]}
            \(extra)
            """
        let box = (folder as NSString).appendingPathComponent("box.yaml")
        try text.write(toFile: box, atomically: true, encoding: .utf8)
        return box
    }

    @Test func sobolPointsAreGSLsSequenceMappedOntoTheAxes() throws {
        // GSL's Sobol sequence in two dimensions starts (0.5, 0.5), (0.75, 0.25), (0.25, 0.75), (0.375, 0.375).
        let points = SobolDesign.points(count: 4, dimensions: 2)
        #expect(points == [[0.5, 0.5], [0.75, 0.25], [0.25, 0.75], [0.375, 0.375]])
        #expect(SobolDesign.points(count: 64, dimensions: 3) == SobolDesign.points(count: 64, dimensions: 3))
        let spec = try SweepSpec.load(path: try Self.boxFile(points: 4))
        #expect(spec.points.map { $0.parameters[0][1] } == ["0.5", "0.75", "0.25", "0.375"])
        // The second coordinate picks one of the four listed wings by floor(4 u).
        #expect(spec.points.map { $0.parameters[1][1] } == ["75", "50", "100", "50"])
        #expect(spec.points.map(\.index) == [0, 1, 2, 3])
    }

    /// An axis with `also` sets its value on every key it names: both hedges get the same budget at every point.
    @Test func tiedKeysTakeTheAxisValue() throws {
        let file = try Self.boxFile(points: 5)
        let text = try String(contentsOfFile: file, encoding: .utf8).replacingOccurrences(
            of: "{key: strategies.alvh.budgetFraction, range:",
            with: "{key: strategies.alvh.budgetFraction, also: [strategies.single-call.budgetFraction], range:")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let spec = try SweepSpec.load(path: file)
        #expect(spec.axes == ["strategies.alvh.budgetFraction", "strategies.single-call.budgetFraction", "condor.wings.points"])
        for point in spec.points {
            #expect(point.parameters[0][1] == point.parameters[1][1])
            let scenario = try spec.scenario(of: point)
            let budgets = scenario.configuration.strategies.compactMap { strategy -> Double? in
                guard case .vixCalls(let hedge) = strategy.hedge, case .creditFraction(let fraction) = hedge.budget else { return nil }
                return fraction
            }
            #expect(budgets.count == 2 && budgets[0] == budgets[1] && "\(budgets[0])" == point.parameters[0][1])
        }
    }

    @Test func aBoxIsRefusedWhereItCannotBeDrawn() throws {
        for (extra, key) in [("points: [{strategies.alvh.budgetFraction: 0.2, condor.wings.points: 50}]", "points"),
                             ("", "design.sobol")] {
            let file = try Self.boxFile(points: extra.isEmpty ? 0 : 4, extra: extra)
            do {
                _ = try SweepSpec.load(path: file)
                Issue.record("\(key): the box was accepted")
            } catch {
                #expect(error.description.contains(key), "\(error.description)")
            }
        }
        // Without a Sobol design a range needs its step.
        let grid = try SweepTests.sweepFile(paths: 300)
        let text = try String(contentsOfFile: grid, encoding: .utf8)
            .replacingOccurrences(of: "range: {from: 25, to: 75, step: 25}", with: "range: {from: 25, to: 75}")
        try text.write(toFile: grid, atomically: true, encoding: .utf8)
        do {
            _ = try SweepSpec.load(path: grid)
            Issue.record("a grid range without step was accepted")
        } catch {
            #expect(error.description.contains("step"), "\(error.description)")
        }
    }

    @Test func theSharesCountEveryPointsVerdictAndShardsAgree() throws {
        let box = try Self.boxFile(points: 6)
        let spec = try SweepSpec.load(path: box)
        let whole = SweepTests.folder()
        #expect(try SweepRun(spec: spec, folder: whole, threads: 2, version: "test").execute())
        let shares = try JSONText.decode(ClaimShares.self, from: whole.appendingPathComponent("verdicts.json"), what: "verdicts")
        let records = try spec.points.map { point in
            try RunOutputs.record(from: whole.appendingPathComponent(point.folderName).appendingPathComponent("summary.json"))
        }
        #expect(shares == ClaimShares(records: records))
        #expect(shares.rows.count == 4 && shares.rows.allSatisfy { $0.subject == "alvh" && $0.points + $0.notJudged == 6 })
        for row in shares.rows where row.points > 0 {
            #expect(abs(row.supported.value + row.notSupported.value + row.inconclusive.value - 1) < 1e-12)
            #expect(row.supported.lower <= row.supported.value && row.supported.value <= row.supported.upper)
        }
        // The 2022 claim is about a 2022-style year: never judged on W1's box.
        #expect(shares.rows[3].points == 0 && shares.rows[3].notJudged == 6)
        // Each row's verdicts are the points' own.
        let beats = records.map { ClaimVerdict.verdicts($0)[2].verdict }
        #expect(shares.rows[2].notSupported.value == Double(beats.filter { $0 == .notSupported }.count) / 6)
        // Two shards and their merge give the same shares.
        let sharded = SweepTests.folder()
        for index in 0..<2 {
            _ = try SweepRun(spec: spec, folder: sharded, shard: try Shard(index: index, count: 2), threads: 1, version: "test").execute()
        }
        let merged = try JSONText.decode(ClaimShares.self, from: sharded.appendingPathComponent("verdicts.json"), what: "verdicts")
        #expect(merged == shares)
        // A box is not a grid: its page plots every point against each axis, with no heat map of scattered values.
        let manifest = try JSONText.decode(SweepRun.Manifest.self, from: whole.appendingPathComponent("sweep.json"), what: "sweep")
        let report = SweepReport(manifest: manifest, records: records)
        #expect(!report.isGrid && report.chartedAxes == [0, 1])
        let html = report.html()
        #expect(html.contains("<circle") && !html.contains("linearGradient"))
        #expect(html.contains("<h2>The claims across the points</h2>"))
    }
}
