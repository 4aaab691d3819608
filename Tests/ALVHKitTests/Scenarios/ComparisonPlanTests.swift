@testable import ALVHKit
import Foundation
import Testing

/// Comparisons and claim roles: declared in the scenario, or inferred as
/// before (W1's three pairs unchanged); names checked where they stand.
@Suite struct ComparisonPlanTests {
    @Test func w1InfersItsThreePairsAndClaimRoles() {
        let plan = StressConfiguration.w1.comparisonPlan
        #expect(plan.pairs == [
            StrategyPair(hedged: "single-call", baseline: "unhedged"), StrategyPair(hedged: "alvh", baseline: "unhedged"),
            StrategyPair(hedged: "alvh", baseline: "single-call"),
        ])
        #expect(plan.claims == ClaimRoles(alvh: ["alvh"], singleCall: "single-call", unhedged: "unhedged"))
        #expect(StressConfiguration.w1.comparisonPairs.map { [$0.hedged, $0.baseline] } == [[1, 0], [2, 0], [2, 1]])
    }

    @Test func declaredComparisonsAndClaimsAreUsedAndCompleted() throws {
        let path = try ReliabilityTests.w1("""
            comparisons:
              - {hedged: alvh, baseline: single-call}
            claims:
              alvh: [single-call]
              unhedged: unhedged

            """)
        let configuration = try Scenario.load(path: path).configuration
        let plan = configuration.comparisonPlan
        // The declared pair, then what the claims need (the variant against the unhedged baseline).
        #expect(plan.pairs == [StrategyPair(hedged: "alvh", baseline: "single-call"), StrategyPair(hedged: "single-call", baseline: "unhedged")])
        #expect(plan.claims.alvh == ["single-call"] && plan.claims.singleCall == nil)
        // Leaving a strategy out drops the declarations that name it.
        let kept = configuration.keepingStrategies(["unhedged", "single-call"])
        #expect(kept.comparisonPlan.pairs == [StrategyPair(hedged: "single-call", baseline: "unhedged")])
    }

    @Test func unknownNamesAreLocated() throws {
        let path = try ReliabilityTests.w1("comparisons:\n  - {hedged: nosuch, baseline: unhedged}\n")
        let issues = ReliabilityTests.issues(path)
        #expect(issues.map { "\($0.line) \($0.keyPath)" } == ["3 comparisons[0]"], "\(issues)")
        let claims = ReliabilityTests.issues(try ReliabilityTests.w1("claims:\n  alvh: [alvh2]\n"))
        #expect(claims.count == 1 && claims[0].keyPath == "claims.alvh" && claims[0].line == 3, "\(claims)")
        let same = ReliabilityTests.issues(try ReliabilityTests.w1("comparisons:\n  - {hedged: alvh, baseline: alvh}\n"))
        #expect(same.first?.message.contains("itself") == true)
    }

    /// Every ALVH variant the claims name is judged on every claim.
    @Test func everyDeclaredVariantIsJudged() throws {
        let scenario = try Scenario.load(path: ScenarioLoadingTests.scenarios.appendingPathComponent("w1-adaptive.yaml").path)
        let folder = ReliabilityTests.temporary("variants")
        guard case .run(let record) = try ReliabilityTests.job(scenario, paths: 200).execute(into: folder) else {
            Issue.record("not a run")
            return
        }
        #expect(record.claims.alvh == ["alvh", "alvh-adaptive"])
        let verdicts = ClaimVerdict.verdicts(record)
        #expect(verdicts.count == 8)
        #expect(verdicts.filter { $0.claim.contains("ALVH (alvh-adaptive)") }.allSatisfy { $0.verdict != .notMeasured || $0.claim.contains("2022") })
        #expect(record.comparisons.contains { $0.hedged == "alvh-adaptive" && $0.baseline == "single-call" })
    }
}
