import Foundation

/// Times, in the same process, each piece of work one W1 path-day needs, so
/// that the whole loop can be compared with the sum of its parts. Every
/// timing loop varies its inputs with the iteration and feeds a sink, so the
/// optimiser cannot hoist or drop the work.
public enum PathDayParts {
    /// One timed piece: nanoseconds per call and calls per W1 path-day.
    public struct Part: Sendable, Codable {
        public let name: String
        public let nanoseconds: Double
        public let perPathDay: Double

        public init(name: String, nanoseconds: Double, perPathDay: Double) {
            self.name = name
            self.nanoseconds = nanoseconds
            self.perPathDay = perPathDay
        }
    }

    @inline(never)
    static func sink(_ value: Double) {
        if value == -.infinity { print("unreachable") }
    }

    static func time(_ iterations: Int, _ body: (Int) -> Double) -> Double {
        let clock = ContinuousClock()
        var total = 0.0
        let start = clock.now
        for i in 0..<iterations { total += body(i) }
        let elapsed = clock.now - start
        sink(total)
        return 1e9 * elapsed.seconds / Double(iterations)
    }

    /// Measures the parts. Counts per path-day are W1's: 2 normals and a
    /// Poisson draw in the market step plus the A/D normal; 4 SPX legs
    /// marked (and 4 more priced on each of 12 cycle days); about 3 distinct
    /// VIX futures and 4 VIX calls marked (the single call and ALVH's near,
    /// mid and tail layers); no signals (W1 switches none on); bookkeeping
    /// for 3 strategies.
    public static func measure(iterations: Int = 2_000_000) -> [Part] {
        let q = ReferenceMarket.riskNeutral
        let smile = SPXSmile(q)
        let vix = VIXModel(q)
        var random = RandomStream(RandomConfiguration())
        random.startPath(1)
        let noJump = exp(-0.5 / 252)
        let draws = time(iterations) { i in
            let a = random.normal()
            let b = random.normal()
            let n = random.poisson(expNegativeMean: noJump)
            return a + b + Double(n) + random.normal() + Double(i & 1)
        }
        let spx = time(iterations) { i in
            let v = 0.02 + 1e-9 * Double(i & 1023)
            let slice = smile.slice(spot: 5000 + Double(i & 255), variance: v, maturity: Double(1 + i % 21) / 252)
            return slice.price(strike: 4600 + Double(i & 7) * 5, kind: .put)
        }
        let future = time(iterations) { i in
            vix.futureQuote(variance: 0.02 + 1e-9 * Double(i & 1023), maturity: Double(1 + i % 126) / 252).future
        }
        let option = time(iterations) { i in
            Black76.price(forward: 18 + 1e-6 * Double(i & 1023), strike: 22, totalVolatility: 0.2 + 1e-7 * Double(i & 511),
                          discount: 0.999, kind: .call)
        }
        var signals = MarketSignals(breadth: BreadthModel())
        signals.start(logSpot: log(5000), vix: 17)
        let signalUpdate = time(iterations / 4) { i in
            signals.update(logSpot: log(5000) + 1e-4 * Double(i % 97), vix: 17 + 0.01 * Double(i % 89), breadthNoise: 0.1)
            return signals.breadthIndex
        }
        var drawdowns = [MaxDrawdown](repeating: MaxDrawdown(startingEquity: 1e6), count: 3)
        let bookkeeping = time(iterations) { i in
            let equity = 1e6 + Double(i % 4099) - 2000
            for index in 0..<3 { drawdowns[index].record(day: i, equity: equity + Double(index)) }
            return drawdowns[2].maxDrawdown
        }
        return [
            Part(name: "random draws (3 normals, 1 Poisson)", nanoseconds: draws, perPathDay: 1),
            Part(name: "SPX option with the smile", nanoseconds: spx, perPathDay: 4 + 4 * 12.0 / 252),
            Part(name: "VIX future", nanoseconds: future, perPathDay: 3),
            Part(name: "VIX option (Black-76 on the future)", nanoseconds: option, perPathDay: 4),
            Part(name: "signals (RSI, MACD, percentile, A/D)", nanoseconds: signalUpdate, perPathDay: 0),
            Part(name: "bookkeeping (3 drawdown trackers)", nanoseconds: bookkeeping, perPathDay: 1),
        ]
    }
}
