@testable import ALVHKit
import Foundation
import Testing

@Suite struct RegimeAndEventTests {
    @Test func durationsGiveTheExpectedStay() {
        let chain = RegimeChain.fromDurations([50, 10, 5], initial: [1, 0, 0])
        #expect(chain.transitions[0] == [0.98, 0.01, 0.01])
        #expect(chain.transitions[1][1] == 0.9)
        #expect(chain.transitions.allSatisfy { abs($0.reduce(0, +) - 1) < 1e-12 })
        #expect(chain.next(from: 0, uniform: 0.5) == 0)
        #expect(chain.next(from: 0, uniform: 0.985) == 1)
        #expect(chain.next(from: 0, uniform: 0.999) == 2)
        #expect(!RegimeChain.single.isRandom && chain.isRandom)
    }

    /// Simulated regime stays last as long as the durations say (fixed seed, 4 standard errors).
    @Test func simulatedTimeInRegimeMatchesTheChain() {
        var configuration = StressConfiguration.w1
        configuration.horizonDays = 252
        configuration.regimes = [Regime(name: "storm", physical: ReferenceMarket.physical, riskNeutral: ReferenceMarket.riskNeutral)]
        configuration.regimeChain = RegimeChain.fromDurations([40, 10], initial: [1, 0])
        let program = StressProgram(configuration)
        var random = RandomStream(RandomConfiguration(seed: 4))
        var stormDays: [Double] = []
        for path in 0..<2_000 {
            random.startPath(path)
            var state = MarketState(spot: 5000, variance: 0.0225)
            var regime = 0
            var count = 0.0
            for day in 1...252 {
                regime = program.market.step(day: day, state: &state, regime: regime, random: &random)
                if regime == 1 { count += 1 }
                _ = random.normal()
            }
            stormDays.append(count / 252)
        }
        // Stationary share of the storm regime: (1/40) / (1/40 + 1/10) = 0.2, reached after a short transient.
        let moments = Moments(stormDays)
        #expect(abs(moments.mean - 0.2) < 0.02 + 4 * moments.meanStandardError, "\(moments.mean)")
    }

    @Test func impliedVolatilityBuildsUpBeforeAnEventAndIsCrushedAfter() {
        var configuration = StressConfiguration.w1
        configuration.events = [ScheduledEvent(kind: "FOMC", day: 30, spxShockSD: 0.02)]
        let program = StressProgram(configuration)
        let smile = SPXSmile(ReferenceMarket.riskNeutral)
        let model = VIXModel(ReferenceMarket.riskNeutral)
        func vix(day: Int) -> Double {
            program.marketClose(day: day, state: MarketState(spot: 5000, variance: 0.0225)).vix
        }
        let calm = model.index(variance: 0.0225)
        #expect(vix(day: 5) == calm)  // the meeting is 25 days away: outside VIX's 21-day window
        #expect(vix(day: 10) > calm)  // inside the window
        let squared: Double = calm * calm + 10_000 * 0.0004 / VIXModel.horizon
        #expect(abs(vix(day: 29) * vix(day: 29) - squared) < 1e-9)
        #expect(vix(day: 30) == calm)  // crushed: the meeting is over
        // SPX options expiring after the meeting carry its variance; those expiring before do not.
        let close = program.marketClose(day: 20, state: MarketState(spot: 5000, variance: 0.0225))
        let after = close.slice(expiryDay: 41)
        let before = close.slice(expiryDay: 29)
        let t = 21.0 / 252
        let expected: Double = ReferenceMarket.riskNeutral.expectedAverageVariance(variance: 0.0225, maturity: t) + 0.0004 / t
        #expect(abs(after.atmVolatility * after.atmVolatility - expected) < 1e-12)
        #expect(before.atmVolatility == smile.slice(spot: 5000, variance: 0.0225, maturity: 9.0 / 252).atmVolatility)
    }

    @Test func scriptedShocksMoveTheMarket() {
        var configuration = StressConfiguration.w1
        configuration.regimes = [Regime(name: "storm", physical: ReferenceMarket.physical, riskNeutral: ReferenceMarket.riskNeutral)]
        configuration.regimeChain = RegimeChain(transitions: [[1, 0], [0, 1]], initial: [1, 0])
        configuration.shocks = [ScriptedShock(firstDay: 3, spxLogReturn: -0.1, targetVIX: 45, regime: 1)]
        let program = StressProgram(configuration)
        var random = RandomStream(RandomConfiguration(seed: 4))
        random.startPath(0)
        var state = MarketState(spot: 5000, variance: 0.0225)
        var regime = 0
        regime = program.market.step(day: 1, state: &state, regime: regime, random: &random)
        regime = program.market.step(day: 2, state: &state, regime: regime, random: &random)
        let before = state.logSpot
        var shocked = state
        var again = RandomStream(RandomConfiguration(seed: 4))
        again.startPath(0)
        var reference = MarketState(spot: 5000, variance: 0.0225)
        _ = program.market.step(day: 1, state: &reference, regime: 0, random: &again)
        _ = program.market.step(day: 2, state: &reference, regime: 0, random: &again)
        #expect(reference == state && before == state.logSpot)
        regime = program.market.step(day: 3, state: &shocked, regime: regime, random: &random)
        #expect(regime == 1)
        #expect(abs(program.marketClose(day: 3, state: shocked, regime: 1).vix - 45) < 1e-9)
    }
}

/// `varianceShock: {multiplier, sd}`: the log-mean that gives the stated mean
/// factor (1: no drift in variance), refused beside `mean`.
@Suite struct EventVarianceShockTests {
    func load(_ shock: String) throws(ScenarioError) -> Scenario {
        let text = (try? String(contentsOfFile: "Scenarios/w1.yaml", encoding: .utf8)) ?? ""
        return try ScenarioText.load(
            text + "events:\n  - {type: CPI, days: [5], spxShock: {mean: 0, sd: 0.01}, varianceShock: \(shock)}\n")
    }

    @Test func multiplierSetsTheMeanFactor() throws {
        let event = try #require(try load("{multiplier: 1, sd: 0.15}").configuration.events.first)
        #expect(abs(event.varianceShockMean - (-0.5 * 0.15 * 0.15)) < 1e-15)
        #expect(abs(exp(event.varianceShockMean + 0.5 * event.varianceShockSD * event.varianceShockSD) - 1) < 1e-15)
        let drifting = try #require(try load("{mean: 0, sd: 0.15}").configuration.events.first)
        #expect(abs(exp(drifting.varianceShockMean + 0.5 * 0.15 * 0.15) - 1.011314) < 1e-6)  // the issue's +1.1% an event
        let doubled = try #require(try load("{multiplier: 2, sd: 0.2}").configuration.events.first)
        #expect(abs(exp(doubled.varianceShockMean + 0.02) - 2) < 1e-12)
        #expect(throws: ScenarioError.self) { try load("{mean: 0, multiplier: 1, sd: 0.1}") }
    }
}
