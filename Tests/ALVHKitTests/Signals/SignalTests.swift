@testable import ALVHKit
import Foundation
import Testing

@Suite struct SignalTests {
    @Test func rsiMatchesWildersDefinition() {
        var rsi = RelativeStrengthIndex(period: 3)
        for close in [10.0, 11, 12, 11] { rsi.update(close) }
        // Changes +1, +1, -1: average gain 2/3, loss 1/3 -> RSI = 100 - 100 / 3.
        #expect(abs(rsi.value! - (100 - 100 / 3.0)) < 1e-12)
        rsi.update(13)  // Wilder: gain (2/3 x 2 + 2) / 3, loss (1/3 x 2) / 3
        let gain = (2.0 / 3 * 2 + 2) / 3
        let loss = (1.0 / 3 * 2) / 3
        #expect(abs(rsi.value! - (100 - 100 / (1 + gain / loss))) < 1e-12)
        var fresh = RelativeStrengthIndex()
        fresh.update(1)
        #expect(fresh.value == nil)
    }

    @Test func macdFlagsOneBullishCrossoverAfterAFallThenARise() {
        var macd = MovingAverageConvergenceDivergence()
        var crossovers: [Int] = []
        let falling: [Double] = (0..<40).map { 30 - 0.3 * Double($0) }
        let rising: [Double] = (0..<30).map { 18 + 0.8 * Double($0) }
        let closes = falling + rising
        for (day, close) in closes.enumerated() {
            macd.update(close)
            if macd.bullishCrossover { crossovers.append(day) }
        }
        #expect(crossovers.count == 1)
        #expect(crossovers.first! > 40)  // after the turn
    }

    @Test func rollingWindowKeepsTheLastValues() {
        var window = RollingWindow(capacity: 3)
        for value in [5.0, 1, 7, 3] { window.append(value) }
        #expect(window.count == 3)
        #expect(window.maximum() == 7)  // 5 has dropped out
        #expect(window.percentileRank(of: 4) == 2.0 / 3.0)  // 1 and 3 of [1, 7, 3]
        window.reset()
        #expect(window.count == 0 && window.maximum() == -.infinity)
    }

    @Test func breadthFollowsSPXAndDivergesWithNegativeDrift() {
        // No noise, beta 1: the A/D index is 100 x S / S0 and never diverges.
        var tracking = MarketSignals(breadth: BreadthModel(beta: 1, volatility: 0, divergenceDrift: 0, lookback: 5))
        tracking.start(logSpot: log(5000), vix: 15)
        var spot = 5000.0
        for _ in 0..<30 {
            spot *= 1.002
            tracking.update(logSpot: log(spot), vix: 15, breadthNoise: 0)
            #expect(!tracking.bearishDivergence)
        }
        #expect(abs(tracking.breadthIndex - 100 * spot / 5000) < 1e-9)
        // A strong negative drift: SPX makes new highs while breadth falls.
        var lagging = MarketSignals(breadth: BreadthModel(beta: 1, volatility: 0, divergenceDrift: -5, lookback: 5))
        lagging.start(logSpot: log(5000), vix: 15)
        spot = 5000
        var divergences = 0
        for _ in 0..<30 {
            spot *= 1.002
            lagging.update(logSpot: log(spot), vix: 15, breadthNoise: 0)
            if lagging.bearishDivergence { divergences += 1 }
        }
        #expect(divergences > 20)
    }

    @Test func realisedVolatilityOfConstantMoves() {
        var signals = MarketSignals(breadth: BreadthModel())
        signals.start(logSpot: 0, vix: 15)
        for day in 1...40 { signals.update(logSpot: Double(day) * 0.01, vix: 15, breadthNoise: 0) }
        #expect(abs(signals.realisedVolatility20 - 0.01 * 252.0.squareRoot()) < 1e-9)
    }
}
