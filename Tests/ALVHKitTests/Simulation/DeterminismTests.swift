@testable import ALVHKit
import Synchronization
import Testing

/// Same seed, same result: per-path outcomes do not depend on the thread
/// count, the block size or the split of paths into shards.
@Suite struct DeterminismTests {
    let program = MarketPathProgram(
        dynamics: ReferenceMarket.physical, spot: ReferenceMarket.spot,
        variance: ReferenceMarket.variance, days: 63)
    let random = RandomConfiguration(seed: 77)
    let paths = 4_000

    func bits(_ states: [MarketState]) -> [UInt64] {
        states.flatMap { [$0.logSpot.bitPattern, $0.variance.bitPattern] }
    }

    @Test func identicalOnOneAndTwoThreadsAndInHalves() {
        let one = ParallelSimulator(threads: 1, blockSize: 64, random: random).run(program, paths: 0..<paths)
        let two = ParallelSimulator(threads: 2, blockSize: 7, random: random).run(program, paths: 0..<paths)
        let simulator = ParallelSimulator(threads: 2, random: random)
        let halves = simulator.run(program, paths: 0..<(paths / 2)) + simulator.run(program, paths: (paths / 2)..<paths)
        #expect(bits(one) == bits(two))
        #expect(bits(one) == bits(halves))
    }

    @Test func differentSeedsGiveDifferentPaths() {
        let a = ParallelSimulator(threads: 2, random: random).run(program, paths: 0..<100)
        let b = ParallelSimulator(threads: 2, random: RandomConfiguration(seed: 78)).run(program, paths: 0..<100)
        #expect(bits(a) != bits(b))
    }

    @Test func progressReportsEveryPath() {
        final class Highest: Sendable {
            let value = Mutex(0)
        }
        let highest = Highest()
        _ = ParallelSimulator(threads: 2, blockSize: 100, random: random).run(program, paths: 0..<1_000) { done in
            highest.value.withLock { $0 = max($0, done) }
        }
        #expect(highest.value.withLock { $0 } == 1_000)
    }
}
