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

    /// The intervals of one comparison; nil where no replicate defines the
    /// statistic (no resampled path has a baseline drawdown).
    public struct Intervals: Sendable, Hashable {
        /// The mean per-path reduction over paths whose baseline draws down.
        public var mean: ClosedRange<Double>?
        /// `1 - mean(MDD_H) / mean(MDD_U)`.
        public var ratio: ClosedRange<Double>?
        /// The mean per-path reduction over paths whose baseline drawdown is at least `PairedReduction.materialBaseline`.
        public var materialMean: ClosedRange<Double>?
        /// `1 - p95(MDD_H) / p95(MDD_U)` and `1 - CVaR95(MDD_H) / CVaR95(MDD_U)`.
        public var p95: ClosedRange<Double>?
        public var cvar95: ClosedRange<Double>?
    }

    /// The statistics a replicate computes, in their slots.
    static let statisticsPerPair = 5

    /// The paths of `values` from the largest down (ties in path order).
    static func descendingOrder(_ values: [Double]) -> [Int32] {
        values.indices.sorted { values[$0] > values[$1] || (values[$0] == values[$1] && $0 < $1) }.map { Int32($0) }
    }

    /// The upper-tail 95th percentile and CVaR95 of a resample: walking the
    /// paths from the largest value down with their draw counts, the value at
    /// which the draws above reach 5% of them, and the mean of the top 5% of
    /// draws (`tail` of them, as `Quantiles.upperTailMean` counts the worst 5%).
    static func upperTail(
        order: UnsafeBufferPointer<Int32>, values: UnsafeBufferPointer<Double>, draws: UnsafeBufferPointer<UInt32>, tail: Int
    ) -> (p95: Double, cvar95: Double) {
        var taken = 0
        var sum = 0.0
        var last = 0.0
        for index in order {
            let times = Int(draws[Int(index)])
            if times == 0 { continue }
            let take = min(times, tail - taken)
            last = values[Int(index)]
            sum += Double(take) * last
            taken += take
            if taken >= tail { break }
        }
        return (last, sum / Double(max(taken, 1)))
    }

    /// Intervals of every statistic of `Intervals`, per pair.
    public func intervals(_ pairs: [Pair], threads: Int) -> [Intervals] {
        guard let count = pairs.first?.hedged.count, count > 0, replicates > 1 else {
            return pairs.map { _ in Intervals() }
        }
        let width = pairs.count
        let slots = Self.statisticsPerPair
        // Per pair and path, the terms a resample adds: hedged and baseline
        // drawdowns, the reduction 1 - h/u and whether it counts (u > 0), and
        // the same over material baselines.
        let hedged = pairs.map(\.hedged)
        let baseline = pairs.map(\.baseline)
        let reductions = pairs.map { pair in zip(pair.hedged, pair.baseline).map { $1 > 0 ? 1 - $0 / $1 : 0 } }
        let counted = pairs.map { pair in pair.baseline.map { $0 > 0 ? 1.0 : 0 } }
        let material = pairs.map { pair in pair.baseline.map { $0 >= PairedReduction.materialBaseline ? 1.0 : 0 } }
        // A strategy is often in several pairs (the baseline of each hedge): its sample is sorted once.
        var sorted: [(sample: [Double], order: [Int32])] = []
        func order(_ sample: [Double]) -> [Int32] {
            if let known = sorted.first(where: { $0.sample == sample }) { return known.order }
            let order = Self.descendingOrder(sample)
            sorted.append((sample, order))
            return order
        }
        let hedgedOrder = hedged.map(order)
        let baselineOrder = baseline.map(order)
        // The worst 5% of the draws, as many as the worst 5% of the paths.
        let tail = count - min(Int((0.95 * Double(count)).rounded(.down)), count - 1)
        let configuration = RandomConfiguration(seed: seed)
        var statistics = [Double](repeating: .nan, count: replicates * width * slots)
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
                        var materialSum = 0.0
                        var materialCount = 0.0
                        var hedgedSum = 0.0
                        var baselineSum = 0.0
                        var tails = (hedged: (p95: 0.0, cvar95: 0.0), baseline: (p95: 0.0, cvar95: 0.0))
                        draws.withUnsafeBufferPointer { draws in
                            hedged[p].withUnsafeBufferPointer { h in
                                baseline[p].withUnsafeBufferPointer { u in
                                    reductions[p].withUnsafeBufferPointer { r in
                                        counted[p].withUnsafeBufferPointer { c in
                                            material[p].withUnsafeBufferPointer { m in
                                                for path in 0..<count where draws[path] != 0 {
                                                    let times = Double(draws[path])
                                                    hedgedSum += times * h[path]
                                                    baselineSum += times * u[path]
                                                    reductionSum += times * r[path]
                                                    pairedCount += times * c[path]
                                                    materialSum += times * m[path] * r[path]
                                                    materialCount += times * m[path]
                                                }
                                            }
                                        }
                                    }
                                    hedgedOrder[p].withUnsafeBufferPointer { order in
                                        tails.hedged = Self.upperTail(order: order, values: h, draws: draws, tail: tail)
                                    }
                                    baselineOrder[p].withUnsafeBufferPointer { order in
                                        tails.baseline = Self.upperTail(order: order, values: u, draws: draws, tail: tail)
                                    }
                                }
                            }
                        }
                        let slot = (replicate * width + p) * slots
                        output[slot] = pairedCount > 0 ? reductionSum / pairedCount : .nan
                        output[slot + 1] = baselineSum > 0 ? 1 - hedgedSum / baselineSum : .nan
                        output[slot + 2] = materialCount > 0 ? materialSum / materialCount : .nan
                        output[slot + 3] = tails.baseline.p95 > 0 ? 1 - tails.hedged.p95 / tails.baseline.p95 : .nan
                        output[slot + 4] = tails.baseline.cvar95 > 0 ? 1 - tails.hedged.cvar95 / tails.baseline.cvar95 : .nan
                    }
                    replicate += threads
                }
            }
        }
        let level = (1 - self.level) / 2
        return (0..<width).map { p in
            func interval(_ offset: Int) -> ClosedRange<Double>? {
                let values = (0..<replicates).map { statistics[($0 * width + p) * slots + offset] }.filter(\.isFinite)
                guard !values.isEmpty else { return nil }
                let q = Quantiles(values)
                return q.value(at: level)...q.value(at: 1 - level)
            }
            return Intervals(mean: interval(0), ratio: interval(1), materialMean: interval(2), p95: interval(3), cvar95: interval(4))
        }
    }
}
