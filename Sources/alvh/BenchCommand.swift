import ALVHKit
import ArgumentParser
import Foundation

/// `alvh bench`: throughput of W1, its parts, the bare market engine and the GSL generators.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure throughput: W1 (default), its parts, the bare market engine, or the GSL generators.",
        discussion: """
            With no mode flag: runs W1 (the reference workload of Scenarios/w1.yaml; another scenario with --scenario) on \
            --paths paths, on 1 thread and then on \
            --threads (default: the CPUs this process may use), and reports path-days per second, nanoseconds per path-day per \
            thread, wall and CPU seconds, the speedup and peak resident memory. --parts times each piece \
            of a W1 path-day and prints their sum, the floor the whole loop is compared with. --market \
            times the bare SPX/VIX path engine; --generators re-seeding and normal draws per GSL generator.
            """
    )

    @Flag(help: "Time the pieces of a W1 path-day and their sum.") var parts = false
    @Flag(help: "Time the bare market engine (path-steps per second).") var market = false
    @Flag(help: "Time the GSL generators (re-seed per path, ziggurat normals).") var generators = false
    @Option(help: ArgumentHelp(
        "Time this scenario's run instead of W1 (its market and strategies; not a bootstrap of history).",
        valueName: "file.yaml"), completion: .yamlFile)
    var scenario: String?
    @Option(parsing: .unconditional, help: "Paths.") var paths: Int = 20_000
    @Option(help: "With --parts: rounds of parts-then-loop; medians are reported (host load drifts between measurements).")
    var rounds: Int = 5
    @OptionGroup var random: RandomOptions
    @Flag(help: "Print one JSON object.") var json = false

    func validate() throws {
        try FlagBounds.check(paths, 1...Limits.paths, "--paths")
        guard rounds >= 1, rounds <= 100 else { throw ValidationError("--rounds: must lie in 1...100, got \(rounds)") }
        if scenario != nil && (parts || market || generators) {
            throw ValidationError("--scenario: times a scenario's whole run; it does not go with --parts, --market or --generators")
        }
    }

    func run() throws {
        if generators {
            try benchGenerators()
        } else if market {
            try benchMarket()
        } else if parts {
            try benchParts()
        } else {
            try benchW1()
        }
    }

    /// CPU seconds (user and system) used by the process so far, and its peak resident memory in bytes.
    static func usage() -> (cpu: Double, peakBytes: Int) {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let cpu = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) * 1e-6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) * 1e-6
        return (cpu, usage.ru_maxrss * 1024)
    }

    /// Times `program` over `--paths` paths on 1 thread and on all threads (or --threads).
    private func timeOnThreads<Program: PathProgram>(_ program: Program, days: Int, random: RandomConfiguration)
        -> [[String: Double]]
    {
        let allThreads = self.random.threads ?? ParallelSimulator.availableCores
        var rows: [[String: Double]] = []
        for threads in Array(Set([1, allThreads])).sorted() {
            let simulator = ParallelSimulator(threads: threads, random: random)
            let before = Self.usage()
            let seconds = Stopwatch.time { _ = simulator.run(program, paths: 0..<paths) }
            let after = Self.usage()
            let pathDays = Double(paths * days)
            rows.append([
                "threads": Double(threads), "wallSeconds": seconds, "cpuSeconds": after.cpu - before.cpu,
                "pathDaysPerSecond": pathDays / seconds,
                "nanosecondsPerPathDayPerThread": 1e9 * seconds * Double(threads) / pathDays,
            ])
        }
        return rows
    }

    /// Prints one JSON object.
    private func printJSON(_ object: [String: Any]) throws {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }

    /// Prints the rows of `timeOnThreads` and the speedup.
    private func printRows(_ rows: [[String: Double]], unit: String) {
        for row in rows {
            print(String(format: "  %2.0f thread(s): %7.3f s wall, %7.3f s CPU, %.3g ",
                         row["threads"]!, row["wallSeconds"]!, row["cpuSeconds"]!, row["pathDaysPerSecond"]!)
                  + "\(unit)s/s, " + String(format: "%.1f", row["nanosecondsPerPathDayPerThread"]!) + " ns/\(unit)/thread")
        }
        if rows.count == 2 {
            print(String(format: "  speedup: %.2fx", rows[1]["pathDaysPerSecond"]! / rows[0]["pathDaysPerSecond"]!))
        }
    }

    /// W1, or the scenario of `--scenario`: its name and configuration.
    private func workload() throws -> (name: String, configuration: StressConfiguration) {
        guard let scenario else { return ("W1", .w1) }
        let loaded = try Scenario.load(path: scenario)
        guard loaded.configuration.bootstrap == nil else {
            throw ValidationError("--scenario: \(scenario) bootstraps history (market.bootstrap); bench times simulated markets")
        }
        return (loaded.name, loaded.configuration)
    }

    private func benchW1() throws {
        let configuration = try random.configuration()
        let (name, stress) = try workload()
        let rows = timeOnThreads(StressProgram(stress), days: stress.horizonDays, random: configuration)
        let peak = Self.usage().peakBytes
        let speedup = rows.count == 2 ? rows[1]["pathDaysPerSecond"]! / rows[0]["pathDaysPerSecond"]! : 1
        if json {
            try printJSON([
                "workload": name, "paths": paths, "days": stress.horizonDays,
                "generator": configuration.generator.name, "runs": rows, "speedup": speedup, "peakResidentBytes": peak,
                "kernels": KernelTier.preferred.description,
            ])
            return
        }
        print(
            "\(name), \(paths) paths x \(stress.horizonDays) days, \(stress.strategies.count) strategies, "
                + "generator \(configuration.generator), "
                + "\(KernelTier.preferred) kernels")
        printRows(rows, unit: "path-day")
        print(String(format: "  peak resident memory: %.1f MB", Double(peak) / 1e6))
    }

    /// The median of `values` (the mean of the middle two for an even count).
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : 0.5 * (sorted[middle - 1] + sorted[middle])
    }

    /// Times the parts, then the whole loop, `--rounds` times in turn: each
    /// round's ratio compares measurements taken moments apart, and the
    /// medians over rounds resist a host whose load drifts.
    private func benchParts() throws {
        let configuration = try random.configuration()
        let simulator = ParallelSimulator(threads: 1, random: configuration)
        let program = StressProgram(.w1)
        struct Round {
            let pieces: [PathDayParts.Part]
            let floor: Double
            let whole: Double
        }
        var measured: [Round] = []
        for _ in 0..<rounds {
            let pieces = PathDayParts.measure()
            let floor = pieces.reduce(0) { $0 + $1.nanoseconds * $1.perPathDay }
            let seconds = Stopwatch.time { _ = simulator.run(program, paths: 0..<paths) }
            measured.append(Round(pieces: pieces, floor: floor, whole: 1e9 * seconds / Double(paths * ReferenceMarket.horizonDays)))
        }
        let parts = (0..<measured[0].pieces.count).map { index in
            let first = measured[0].pieces[index]
            return PathDayParts.Part(
                name: first.name, nanoseconds: Self.median(measured.map { $0.pieces[index].nanoseconds }),
                perPathDay: first.perPathDay)
        }
        let floor = Self.median(measured.map(\.floor))
        let whole = Self.median(measured.map(\.whole))
        let ratios = measured.map { $0.floor / $0.whole }
        let ratio = Self.median(ratios)
        if json {
            let object: [String: Any] = [
                "parts": parts.map { ["name": $0.name, "nanoseconds": $0.nanoseconds, "perPathDay": $0.perPathDay] },
                "floorNanosecondsPerPathDay": floor, "w1NanosecondsPerPathDay": whole, "w1OverFloor": 1 / ratio,
                "floorOverW1": ratio, "kernels": KernelTier.preferred.description,
                "rounds": measured.map {
                    ["floorNanosecondsPerPathDay": $0.floor, "w1NanosecondsPerPathDay": $0.whole, "floorOverW1": $0.floor / $0.whole]
                },
            ]
            try printJSON(object)
            return
        }
        print("the pieces of one W1 path-day (1 thread; medians of \(rounds) rounds)")
        print("  piece".padding(toLength: 42, withPad: " ", startingAt: 0) + "   ns each   per day   ns/day")
        for part in parts {
            print("  " + part.name.padding(toLength: 40, withPad: " ", startingAt: 0)
                  + String(format: "%10.1f %9.2f %8.1f", part.nanoseconds, part.perPathDay, part.nanoseconds * part.perPathDay))
        }
        for (index, round) in measured.enumerated() {
            print(String(format: "  round %d: floor %.0f, loop %.0f ns per path-day: %.2fx", index + 1, round.floor, round.whole,
                         round.floor / round.whole))
        }
        print(String(format: "  floor (sum of the parts): %.0f ns per path-day", floor))
        print(String(format: "  W1 loop on 1 thread:      %.0f ns per path-day", whole))
        print(String(format: "  the loop is %.2fx faster than the floor (median of the rounds' ratios; %.2f-%.2fx)", ratio,
                     ratios.min()!, ratios.max()!))
        print("  (the loop prices on the \(KernelTier.preferred) vector kernels; the parts are scalar)")
    }

    private func benchMarket() throws {
        let configuration = try random.configuration()
        let program = MarketPathProgram(
            dynamics: ReferenceMarket.physical, spot: ReferenceMarket.spot,
            variance: ReferenceMarket.variance, days: ReferenceMarket.horizonDays)
        let rows = timeOnThreads(program, days: program.days, random: configuration)
        if json {
            try printJSON([
                "workload": "market-engine-w1", "paths": paths, "days": program.days,
                "generator": configuration.generator.name, "runs": rows,
            ])
            return
        }
        print("bare market engine, W1 market, \(paths) paths x \(program.days) days, generator \(configuration.generator)")
        printRows(rows, unit: "path-step")
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
        if json { try printJSON(["generators": rows]) }
    }
}

/// Wall-clock timing of a block, in seconds.
enum Stopwatch {
    static func time(_ body: () throws -> Void) rethrows -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        try body()
        let elapsed = clock.now - start
        return elapsed.seconds
    }
}
