@testable import ALVHKit
import Testing

@Suite struct SummaryTests {
    @Test func quantilesAreLinearlyInterpolated() {
        let q = Quantiles([4, 1, 3, 2, 5])
        #expect(q.value(at: 0) == 1 && q.value(at: 1) == 5 && q.value(at: 0.5) == 3)
        #expect(q.value(at: 0.1) == 1.4)  // type 7: 1 + 0.4 x (2 - 1)
        #expect(Quantiles([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]).upperTailMean(beyond: 0.8) == 9.5)
    }

    @Test func maxDrawdownCountsFromTheStartingPeak() {
        var drawdown = MaxDrawdown(startingEquity: 100)
        for (day, equity) in [99.0, 105, 84, 90, 106, 100].enumerated() { drawdown.record(day: day, equity: equity) }
        #expect(drawdown.maxDrawdown == 0.2)  // 105 -> 84
        #expect(drawdown.troughDay == 2)
        #expect(drawdown.worstDay == -21)
        #expect(drawdown.longestUnderwater == 2)  // days 2 and 3
        #expect(drawdown.last == 100)
    }

    @Test func pairedReductionSkipsPathsWithoutBaselineDrawdown() throws {
        let reduction = PairedReduction(hedged: [0.05, 0.1, 0.02], baseline: [0.1, 0.1, 0])
        #expect(reduction.pairedPaths == 2)
        #expect(reduction.meanReduction == 0.25)  // (0.5 + 0) / 2
        #expect(abs(try #require(reduction.ratioOfMeansReduction) - (1 - 0.17 / 0.2)) < 1e-12)
        #expect(abs(reduction.probabilityLower - 1.0 / 3.0) < 1e-12)
    }
}
