import Dispatch

/// Percentile confidence intervals of paired drawdown reductions by the
/// paired bootstrap: each replicate resamples whole paths with replacement
/// (the same paths for every comparison), from a GSL stream seeded by
/// (bootstrap seed, replicate index), so intervals are identical whatever
/// the thread count.
public struct PairedBootstrap: Sendable, Hashable, Codable {
    /// Bootstrap replicates.
    public var replicates: Int
    /// Seed of the resampling streams.
    public var seed: UInt64
    /// Confidence level of the intervals.
    public var level: Double

    public init(replicates: Int = 1_000, seed: UInt64 = 20_260_101, level: Double = 0.95) {
        self.replicates = replicates
        self.seed = seed
        self.level = level
    }

    /// One comparison's samples: per-path max drawdowns of the hedged strategy and the baseline.
    public struct Pair: Sendable {
        public let hedged: [Double]
        public let baseline: [Double]

        public init(hedged: [Double], baseline: [Double]) {
            precondition(hedged.count == baseline.count, "paired samples differ in length")
            self.hedged = hedged
            self.baseline = baseline
        }
    }

    /// Intervals of the mean per-path reduction and of the ratio-of-means reduction, per pair.
    public func intervals(_ pairs: [Pair], threads: Int) -> [(mean: ClosedRange<Double>, ratio: ClosedRange<Double>)] {
        guard let count = pairs.first?.hedged.count, count > 0, replicates > 1 else {
            return pairs.map { _ in (Double.nan...Double.nan, Double.nan...Double.nan) }
        }
        let width = pairs.count
        // One path's values of every pair side by side: a resampled index touches one cache line.
        var interleaved = [Double](repeating: 0, count: count * width * 2)
        for path in 0..<count {
            for p in 0..<width {
                interleaved[(path * width + p) * 2] = pairs[p].hedged[path]
                interleaved[(path * width + p) * 2 + 1] = pairs[p].baseline[path]
            }
        }
        let configuration = RandomConfiguration(seed: seed)
        var statistics = [Double](repeating: .nan, count: replicates * width * 2)
        let replicates = self.replicates
        statistics.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let output = buffer.baseAddress!
            let values = interleaved
            DispatchQueue.concurrentPerform(iterations: max(1, min(threads, replicates))) { worker in
                var stream = RandomStream(configuration)
                var reductionSums = [Double](repeating: 0, count: width)
                var pairedCounts = [Int](repeating: 0, count: width)
                var hedgedSums = [Double](repeating: 0, count: width)
                var baselineSums = [Double](repeating: 0, count: width)
                var replicate = worker
                while replicate < replicates {
                    stream.startPath(replicate)
                    for p in 0..<width {
                        reductionSums[p] = 0
                        pairedCounts[p] = 0
                        hedgedSums[p] = 0
                        baselineSums[p] = 0
                    }
                    for _ in 0..<count {
                        let base = stream.uniformInt(below: count) * width * 2
                        for p in 0..<width {
                            let h = values[base + 2 * p]
                            let u = values[base + 2 * p + 1]
                            hedgedSums[p] += h
                            baselineSums[p] += u
                            if u > 0 {
                                reductionSums[p] += 1 - h / u
                                pairedCounts[p] += 1
                            }
                        }
                    }
                    for p in 0..<width {
                        let slot = (replicate * width + p) * 2
                        output[slot] = pairedCounts[p] > 0 ? reductionSums[p] / Double(pairedCounts[p]) : .nan
                        output[slot + 1] = baselineSums[p] > 0 ? 1 - hedgedSums[p] / baselineSums[p] : .nan
                    }
                    replicate += threads
                }
            }
        }
        let tail = (1 - level) / 2
        return (0..<width).map { p in
            func interval(_ offset: Int) -> ClosedRange<Double> {
                let values = (0..<replicates).map { statistics[($0 * width + p) * 2 + offset] }.filter { !$0.isNaN }
                guard !values.isEmpty else { return Double.nan...Double.nan }
                let q = Quantiles(values)
                return q.value(at: tail)...q.value(at: 1 - tail)
            }
            return (interval(0), interval(1))
        }
    }
}
