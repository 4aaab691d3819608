@testable import ALVHKit
import Foundation
import Testing

/// How hedge orders are sized and filled: W1's fractional fills, and a
/// desk's whole contracts, ticks and cost limits.
@Suite struct OptionExecutionTests {
    let costs = TradingCosts(commission: 1, halfSpread: 0.05)

    @Test func ticksRoundToTheExchangeGrid() {
        let vix = TickSize.vixOptions
        #expect(vix.roundedUp(1.281) == 1.29)
        #expect(vix.roundedUp(1.28) == 1.28)  // on the grid: stays
        #expect(vix.roundedUp(2.995) == 3.00)  // just under the threshold rounds to it
        #expect(abs(vix.roundedUp(3.01) - 3.05) < 1e-12)
        #expect(vix.roundedDown(3.04) == 3.00)
        #expect(vix.roundedDown(2.999) == 2.99)
        let old = TickSize.vixOptionsBefore2022
        #expect(abs(old.roundedUp(1.26) - 1.30) < 1e-12)
        #expect(abs(old.roundedUp(3.01) - 3.10) < 1e-12)
        #expect(abs(TickSize.spxOptions.roundedDown(0.07) - 0.05) < 1e-12)
    }

    @Test func w1FillsKeepTheirArithmetic() {
        // W1: as many fractional contracts as the budget buys at mid, costs on top.
        let budget = 1_234.5
        let mid = 0.87
        guard case .filled(let fill) = OptionExecution.w1.fill(budget: budget, mid: mid, costs: costs) else {
            Issue.record("a W1 order is filled")
            return
        }
        let quantity = budget / (mid * optionMultiplier)
        #expect(fill.quantity == quantity)
        #expect(fill.premium == quantity * mid * optionMultiplier)
        #expect(fill.paid == quantity * mid * optionMultiplier + costs.dollars(contracts: quantity, multiplier: optionMultiplier))
        // Only a worthless call is refused.
        #expect(OptionExecution.w1.fill(budget: budget, mid: 1e-10, costs: costs) == .belowMinimumPremium)
        if case .filled = OptionExecution.w1.fill(budget: budget, mid: 2e-10, costs: costs) {} else {
            Issue.record("W1 buys any call worth more than 1e-10 points")
        }
    }

    @Test func aDeskFillStaysWithinItsBudgetInWholeContracts() {
        let desk = OptionExecution.vixDesk
        // Ask 1.23 + 0.05 = 1.28 (on the 0.01 grid): 129 dollars a contract with commission; 1,000 buys 7.
        guard case .filled(let fill) = desk.fill(budget: 1_000, mid: 1.23, costs: costs) else {
            Issue.record("the order is filled")
            return
        }
        #expect(fill.quantity == 7)
        #expect(abs(fill.costs - 7 * 6) < 1e-9)
        #expect(abs(fill.paid - 7 * 129) < 1e-9)
        #expect(fill.paid <= 1_000)
        // A budget under one contract, a mid under the minimum, costs above the premium: nothing.
        #expect(desk.fill(budget: 100, mid: 1.23, costs: costs) == .belowOneContract)
        #expect(desk.fill(budget: 1_000, mid: 0.04, costs: costs) == .belowMinimumPremium)
        // 0.055: ask 0.105 -> 0.11 on the grid, costs 5.5 + 1 = 6.5 dollars against 5.5 of premium.
        #expect(desk.fill(budget: 1_000, mid: 0.055, costs: costs) == .costsExceedPremium)
        // The budget paying the costs, fractional: spend equals the budget exactly.
        let inclusive = OptionExecution(budgetIncludesCosts: true)
        guard case .filled(let exact) = inclusive.fill(budget: 1_000, mid: 1.23, costs: costs) else {
            Issue.record("the order is filled")
            return
        }
        #expect(abs(exact.paid - 1_000) < 1e-9)
    }

    @Test func monetiseNetOfCostsComparesWhatASaleNetsWithWhatTheContractCost() {
        let desk = OptionExecution.vixDesk
        // Bought at mid 1.23 for 129 dollars a contract; twice that is 258.
        // Mid 2.60: bid 2.55, 254 net of commission: not yet. Mid 2.70: 264: sold.
        #expect(!desk.monetises(mid: 2.60, entryMid: 1.23, entryCost: 129, multiple: 2, costs: costs))
        #expect(desk.monetises(mid: 2.70, entryMid: 1.23, entryCost: 129, multiple: 2, costs: costs))
        // W1 compares mids: 2.60 >= 2 x 1.23.
        #expect(OptionExecution.w1.monetises(mid: 2.60, entryMid: 1.23, entryCost: 129, multiple: 2, costs: costs))
        #expect(abs(desk.saleProceeds(quantity: 3, mid: 2.70, costs: costs) - 3 * 264) < 1e-9)
        let w1 = OptionExecution.w1.saleProceeds(quantity: 3, mid: 2.70, costs: costs)
        #expect(w1 == 3 * optionMultiplier * 2.70 - costs.dollars(contracts: 3, multiplier: optionMultiplier))
    }

