import Dispatch

/// Percentile confidence intervals of paired drawdown reductions by the
/// paired bootstrap: each replicate resamples whole paths with replacement
/// (the same paths for every comparison), from a GSL stream seeded by
/// (bootstrap seed, replicate index), so intervals are identical whatever
/// the thread count. A replicate counts how often it draws each path, then
/// adds up in path order: its time is linear in the paths at any size.
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

    /// Intervals of the mean per-path reduction and of the ratio-of-means
    /// reduction, per pair; nil where no replicate defines the statistic
    /// (no resampled path has a baseline drawdown).
    public func intervals(_ pairs: [Pair], threads: Int) -> [(mean: ClosedRange<Double>?, ratio: ClosedRange<Double>?)] {
        guard let count = pairs.first?.hedged.count, count > 0, replicates > 1 else {
            return pairs.map { _ in (nil, nil) }
        }
        let width = pairs.count
        // Per pair and path, the terms a resample adds: hedged and baseline
        // drawdowns, the reduction 1 - h/u and whether it counts (u > 0).
        let hedged = pairs.map(\.hedged)
        let baseline = pairs.map(\.baseline)
        let reductions = pairs.map { pair in zip(pair.hedged, pair.baseline).map { $1 > 0 ? 1 - $0 / $1 : 0 } }
        let counted = pairs.map { pair in pair.baseline.map { $0 > 0 ? 1.0 : 0 } }
        let configuration = RandomConfiguration(seed: seed)
        var statistics = [Double](repeating: .nan, count: replicates * width * 2)
        let replicates = self.replicates
        statistics.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let output = buffer.baseAddress!
            DispatchQueue.concurrentPerform(iterations: max(1, min(threads, replicates))) { worker in
                var stream = RandomStream(configuration)
                // How often each path is drawn: the draws scatter into this
                // small array, then one pass in path order adds up the terms
                // (no random reads of the samples, whose size outgrows the caches).
                var draws = [UInt32](repeating: 0, count: count)
                var replicate = worker
                while replicate < replicates {
                    stream.startPath(replicate)
                    draws.withUnsafeMutableBufferPointer { draws in
                        for index in 0..<count { draws[index] = 0 }
                        for _ in 0..<count { draws[stream.uniformInt(below: count)] &+= 1 }
                    }
                    for p in 0..<width {
                        var reductionSum = 0.0
                        var pairedCount = 0.0
                        var hedgedSum = 0.0
                        var baselineSum = 0.0
                        draws.withUnsafeBufferPointer { draws in
                            hedged[p].withUnsafeBufferPointer { h in
                                baseline[p].withUnsafeBufferPointer { u in
                                    reductions[p].withUnsafeBufferPointer { r in
                                        counted[p].withUnsafeBufferPointer { c in
                                            for path in 0..<count where draws[path] != 0 {
                                                let times = Double(draws[path])
                                                hedgedSum += times * h[path]
                                                baselineSum += times * u[path]
                                                reductionSum += times * r[path]
                                                pairedCount += times * c[path]
                                            }
                                        }
                                    }
                                }
                            }
                        }
                        let slot = (replicate * width + p) * 2
                        output[slot] = pairedCount > 0 ? reductionSum / pairedCount : .nan
                        output[slot + 1] = baselineSum > 0 ? 1 - hedgedSum / baselineSum : .nan
                    }
                    replicate += threads
                }
            }
        }
        let tail = (1 - level) / 2
        return (0..<width).map { p in
            func interval(_ offset: Int) -> ClosedRange<Double>? {
                let values = (0..<replicates).map { statistics[($0 * width + p) * 2 + offset] }.filter(\.isFinite)
                guard !values.isEmpty else { return nil }
                let q = Quantiles(values)
                return q.value(at: tail)...q.value(at: 1 - tail)
            }
            return (interval(0), interval(1))
        }
    }
}
