import ALVHKit
import ArgumentParser
import Foundation

/// Generator, seed and thread flags shared by every simulating command.
struct RandomOptions: ParsableArguments {
    @Option(help: "GSL generator type (default: $GSL_RNG_TYPE, else taus2).")
    var rng: String?

    @Option(help: "Master seed (default: $GSL_RNG_SEED, else 1).")
    var seed: UInt64?

    @Option(help: "Worker threads (default: all cores).")
    var threads: Int?

    func validate() throws {
        if let threads, threads < 1 {
            throw ValidationError("--threads: must be at least 1, got \(threads)")
        }
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
