@testable import ALVHKit
import Foundation
import Testing

/// The statistics the verdicts rest on: materiality, the per-path reduction
/// over material baselines, tail reductions with paired-bootstrap intervals,
/// `P(MDD > x)` with its Wilson interval, and the rules that combine them.
@Suite struct VerdictStatisticsTests {
    static func estimate(_ value: Double, _ lower: Double, _ upper: Double) -> RunSummary.Estimate {
        RunSummary.Estimate(value: value, interval: lower...upper)
    }

    static func comparison(ratio: RunSummary.Estimate, perPath: RunSummary.Estimate?) -> RunSummary.Comparison {
        RunSummary.Comparison(
            hedged: "alvh", baseline: "single-call", pairedPaths: 1_000, meanReduction: ratio, ratioOfMeansReduction: ratio,
            probabilityLower: 0.6, notDefined: nil, materialPairedPaths: 900, materialMeanReduction: perPath)
    }

    @Test func betterNeedsTheWholeIntervalAboveTheMateriality() {
        let small = Self.comparison(ratio: Self.estimate(0.03, 0.025, 0.035), perPath: Self.estimate(0.04, 0.03, 0.05))
        let claimed = { (m: Double) in m...Double.greatestFiniteMagnitude }
        #expect(ClaimVerdict.judgeReduction(small, claimed: claimed(0.05)) == .notSupported)
        #expect(ClaimVerdict.judgeReduction(small, claimed: claimed(0.01)) == .supported)
        #expect(ClaimVerdict.judgeReduction(small, claimed: claimed(0.03)) == .inconclusive)
        #expect(RunReport.headline(small, materiality: 0.05).word == "no material difference")
        #expect(RunReport.headline(small, materiality: 0.02).word == "lower drawdown")
        let worse = Self.comparison(ratio: Self.estimate(-0.08, -0.09, -0.07), perPath: Self.estimate(-0.05, -0.06, -0.04))
        #expect(RunReport.headline(worse, materiality: 0.05).word == "higher drawdown")
    }

    @Test func theMeanAndThePerPathReductionDisagreeingIsInconclusive() {
        // 2018's case: the ratio of means says better, the per-path mean says worse.
        let split = Self.comparison(ratio: Self.estimate(0.20, 0.17, 0.23), perPath: Self.estimate(-0.011, -0.014, -0.007))
        #expect(ClaimVerdict.disagree(split))
        #expect(ClaimVerdict.judgeReduction(split, claimed: 0.05...Double.greatestFiniteMagnitude) == .inconclusive)
        #expect(ClaimVerdict.judgeReduction(split, claimed: 0.35...0.40) == .inconclusive)
        #expect(RunReport.headline(split, materiality: 0.05).cssClass == "no-clear-difference")
        let agree = Self.comparison(ratio: Self.estimate(0.20, 0.17, 0.23), perPath: Self.estimate(0.1, 0.08, 0.12))
        #expect(!ClaimVerdict.disagree(agree) && ClaimVerdict.judgeReduction(agree, claimed: 0.35...0.40) == .notSupported)
        // Without the per-path figure (an old summary.json) the ratio decides alone.
        let old = Self.comparison(ratio: Self.estimate(0.20, 0.17, 0.23), perPath: nil)
        #expect(!ClaimVerdict.disagree(old))
    }

    @Test func perPathReductionOverMaterialBaselinesLeavesTinyDrawdownsOut() {
        // A baseline drawdown of 0.05% (a day's costs) whose hedged value is 0.5% would be a -900% reduction.
        let hedged = [0.005, 0.08, 0.09, 0.20]
        let baseline = [0.0005, 0.10, 0.10, 0.25]
        let reduction = PairedReduction(hedged: hedged, baseline: baseline)
        #expect(reduction.materialPairedPaths == 3)
        #expect(abs(reduction.materialMeanReduction! - (0.2 + 0.1 + 0.2) / 3) < 1e-12)
        #expect(abs(reduction.materialMedianReduction! - 0.2) < 1e-12)
        #expect(reduction.meanReduction! < -2)
    }

