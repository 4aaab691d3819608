@testable import ALVHKit
import Foundation
import Testing

/// Regimes that phase in (`Regime.phaseInDays`, `RegimePhases`): the days on
/// the way are k/n mixes of the two regimes, paths go the whole way without
/// drawing, the chain's stays are unchanged, and a shocked switch moves VIX
/// a step a day. Fixed seeds; shares within 4 standard errors.
@Suite struct RegimePhaseInTests {
    /// W1 with a storm regime (higher P and Q levels) entered over `days` days, durations 40 and 10.
    static func stormy(days: Int) -> StressConfiguration {
        var configuration = StressConfiguration.w1
        configuration.horizonDays = 252
        var storm = Regime(name: "storm", physical: ReferenceMarket.physical, riskNeutral: ReferenceMarket.riskNeutral)
        storm.physical.theta = 0.09
        storm.riskNeutral.theta = 0.12
        storm.breadthDrift = -2
        storm.phaseInDays = days
        configuration.regimes = [storm]
        configuration.regimeChain = RegimeChain.fromDurations([40, 10], initial: [1, 0])
        return configuration
    }

    @Test func waysAreMixesDayByDay() {
        let configuration = Self.stormy(days: 4)
        let phases = RegimePhases(configuration)
        // base, storm, then base -> storm days 1-3 (the way back takes one day: none).
        #expect(phases.states.count == 5 && phases.regimeCount == 2 && phases.phases)
        #expect(phases.destination == [0, 1, 1, 1, 1])
        #expect(phases.entering(1, from: 0) == 2 && phases.next(onTheWay: 2) == 3 && phases.next(onTheWay: 4) == 1)
        #expect(phases.entering(1, from: 3) == 3, "a path on its way is not sent back to the start")
        #expect(phases.entering(0, from: 1) == 0 && phases.entering(0, from: 3) == 0)
        let base = configuration.allRegimes[0]
        let storm = configuration.allRegimes[1]
        for day in 1...3 {
            let state = phases.states[1 + day]
            let w = Double(day) / 4
            #expect(abs(state.riskNeutral.theta - (base.riskNeutral.theta + w * (storm.riskNeutral.theta - base.riskNeutral.theta))) < 1e-15)
            #expect(abs(state.physical.theta - (base.physical.theta + w * (storm.physical.theta - base.physical.theta))) < 1e-15)
            #expect(abs(state.breadthDrift - w * storm.breadthDrift) < 1e-15)
            #expect(state.name == "base->storm day \(day) of 4")
        }
        // Without phase-in the states are the regimes.
        #expect(RegimePhases(Self.stormy(days: 1)).states.count == 2)
    }

    /// Every way is walked to its end, one state a day; the shares of days
    /// are the renewal cycle's (40 in the base, 3 on the way, 10 in the storm).
    @Test func pathsGoTheWholeWayAndStaysAreTheChains() {
        let program = StressProgram(Self.stormy(days: 4))
        var random = RandomStream(RandomConfiguration(seed: 8))
        var stormShares: [Double] = []
        var wayShares: [Double] = []
        var broken = 0
        for path in 0..<2_000 {
            random.startPath(path)
            var state = MarketState(spot: 5000, variance: 0.0225)
            var regime = 0
            var storm = 0.0
            var way = 0.0
            for day in 1...252 {
                let before = regime
                regime = program.market.step(day: day, state: &state, regime: regime, random: &random)
                if before >= 2 && regime != (before == 4 ? 1 : before + 1) { broken += 1 }
                if before == 0 && regime != 0 && regime != 2 { broken += 1 }
                if regime == 1 { storm += 1 } else if regime >= 2 { way += 1 }
            }
            stormShares.append(storm / 252)
            wayShares.append(way / 252)
        }
        #expect(broken == 0)
        let stormMoments = Moments(stormShares)
        let wayMoments = Moments(wayShares)
        // Stationary shares 10/53 and 3/53, reached after a short transient from the base.
        #expect(abs(stormMoments.mean - 10.0 / 53) < 0.02 + 4 * stormMoments.meanStandardError, "\(stormMoments.mean)")
        #expect(abs(wayMoments.mean - 3.0 / 53) < 0.01 + 4 * wayMoments.meanStandardError, "\(wayMoments.mean)")
    }