    /// W1 with a fast, calm Q (kappaQ 8, xi 0.45): the tail layer's calls
    /// cost fractions of a cent, and W1's execution pays far more in costs
    /// than in premium; a desk's execution never does.
    @Test func costsCannotDwarfPremiumOnADesk() throws {
        func run(_ execution: String) throws -> [PathMetrics] {
            let scenario = try ScenarioText.load(
                """
                extends: \(FileManager.default.currentDirectoryPath)/Scenarios/w1.yaml
                name: cheap-tail
                paths: 200
                market:
                  physical: {xi: 0.45}
                  riskNeutral: {kappa: 8}
                strategies:
                  - name: alvh
                    hedge: vixCalls
                    budgetFraction: 0.20
                    execution: \(execution)
                    monetise: {vixAtLeast: 28, valueMultiple: 2}
                    layers:
                      - {name: near, expiryDays: 21, strike: {futureMultiple: 1.15}, refreshEveryCycles: 1, weight: 0.4}
                      - {name: mid, expiryDays: 63, strike: {futureMultiple: 1.30}, refreshEveryCycles: 3, weight: 0.4}
                      - {name: tail, expiryDays: 126, strike: {futureMultiple: 1.60}, refreshEveryCycles: 6, weight: 0.2}
                """)
            return simulate(StressProgram(scenario.configuration), paths: 200)
        }
        let w1 = try run("w1")
        let desk = try run("desk")
        // W1's execution: on some path the costs (spend less premium) exceed the premium.
        #expect(w1.contains { $0.hedgeSpend - $0.hedgePremium > $0.hedgePremium })
        #expect(w1.allSatisfy { $0.skippedPurchases == 0 || $0.hedgePremium == 0 })
        // The desk's: on no path, and the refused orders are counted.
        #expect(desk.allSatisfy { $0.hedgeSpend - $0.hedgePremium <= $0.hedgePremium + 1e-9 })
        #expect(desk.contains { $0.skippedPurchases > 0 })
        #expect(desk.allSatisfy { $0.hedgeSpend > 0 })
    }

    @Test func executionIsReadFromTheScenario() throws {
        let base = "extends: \(FileManager.default.currentDirectoryPath)/Scenarios/w1.yaml\n"
        func hedge(_ execution: String) -> String {
            base + """
                strategies:
                  - name: h
                    hedge: vixCalls
                    layers: [{name: near, expiryDays: 21, strike: {futureMultiple: 1.2}, weight: 1}]
                    execution: \(execution)
                """
        }
        func execution(_ text: String) throws -> OptionExecution? {
            guard case .vixCalls(let h) = try ScenarioText.load(hedge(text)).configuration.strategies[0].hedge else { return nil }
            return h.execution
        }
        #expect(try execution("desk") == .vixDesk)
        #expect(try execution("w1") == .w1)
        let parts = try execution("{wholeContracts: true, tick: vixOptionsBefore2022, minimumPremium: 0.1}")
        #expect(parts == OptionExecution(wholeContracts: true, tick: .vixOptionsBefore2022, minimumPremium: 0.1))
        let grid = try execution("{tick: {belowThreshold: 0.02, fromThreshold: 0.04}}")
        #expect(grid?.tick == TickSize(threshold: 3, belowThreshold: 0.02, fromThreshold: 0.04))
        #expect(ScenarioText.refusal(hedge("brokers")).contains("strategies[0].execution: must be w1, desk or a mapping"))
        #expect(ScenarioText.refusal(hedge("{wholeContracts: yes}")).contains("strategies[0].execution.wholeContracts: must be true or false"))
        #expect(ScenarioText.refusal(hedge("{tick: nickel}")).contains("strategies[0].execution.tick: must be vixOptions"))
        #expect(ScenarioText.refusal(hedge("{minimumPremium: -1}")).contains("strategies[0].execution.minimumPremium: must lie in [0, 100]"))
        #expect(ScenarioText.refusal(hedge("{wholeContract: true}")).contains("strategies[0].execution.wholeContract: unknown key"))
    }
}
