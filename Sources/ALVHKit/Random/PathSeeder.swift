/// Derives the GSL seed of each path's random stream from the run's master
/// seed and the path index.
///
/// GSL generators use only 32 bits of a seed, and seed 0 is an alias for a
/// default seed. A hash of (seed, path) into 32 bits would therefore give
/// about a hundred pairs of identical paths per million. Instead the path
/// index goes through a keyed *bijection* of the 32-bit integers (xor with a
/// key, multiplication by odd constants, xor-shifts and key additions are
/// each invertible), so the paths of one run get pairwise distinct seeds, and
/// the one index that would map to 0 is redirected to the image of
/// `UInt32.max`, an index no run can reach. A run may hold up to
/// `PathSeeder.maxPaths` = 2^32 - 1 paths.
public struct PathSeeder: Sendable, Hashable {
    /// The most paths one run can have while all its streams stay distinct.
    public static let maxPaths = Int(UInt32.max)

    @usableFromInline let key0: UInt32
    @usableFromInline let key1: UInt32
    @usableFromInline let key2: UInt32

    /// Keys the permutation with the run's master seed.
    public init(masterSeed: UInt64) {
        var state = masterSeed
        let first = Self.splitMix64(&state)
        let second = Self.splitMix64(&state)
        key0 = UInt32(truncatingIfNeeded: first)
        key1 = UInt32(truncatingIfNeeded: first >> 32)
        key2 = UInt32(truncatingIfNeeded: second)
    }

    /// The non-zero 32-bit GSL seed of path `path` (0 ..< `maxPaths`).
    @inlinable
    public func streamSeed(path: Int) -> UInt32 {
        precondition(path >= 0 && path < Self.maxPaths, "path index \(path) outside 0..<2^32-1")
        let seed = permute(UInt32(truncatingIfNeeded: path))
        return seed != 0 ? seed : permute(UInt32.max)
    }

    /// A keyed bijection of the 32-bit integers with good avalanche.
    @inlinable
    func permute(_ input: UInt32) -> UInt32 {
        var x = input ^ key0
        x ^= x >> 16
        x = x &* 0x7feb_352d
        x ^= x >> 15
        x = x &+ key1
        x = x &* 0x846c_a68b
        x ^= x >> 16
        x ^= key2
        x = x &* 0x9e37_79b1
        x ^= x >> 15
        return x
    }

    /// SplitMix64 (Steele, Lea and Flood), used only to spread the master seed into keys.
    static func splitMix64(_ state: inout UInt64) -> UInt64 {
        state = state &+ 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