    /// 2020-covid's crash regime, forced by a shock on day 5: entered at once,
    /// VIX leaps on the day; over 5 days the first day's mean rise is under a
    /// third of it (400 paths, the same seeds).
    @Test func aShockedSwitchMovesVIXAStepADay() throws {
        let text = try String(contentsOfFile: "Scenarios/2020-covid.yaml", encoding: .utf8)
            .replacingOccurrences(of: "extends: base.yaml", with: "extends: \(FileManager.default.currentDirectoryPath)/Scenarios/base.yaml")
        let phased = text.replacingOccurrences(of: "    riskNeutral: {theta: 0.20}\n", with: "    riskNeutral: {theta: 0.20}\n    phaseInDays: 5\n")
        #expect(phased != text)
        func meanRiseOnDay5(_ text: String) throws -> Double {
            let program = StressProgram(try ScenarioText.load(text).configuration)
            var random = RandomStream(RandomConfiguration(seed: 3))
            var total = 0.0
            for path in 0..<400 {
                random.startPath(path)
                var state = MarketState(spot: program.configuration.spot, variance: program.configuration.variance)
                var regime = 0
                var vix = program.marketClose(day: 0, state: state).vix
                for day in 1...5 {
                    let previous = vix
                    regime = program.market.step(day: day, state: &state, regime: regime, random: &random)
                    vix = program.marketClose(day: day, state: state, regime: regime).vix
                    if day == 5 { total += vix - previous }
                }
            }
            return total / 400
        }
        let atOnce = try meanRiseOnDay5(text)
        let stepped = try meanRiseOnDay5(phased)
        #expect(atOnce > 7 && stepped < atOnce / 3, "at once \(atOnce), over 5 days \(stepped)")
    }

    /// Keys: `regimes[].phaseInDays` and `market.phaseInDays`; a way whose mixed
    /// parameters break a limit (SSVI's eta (1 + |rho|) <= 2) is refused at
    /// the key, and so are ways of more than 4,096 states.
    @Test func scenarioKeys() throws {
        let w1 = try String(contentsOfFile: "Scenarios/w1.yaml", encoding: .utf8)
        let two = w1 + "regimes:\n  - {name: storm, physical: {theta: 0.09}, phaseInDays: 5}\nexpectedDurations: [40, 10]\n"
        let loaded = try ScenarioText.load(two.replacingOccurrences(of: "market:\n", with: "market:\n  phaseInDays: 3\n"))
        #expect(loaded.configuration.regimes[0].phaseInDays == 5 && loaded.configuration.basePhaseInDays == 3)
        let ssvi = w1.replacingOccurrences(of: "  riskNeutral:", with: "  spxSmile: ssvi\n  riskNeutral:\n    ssviRho: -0.01\n    ssviEta: 1.98")
            .replacingOccurrences(of: "    smileBeta: 0.25\n", with: "").replacingOccurrences(of: "    smileGamma: 0.05\n", with: "")
        #expect(ScenarioText.refusal(ssvi) == "", "\(ScenarioText.refusal(ssvi))")
        let steep = ssvi + "regimes:\n  - {name: steep, riskNeutral: {ssviRho: -0.99, ssviEta: 1.005}, phaseInDays: 2}\nexpectedDurations: [40, 10]\n"
        let refusal = ScenarioText.refusal(steep)
        #expect(refusal.contains("regimes.steep.phaseInDays") && refusal.contains("on the way base->steep day 1 of 2"), "\(refusal)")
        #expect(ScenarioText.refusal(steep.replacingOccurrences(of: "phaseInDays: 2", with: "phaseInDays: 1")) == "")
        var many = w1 + "regimes:\n"
        for index in 0..<9 { many += "  - {name: r\(index), phaseInDays: 63}\n" }
        many += "expectedDurations: [\(Array(repeating: "10", count: 10).joined(separator: ", "))]\n"
        #expect(ScenarioText.refusal(many).contains("at most 4086"), "\(ScenarioText.refusal(many))")
    }
}
