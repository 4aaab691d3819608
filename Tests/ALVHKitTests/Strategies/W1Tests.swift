@testable import ALVHKit
import Testing

/// W1-wide properties on simulated paths (fixed seed).
@Suite struct W1Tests {
    static let paths = 4_000
    static let outcomes = simulate(StressProgram(.w1), paths: paths, seed: 11)

    func strategy(_ index: Int) -> [PathMetrics] { Self.outcomes.filter { $0.strategy == index } }

    @Test func everyStrategySeesTheSameMarketPath() {
        for path in 0..<Self.paths {
            let rows = Self.outcomes[(3 * path)..<(3 * path + 3)]
            let first = rows.first!
            for row in rows {
                #expect(row.path == path)
                #expect(row.peakVIX == first.peakVIX && row.finalSpot == first.finalSpot
                        && row.spxMaxDrawdown == first.spxMaxDrawdown && row.realisedVolatility == first.realisedVolatility)
            }
        }
    }

    @Test func addingStrategiesDoesNotChangeTheMarketOrTheCondor() {
        var alone = StressConfiguration.w1
        alone.strategies = [alone.strategies[0]]
        let unhedged = simulate(StressProgram(alone), paths: 500, seed: 11)
        let together = strategy(0).prefix(500)
        #expect(unhedged.map(\.finalPnL) == together.map(\.finalPnL))
        #expect(unhedged.map(\.maxDrawdown) == together.map(\.maxDrawdown))
    }

    /// Both hedges spend 12 B a year of mid premium. Their means differ only
    /// because ALVH front-loads mid and tail purchases while credits drift
    /// with the market; the paired difference must be under 1% of the spend.
    @Test func singleCallAndALVHSpendTheSameBudget() {
        let single = strategy(1).map(\.hedgePremium)
        let layered = strategy(2).map(\.hedgePremium)
        let differences = zip(single, layered).map { $0 - $1 }
        let moments = Moments(differences)
        let meanSpend = Moments(single).mean
        #expect(meanSpend > 0)
        #expect(abs(moments.mean) < 0.01 * meanSpend + 4 * moments.meanStandardError,
                "mean paired difference \(moments.mean) on a spend of \(meanSpend)")
    }

    @Test func twelveCyclesNoSkipsAndHedgesCostMoney() {
        #expect(Self.outcomes.allSatisfy { $0.skipped.total == 0 })
        let single = Moments(strategy(1).map { $0.hedgeSpend - $0.hedgePremium })
        #expect(single.mean > 0)  // commissions and half-spreads are paid on top of B
        #expect(strategy(0).allSatisfy { $0.hedgeSpend == 0 && $0.hedgePayoff == 0 })
    }

    /// Exact VIX pricing is selectable in a run; on a short horizon its
    /// figures are finite and close to the lognormal default's (hedge premium
    /// is budgeted identically; drawdowns within a few percent).
    @Test func exactVIXPricingRuns() {
        var configuration = StressConfiguration.w1
        configuration.horizonDays = 21
        let lognormal = simulate(StressProgram(configuration), paths: 40, seed: 3)
        configuration.vixPricing = .exact
        let exact = simulate(StressProgram(configuration), paths: 40, seed: 3)
        #expect(exact.allSatisfy { $0.maxDrawdown.isFinite && $0.finalPnL.isFinite })
        for (a, b) in zip(exact, lognormal) {
            #expect(abs(a.hedgePremium - b.hedgePremium) < 1e-6 * max(b.hedgePremium, 1))
            #expect(abs(a.maxDrawdown - b.maxDrawdown) < 0.01)
        }
        #expect(zip(exact, lognormal).contains { $0.hedgePayoff != $1.hedgePayoff || $0.finalPnL != $1.finalPnL })
    }
}
