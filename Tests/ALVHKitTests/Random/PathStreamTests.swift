@testable import ALVHKit
import Testing

@Suite struct PathStreamTests {
    @Test func pathSeedsAreDistinctAndNonZero() {
        let seeder = PathSeeder(masterSeed: 42)
        let paths = 1 << 22
        var seeds = [UInt32](repeating: 0, count: paths)
        for path in 0..<paths { seeds[path] = seeder.streamSeed(path: path) }
        #expect(!seeds.contains(0))
        seeds.sort()
        var duplicates = 0
        for index in 1..<paths where seeds[index] == seeds[index - 1] { duplicates += 1 }
        #expect(duplicates == 0)
    }

    /// The inverse of `PathSeeder.permute`, step by step.
    static func invert(_ output: UInt32, _ seeder: PathSeeder) -> UInt32 {
        func inverse(_ a: UInt32) -> UInt32 {
            var x = a
            for _ in 0..<5 { x = x &* (2 &- a &* x) }
            return x
        }
        var x = output
        x ^= (x >> 15) ^ (x >> 30)
        x = x &* inverse(0x9e37_79b1)
        x ^= seeder.key2
        x ^= x >> 16
        x = x &* inverse(0x846c_a68b)
        x = x &- seeder.key1
        x ^= (x >> 15) ^ (x >> 30)
        x = x &* inverse(0x7feb_352d)
        x ^= x >> 16
        return x ^ seeder.key0
    }

    @Test func permutationIsABijection() {
        let seeder = PathSeeder(masterSeed: 123_456_789)
        for step in stride(from: UInt64(0), to: 1 << 32, by: 65_537) {
            let x = UInt32(step)
            #expect(Self.invert(seeder.permute(x), seeder) == x)
        }
    }

    @Test func thePathThatWouldGetSeedZeroIsRedirected() {
        for masterSeed: UInt64 in [0, 1, 42, .max] {
            let seeder = PathSeeder(masterSeed: masterSeed)
            let preimage = Self.invert(0, seeder)
            #expect(seeder.permute(preimage) == 0)
            if Int(preimage) < PathSeeder.maxPaths {
                let seed = seeder.streamSeed(path: Int(preimage))
                #expect(seed != 0)
                #expect(seed == seeder.permute(UInt32.max))
            }
        }
    }

    @Test func masterSeedChangesTheStreams() {
        let a = PathSeeder(masterSeed: 1)
        let b = PathSeeder(masterSeed: 2)
        var same = 0
        for path in 0..<10_000 where a.streamSeed(path: path) == b.streamSeed(path: path) { same += 1 }
        #expect(same <= 1)
    }

    /// No two paths of a large run share a stream: the first 64 bits each
    /// path draws are pairwise distinct over a million paths.
    @Test func noTwoPathsOfALargeRunShareAStream() {
        var stream = RandomStream(RandomConfiguration(seed: 20_261_121))
        let paths = 1_000_000
        var heads = [UInt64](repeating: 0, count: paths)
        for path in 0..<paths {
            stream.startPath(path)
            heads[path] = UInt64(stream.nextRaw() & 0xffff_ffff) << 32 | UInt64(stream.nextRaw() & 0xffff_ffff)
        }
        heads.sort()
        var shared = 0
        for index in 1..<paths where heads[index] == heads[index - 1] { shared += 1 }
        #expect(shared == 0)
    }

    @Test func restartingAPathReplaysItsDraws() {
        var stream = RandomStream(RandomConfiguration(seed: 3))
        stream.startPath(12_345)
        let first = (0..<10).map { _ in stream.normal() }
        stream.startPath(99)
        _ = stream.normal()
        stream.startPath(12_345)
        let again = (0..<10).map { _ in stream.normal() }
        #expect(first == again)
    }

    @Test func zigguratNormalsHaveUnitMoments() {
        var stream = RandomStream(RandomConfiguration(seed: 11))
        stream.startPath(0)
        let draws = (0..<400_000).map { _ in stream.normal() }
        let moments = Moments(draws)
        // 4 standard errors: mean SE = 1/sqrt(n); variance SE = sqrt(2/n).
        #expect(abs(moments.mean) < 4 * moments.meanStandardError)
        #expect(abs(moments.variance - 1) < 4 * moments.varianceStandardError)
    }
}
