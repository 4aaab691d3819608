@testable import ALVHKit
import Foundation
import Testing

/// Spend-matched comparisons: a strategy's budget scaled until its mean
/// hedge spend per path matches another's on the run's paths.
@Suite struct SpendMatchingTests {
    /// W1's three strategies over 84 days; ALVH (on `execution`) matched to the single call.
    static func configuration(execution: OptionExecution = .vixDesk) -> StressConfiguration {
        var configuration = StressConfiguration.w1
        configuration.horizonDays = 84
        var alvh = VIXCallHedge.w1Layered
        alvh.execution = execution
        configuration.strategies[2] = StrategySpec(name: "alvh", hedge: .vixCalls(alvh), matchSpend: "single-call")
        return configuration
    }

    static func meanSpend(_ records: [PathMetrics], strategy: Int) -> Double {
        let spends = records.filter { $0.strategy == strategy }.map(\.hedgeSpend)
        return spends.reduce(0, +) / Double(spends.count)
    }

    @Test func matchedSpendIsWithinOnePercentOnTheRunsPaths() throws {
        for execution in [OptionExecution.w1, .vixDesk] {
            let configuration = Self.configuration(execution: execution)
            let simulator = ParallelSimulator(threads: 2, random: RandomConfiguration(seed: 4))
            let (matched, matches) = try SpendMatching.resolve(configuration, paths: 0..<600, simulator: simulator)
            #expect(matches.count == 1)
            let match = try #require(matches.first)
            #expect(match.strategy == "alvh" && match.target == "single-call")
            #expect(abs(match.relativeGap) <= SpendMatching.tolerance)
            // The run itself, with the scaled budget, spends what the match says.
            let records = simulator.run(StressProgram(matched), paths: 0..<600)
            let alvh = Self.meanSpend(records, strategy: 2)
            let single = Self.meanSpend(records, strategy: 1)
            #expect(abs(alvh / single - 1) <= SpendMatching.tolerance)
            #expect(alvh == match.spend && single == match.targetSpend)
            // W1's execution: spend is linear in the budget, so the first step lands on it.
            if execution == .w1 { #expect(match.steps == 2 && abs(match.relativeGap) < 1e-9) }
            // The unmatched budget spends something else: the scaling did work.
            let unmatched = Self.meanSpend(simulator.run(StressProgram(configuration), paths: 0..<600), strategy: 2)
            #expect(abs(unmatched / single - 1) > 0.02)
            guard case .vixCalls(let scaled) = matched.strategies[2].hedge, case .creditFraction(let fraction) = scaled.budget else {
                Issue.record("a scaled credit fraction")
                continue
            }
            #expect(abs(fraction - 0.2 * match.scale) < 1e-15)
        }
    }

    /// Whole SPX puts cost more than a cycle's budget buys, so at the budget
    /// as given most orders buy nothing and spend is a staircase in the
    /// budget: a proportional step from it overshoots (on alvh-seeds.yaml it
    /// ran off to 5.4 million dollars a path in 12 steps before the steps were bracketed).
    @Test func wholeContractsOnAStaircaseStillMeetTheTarget() throws {
        var configuration = Self.configuration()
        configuration.strategies[2] = StrategySpec(
            name: "spx-puts",
            hedge: .vixCalls(
                VIXCallHedge(
                    layers: [VIXCallLayer(name: "puts", expiryDays: 21, strike: .delta(0.10), weight: 1, instrument: .spxPut)],
                    execution: .vixDesk)),
            matchSpend: "single-call")
        let simulator = ParallelSimulator(threads: 2, random: RandomConfiguration(seed: 4))
        let (_, matches) = try SpendMatching.resolve(configuration, paths: 0..<600, simulator: simulator)
        let match = try #require(matches.first)
        #expect(abs(match.relativeGap) <= SpendMatching.tolerance && match.scale > 1 && match.steps > 2)
    }

    @Test func everyThreadCountAndShardFindsTheSameScale() throws {
        let configuration = Self.configuration()
        let scales = try [1, 2].map { threads in
            try SpendMatching.resolve(
                configuration, paths: 0..<400, simulator: ParallelSimulator(threads: threads, random: RandomConfiguration(seed: 4))
            ).matches[0].scale
        }
        #expect(scales[0] == scales[1])
        // A shard of a run matches over all the run's paths: its manifest reports the whole run's match.
        let scenario = Scenario(name: "m", description: "matched", paths: 400, seed: 4, configuration: configuration)
        func job(_ shard: Shard) -> RunJob {
            RunJob(
                scenario: scenario, scenarioFile: "m.yaml", scenarioSHA256: "abc", paths: 400, shard: shard,
                simulator: ParallelSimulator(threads: 2, random: RandomConfiguration(seed: 4)), fanPaths: 10,
                bootstrap: PairedBootstrap(replicates: 50), version: "test")
        }
        guard case .shard(let manifest) = try job(try Shard(index: 1, count: 2)).execute(into: ShardMergeTests.temporary("ms")),
            case .run(let record) = try job(.whole).execute(into: ShardMergeTests.temporary("mw"))
        else {
            Issue.record("a shard and a run")
            return
        }
        #expect(manifest.metadata.spendMatches == record.metadata.spendMatches)
        #expect(record.metadata.spendMatches?.first?.scale == scales[0])
    }

    @Test func aMatchMustNameAnotherStrategyThatSpends() throws {
        var configuration = Self.configuration()
        configuration.strategies[2].matchSpend = "alvh"
        #expect(throws: ParameterError.self) { try configuration.validate() }
        configuration.strategies[2].matchSpend = "nobody"
        #expect(throws: ParameterError.self) { try configuration.validate() }
        configuration.strategies[2].matchSpend = nil
        configuration.strategies[1].matchSpend = "alvh"
        configuration.strategies[2].matchSpend = "single-call"
        #expect(throws: ParameterError.self) { try configuration.validate() }
        // The unhedged condor spends nothing: there is no spend to match.
        var unhedged = Self.configuration()
        unhedged.strategies[2].matchSpend = "unhedged"
        do {
            _ = try SpendMatching.resolve(unhedged, paths: 0..<50, simulator: ParallelSimulator(threads: 2, random: RandomConfiguration(seed: 4)))
            Issue.record("matched to a strategy that spends nothing")
        } catch let error as ParameterError {
            #expect(error.key == "strategies[2].matchSpend" && error.message.contains("spends nothing"))
        }
        // From a scenario: a line and a key.
        let text = """
            extends: \(FileManager.default.currentDirectoryPath)/Scenarios/w1.yaml
            strategies:
              - {name: u, hedge: none}
              - name: h
                hedge: vixCalls
                matchSpend: x
                layers: [{name: near, expiryDays: 21, strike: {futureMultiple: 1.2}, weight: 1}]
            """
        #expect(ScenarioText.refusal(text).contains("strategies[1].matchSpend: names 'x', which is not another strategy"))
        // Keeping only some strategies drops a match whose target is left out.
        let kept = Self.configuration().keepingStrategies(["unhedged", "alvh"])
        #expect(kept.strategies.map(\.matchSpend) == [nil, nil])
    }
}
