/// MACD (12, 26, 9 by convention): the difference of a fast and a slow
/// exponential moving average of closes, and its own exponential average
/// (the signal line). A bullish crossover is the MACD line crossing from
/// below to above the signal line.
public struct MovingAverageConvergenceDivergence: Sendable, Hashable {
    public let fastPeriod: Int
    public let slowPeriod: Int
    public let signalPeriod: Int
    private var fast = 0.0
    private var slow = 0.0
    private var signal = 0.0
    private var seen = 0
    private var previousGap = 0.0
    /// Whether the last close made a bullish crossover.
    public private(set) var bullishCrossover = false

    public init(fast: Int = 12, slow: Int = 26, signal: Int = 9) {
        precondition(fast >= 1 && slow > fast && signal >= 1, "MACD periods must satisfy 1 <= fast < slow, signal >= 1")
        fastPeriod = fast
        slowPeriod = slow
        signalPeriod = signal
    }

    public mutating func reset() {
        self = MovingAverageConvergenceDivergence(fast: fastPeriod, slow: slowPeriod, signal: signalPeriod)
    }

    /// Adds a close. Crossovers count only once the slow average has seen `slowPeriod` closes.
    public mutating func update(_ close: Double) {
        if seen == 0 {
            fast = close
            slow = close
        } else {
            fast += 2 / Double(fastPeriod + 1) * (close - fast)
            slow += 2 / Double(slowPeriod + 1) * (close - slow)
        }
        let line = fast - slow
        signal = seen == 0 ? line : signal + 2 / Double(signalPeriod + 1) * (line - signal)
        seen += 1
        let gap = line - signal
        bullishCrossover = seen > slowPeriod && previousGap <= 0 && gap > 0
        previousGap = gap
    }

    /// The MACD line (fast minus slow average).
    public var line: Double { fast - slow }
}
