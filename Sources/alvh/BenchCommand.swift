import ALVHKit
import ArgumentParser
import Foundation

/// `alvh bench`: throughput measurements.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure throughput: the bare market engine, or the GSL generators.",
        discussion: """
            --market times the bare SPX/VIX path engine on W1's market (252 daily steps a path) \
            on 1 thread and on --threads (default all cores). --generators times re-seeding and \
            normal draws for GSL generator types, the measurement behind the default generator.
            """
    )

    @Flag(help: "Time the GSL generators (re-seed per path, ziggurat normals).") var generators = false
    @Option(help: "Paths for --market.") var paths: Int = 100_000
    @OptionGroup var random: RandomOptions
    @Flag(help: "Print one JSON object.") var json = false

    func validate() throws {
        guard paths >= 1, paths <= PathSeeder.maxPaths else {
            throw ValidationError("--paths: must lie in 1...\(PathSeeder.maxPaths), got \(paths)")
        }
    }

    func run() throws {
        if generators {
            try benchGenerators()
        } else {
            try benchMarket()
        }
    }

    private func benchMarket() throws {
        let configuration = try random.configuration()
        let program = MarketPathProgram(
            dynamics: ReferenceMarket.physical, spot: ReferenceMarket.spot,
            variance: ReferenceMarket.variance, days: ReferenceMarket.horizonDays)
        let allThreads = random.threads ?? ParallelSimulator.availableCores
        var rows: [[String: Double]] = []
        for threads in Set([1, allThreads]).sorted() {
            let simulator = ParallelSimulator(threads: threads, random: configuration)
            let seconds = Stopwatch.time { _ = simulator.run(program, paths: 0..<paths) }
            let rate = Double(paths * program.days) / seconds
            rows.append(["threads": Double(threads), "wallSeconds": seconds, "pathStepsPerSecond": rate])
        }
        if json {
            let object: [String: Any] = [
                "workload": "market-engine-w1", "paths": paths, "days": program.days,
                "generator": configuration.generator.name, "runs": rows,
            ]
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        print("bare market engine, W1 market, \(paths) paths x \(program.days) days, generator \(configuration.generator)")
        for row in rows {
            print(String(format: "  %2.0f thread(s): %7.3f s  %.3g path-steps/s  %.1f ns/path-step/thread",
                         row["threads"]!, row["wallSeconds"]!, row["pathStepsPerSecond"]!,
                         1e9 * row["threads"]! / row["pathStepsPerSecond"]!))
        }
        if rows.count == 2 {
            print(String(format: "  speedup: %.2fx", rows[1]["pathStepsPerSecond"]! / rows[0]["pathStepsPerSecond"]!))
        }
    }

    private func benchGenerators() throws {
        let names = random.rng.map { [$0] } ?? ["taus2", "taus113", "mt19937", "mrg", "ranlxs0", "ranlxd1", "gfsr4"]
        let seed = try random.configuration().seed
        if !json { print("generator   re-seed ns   normal ns   (per path: re-seed + 1000 normals)") }
        var rows: [[String: Any]] = []
        for name in names {
            let configuration = RandomConfiguration(generator: try RandomGeneratorType(named: name), seed: seed)
            var stream = RandomStream(configuration)
            let reseeds = name == "gfsr4" ? 200 : 20_000
            var sink = 0.0
            let reseed = Stopwatch.time {
                for path in 0..<reseeds { stream.startPath(path) }
            } / Double(reseeds)
            let draws = 2_000_000
            stream.startPath(7)
            let normal = Stopwatch.time {
                for _ in 0..<draws { sink += stream.normal() }
            } / Double(draws)
            rows.append(["generator": name, "reseedNanoseconds": reseed * 1e9, "normalNanoseconds": normal * 1e9,
                         "checksum": sink])
            if !json {
                print(name.padding(toLength: 10, withPad: " ", startingAt: 0)
                      + String(format: " %11.1f %11.2f", reseed * 1e9, normal * 1e9))
            }
        }
        if json {
            let data = try JSONSerialization.data(withJSONObject: ["generators": rows], options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        }
    }
}

/// Wall-clock timing of a block, in seconds.
enum Stopwatch {
    static func time(_ body: () throws -> Void) rethrows -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        try body()
        let elapsed = clock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }
}
