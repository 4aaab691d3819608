import ALVHKit
import ArgumentParser
import Foundation

/// Generator, seed and thread flags shared by every simulating command.
struct RandomOptions: ParsableArguments {
    @Option(help: "GSL generator type (default: $GSL_RNG_TYPE, else taus2).", completion: .generatorName)
    var rng: String?

    @Option(parsing: .unconditional, help: "Master seed, 0...2^64-1 (default: $GSL_RNG_SEED, else 1).")
    var seed: UInt64?

    @Option(parsing: .unconditional, help: "Worker threads, 1...\(Limits.threads) (default: the CPUs this process may use: its affinity mask, at most SLURM_CPUS_PER_TASK).")
    var threads: Int?

    func validate() throws {
        try FlagBounds.check(threads, 1...Limits.threads, "--threads")
    }

    /// The resolved generator and seed.
    func configuration() throws -> RandomConfiguration {
        try RandomConfiguration.resolve(
            generatorName: rng, seed: seed, environment: ProcessInfo.processInfo.environment)
    }

    /// A simulator with these settings.
    func simulator() throws -> ParallelSimulator {
        ParallelSimulator(threads: threads ?? ParallelSimulator.availableCores, random: try configuration())
    }

    /// A simulator whose seed is `defaultSeed` (a scenario's) unless --seed or GSL_RNG_SEED says otherwise.
    func simulator(defaultSeed: UInt64) throws -> ParallelSimulator {
        var random = try configuration()
        if seed == nil && ProcessInfo.processInfo.environment["GSL_RNG_SEED"] == nil { random.seed = defaultSeed }
        return ParallelSimulator(threads: threads ?? ParallelSimulator.availableCores, random: random)
    }
}
