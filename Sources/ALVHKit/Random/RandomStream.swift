import CGSL

/// One worker's GSL generator, re-seeded at the start of every path from
/// (master seed, path index), so that a path's draws never depend on the
/// thread or shard that simulates it.
///
/// It owns its `gsl_rng` and frees it when it goes away; being non-copyable,
/// it can never be shared between threads by accident.
public struct RandomStream: ~Copyable {
    @usableFromInline let generator: UnsafeMutablePointer<gsl_rng>
    @usableFromInline let seeder: PathSeeder

    /// Allocates a generator of the configured type.
    public init(_ configuration: RandomConfiguration) {
        GSLRuntime.prepare()
        guard let generator = gsl_rng_alloc(configuration.generator.gslType) else {
            fatalError("gsl_rng_alloc failed for \(configuration.generator.name): out of memory")
        }
        self.generator = generator
        self.seeder = PathSeeder(masterSeed: configuration.seed)
    }

    deinit {
        gsl_rng_free(generator)
    }

    /// Positions the stream at the start of path `path`'s draws.
    @inlinable
    public mutating func startPath(_ path: Int) {
        gsl_rng_set(generator, UInt(seeder.streamSeed(path: path)))
    }

    /// A standard normal draw (GSL's ziggurat).
    @inlinable
    public mutating func normal() -> Double {
        gsl_ran_gaussian_ziggurat(generator, 1.0)
    }

    /// A uniform draw in [0, 1).
    @inlinable
    public mutating func uniform() -> Double {
        gsl_rng_uniform(generator)
    }

    /// A uniform whole number in `0..<bound` (bound at most 2^32).
    @inlinable
    public mutating func uniformInt(below bound: Int) -> Int {
        Int(gsl_rng_uniform_int(generator, UInt(bound)))
    }

    /// A Poisson draw with the given mean.
    @inlinable
    public mutating func poisson(mean: Double) -> Int {
        Int(gsl_ran_poisson(generator, mean))
    }

    /// A Poisson draw for a mean of at most 10 given `e^{-mean}`: GSL's own
    /// method for such means (multiply uniforms until the product falls to
    /// `e^{-mean}`), the same draws as `poisson(mean:)` without its `exp` per call.
    @inlinable
    public mutating func poisson(expNegativeMean: Double) -> Int {
        var product = 1.0
        var count = -1
        repeat {
            product *= gsl_rng_uniform(generator)
            count += 1
        } while product > expNegativeMean
        return count
    }

    /// An exponential draw with the given mean.
    @inlinable
    public mutating func exponential(mean: Double) -> Double {
        gsl_ran_exponential(generator, mean)
    }

    /// The generator's raw next integer (for stream-identity checks).
    @inlinable
    public mutating func nextRaw() -> UInt {
        gsl_rng_get(generator)
    }
}
