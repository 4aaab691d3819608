// A stress run from Swift: W1 on 2,000 paths, each strategy's mean max
// drawdown and ALVH's reduction against the unhedged condor on the same
// paths. The DocC article "Running a stress run from Swift" shows this file;
// a test builds and runs it as a package that depends on ALVHKit by version.
import ALVHKit
import Foundation

let file = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "Scenarios/w1.yaml"
do {
    let scenario = try Scenario.load(path: file)
    let configuration = scenario.configuration
    let run = StressRun(
        configuration: configuration, paths: 0..<2_000,
        simulator: ParallelSimulator(threads: 2, random: RandomConfiguration(seed: 1)), recordedPaths: 0)
    let result = try run.execute { _ in }
    let names = configuration.strategies.map(\.name)
    for (index, name) in names.enumerated() {
        let drawdowns = result.maxDrawdowns[index]
        let mean = drawdowns.reduce(0, +) / Double(drawdowns.count)
        print("\(name): mean max drawdown \(String(format: "%.2f", 100 * mean))%")
    }
    if let alvh = names.firstIndex(of: "alvh"), let unhedged = names.firstIndex(of: "unhedged") {
        let reduction = PairedReduction(hedged: result.maxDrawdowns[alvh], baseline: result.maxDrawdowns[unhedged])
        print("alvh vs unhedged: \(String(format: "%.2f", 100 * (reduction.ratioOfMeansReduction ?? .nan)))% lower mean max drawdown")
    }
} catch let error as ScenarioError {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(2)
}