    @Test func tailReductionIntervalsHoldTheirEstimatesAndDoNotDependOnThreads() throws {
        var stream = RandomStream(RandomConfiguration(seed: 11))
        stream.startPath(0)
        let baseline = (0..<20_000).map { _ in 0.02 + 0.2 * pow(stream.uniform(), 3) }
        // The hedge cuts the largest drawdowns by a fifth and leaves the others.
        let hedged = baseline.map { $0 > 0.12 ? 0.8 * $0 : $0 }
        let bootstrap = PairedBootstrap(replicates: 400, seed: 5)
        let pair = PairedBootstrap.Pair(hedged: hedged, baseline: baseline)
        let one = bootstrap.intervals([pair], threads: 1)[0]
        let two = bootstrap.intervals([pair], threads: 2)[0]
        #expect(one == two)
        let summary = RunSummary(
            names: ["u", "h"], maxDrawdowns: [baseline, hedged], finalPnLs: [baseline, hedged], meanHedgeSpend: [120, 19_640.5],
            meanHedgePayoff: [0, 0], pairs: [(hedged: 1, baseline: 0)], bootstrap: bootstrap, threads: 2)
        let c = summary.comparisons[0]
        // Each comparison carries what its two sides spent, in summary.json and comparisons.csv.
        #expect(c.hedgedSpend == 19_640.5 && c.baselineSpend == 120 && c.extraSpend == 19_520.5)
        let row = SummaryTables.comparisons(summary).split(separator: "\n")[1]
        #expect(row.hasSuffix(",19640.5,120.0"))
        let json = try JSONDecoder().decode(RunSummary.Comparison.self, from: JSONEncoder().encode(c))
        #expect(json.extraSpend == 19_520.5)
        let p95 = try #require(c.p95Reduction)
        let cvar = try #require(c.cvar95Reduction)
        #expect(p95.lower <= p95.value && p95.value <= p95.upper && p95.upper - p95.lower < 0.05)
        #expect(cvar.lower <= cvar.value && cvar.value <= cvar.upper)
        // The top 5% of drawdowns are all above 0.12 here: both tail statistics are cut by exactly a fifth.
        #expect(abs(cvar.value - 0.2) < 1e-12 && abs(p95.value - 0.2) < 1e-9)
        #expect(cvar.lower > 0.19 && cvar.upper < 0.21)
        let material = try #require(c.materialMeanReduction)
        #expect(material.lower <= material.value && material.value <= material.upper)
    }

    @Test func exceedanceSharesHaveWilsonIntervals() {
        let ten = StrategySummary.Exceedance(level: 0.1, values: (0..<100).map { $0 < 10 ? 0.2 : 0.05 })
        #expect(ten.share == 0.1)
        // Wilson's 95% interval of 10 in 100: [0.0552, 0.1744].
        #expect(abs(ten.lower - 0.0552) < 5e-4 && abs(ten.upper - 0.1744) < 5e-4)
        let none = StrategySummary.Exceedance(level: 0.3, values: [Double](repeating: 0.05, count: 100))
        #expect(none.share == 0 && none.lower == 0 && abs(none.upper - 0.0370) < 5e-4)
        // Exactly at the level is not above it.
        #expect(StrategySummary.Exceedance(level: 0.1, values: [0.1, 0.1]).share == 0)
    }

    @Test func theScenarioSetsMaterialityAndLevelsWithoutDeclaringRoles() throws {
        let text = ScenarioDefaultTests.minimal.replacingOccurrences(of: "%@\n", with: "")
            + "claims: {materiality: 0.1, drawdownLevels: [0.05, 0.25]}\n"
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("alvh-claims-\(UUID().uuidString).yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let scenario = try Scenario.load(path: path)
        let plan = scenario.configuration.comparisonPlan
        #expect(plan.claims.materiality == 0.1 && plan.claims.drawdownLevels == [0.05, 0.25])
        #expect(plan.claims.unhedged == "u")  // still inferred
        for bad in ["claims: {materiality: 1.5}", "claims: {drawdownLevels: [0]}", "claims: {drawdownLevels: []}"] {
            let broken = ScenarioDefaultTests.minimal.replacingOccurrences(of: "%@\n", with: "") + bad + "\n"
            try broken.write(toFile: path, atomically: true, encoding: .utf8)
            #expect(throws: ScenarioError.self, "\(bad)") { try Scenario.load(path: path) }
        }
    }
}
