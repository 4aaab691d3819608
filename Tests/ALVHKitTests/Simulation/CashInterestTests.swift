@testable import ALVHKit
import Foundation
import Testing

/// Interest on cash (`cashRate`): with no condor ever opened and no hedge
/// bought, every strategy's equity compounds at `e^(r/252)` a close, so its
/// final P&L is `S0 (e^(r T) - 1)` and it never draws down; a hedge that
/// spends pays interest on its cash (and earns it on its payoffs); without
/// the key (W1) nothing accrues.
@Suite struct CashInterestTests {
    static let w1: String = (try? String(contentsOfFile: "Scenarios/w1.yaml", encoding: .utf8)) ?? ""

    @Test func idleCashCompounds() throws {
        let idle = Self.w1.replacingOccurrences(of: "  minimumCreditToRisk: 0 ", with: "  minimumCreditToRisk: 100 ")
        #expect(idle != Self.w1)
        let scenario = try ScenarioText.load(idle + "cashRate: 0.05\n")
        #expect(scenario.configuration.cashRate == 0.05)
        let outcomes = simulate(StressProgram(scenario.configuration), paths: 16)
        let expected = 1_000_000 * expm1(0.05 * 252 / 252)
        for outcome in outcomes where outcome.hedgeSpend == 0 {
            #expect(abs(outcome.finalPnL - expected) < 1e-6 * expected, "\(outcome.finalPnL) vs \(expected)")
            #expect(outcome.maxDrawdown == 0)
        }
        #expect(outcomes.contains { $0.hedgeSpend == 0 })
        // W1 trading: the shared account earns about S0 (e^r - 1) (its cash moves with the
        // condor's P&L); a hedged strategy's interest differs from the unhedged one's on the
        // same path by the interest on its hedge's cash, which never exceeds spend plus payoff.
        let trading = simulate(StressProgram(try ScenarioText.load(Self.w1 + "cashRate: 0.05\n").configuration), paths: 16)
        let w1Plain = simulate(StressProgram(.w1), paths: 16)
        let strategies = StressConfiguration.w1.strategies.count
        var financed = 0
        for path in 0..<16 {
            let base = path * strategies
            let unhedged = trading[base].finalPnL - w1Plain[base].finalPnL
            #expect(abs(unhedged - expected) < 0.2 * expected, "the unhedged account's interest \(unhedged)")
            for index in 1..<strategies where trading[base + index].hedgeSpend > 0 {
                let earned = trading[base + index].finalPnL - w1Plain[base + index].finalPnL
                let hedge = trading[base + index]
                #expect(earned != unhedged && abs(earned - unhedged) <= expm1(0.05) * (hedge.hedgeSpend + hedge.hedgePayoff),
                        "path \(path): \(earned) vs \(unhedged), spend \(hedge.hedgeSpend), payoff \(hedge.hedgePayoff)")
                financed += 1
            }
        }
        #expect(financed > 0)
        let w1 = try ScenarioText.load(Self.w1)
        #expect(StressConfiguration.w1.cashRate == 0 && w1.configuration.cashRate == 0)
    }
}
