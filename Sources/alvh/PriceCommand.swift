import ALVHKit
import ArgumentParser
import Foundation

/// `alvh price`: the model check of the path engine against analytic Heston/Bates prices.
struct PriceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "price",
        abstract: "Price a European SPX option by Monte Carlo on the path engine and compare with Heston/Bates.",
        discussion: """
            Simulates the risk-neutral version of the market path engine (drift r - q, \
            jump-compensated, QE variance and Andersen's log-price scheme) and prints the \
            Monte Carlo price, its standard error, the analytic price and the z-score.
            """
    )

    @Option(parsing: .unconditional, help: "Spot level (points, 0.01...1e7).") var spot: Double
    @Option(parsing: .unconditional, help: "Strike (points, 0.01...1e8).") var strike: Double
    @Option(parsing: .unconditional, help: "Maturity (years, 0.001...50).") var maturity: Double
    @Option(parsing: .unconditional, help: "Risk-free rate (per year, continuous, -0.5...1).") var rate: Double
    @Option(parsing: .unconditional, help: "Dividend yield (per year, continuous, -0.5...1).") var div: Double
    @Option(name: .customLong("v0"), parsing: .unconditional, help: "Initial instantaneous variance (0...25).") var v0: Double
    @Option(parsing: .unconditional, help: "Variance mean-reversion speed (per year, 0.0001...1000).") var kappa: Double
    @Option(parsing: .unconditional, help: "Long-run variance (0.000001...25).") var theta: Double
    @Option(parsing: .unconditional, help: "Volatility of variance (0.0001...20).") var xi: Double
    @Option(parsing: .unconditional, help: "Correlation of price and variance shocks (-1...1).") var rho: Double
    @Option(parsing: .unconditional, help: "Jump intensity (per year, 0...1000).") var jumpIntensity: Double = 0
    @Option(parsing: .unconditional, help: "Mean of a jump in ln S (-5...5).") var jumpMean: Double = 0
    @Option(parsing: .unconditional, help: "Standard deviation of a jump in ln S (0...5).") var jumpVol: Double = 0
    @Flag(help: "Price a put instead of a call.") var put = false
    @Option(parsing: .unconditional, help: "Monte Carlo paths (2...\(Limits.paths)).") var paths: Int = 100_000
    @Option(parsing: .unconditional, help: "Time steps per year (1...\(Limits.stepsPerYear)).") var stepsPerYear: Int = 252
    @OptionGroup var random: RandomOptions
    @Flag(help: "Print one JSON object.") var json = false

    var check: ModelCheck {
        ModelCheck(
            spot: spot, strike: strike, maturity: maturity, rate: rate, dividendYield: div,
            variance: v0, kappa: kappa, theta: theta, xi: xi, rho: rho,
            jumpIntensity: jumpIntensity, jumpMean: jumpMean, jumpVolatility: jumpVol,
            kind: put ? .put : .call, paths: paths, stepsPerYear: stepsPerYear)
    }

    func validate() throws {
        do {
            try check.validate()
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        for warning in check.warnings {
            FileHandle.standardError.write(Data("alvh: warning: \(warning)\n".utf8))
        }
        let result = try check.run(simulator: random.simulator())
        if json {
            print(try JSONText.encode(result, pretty: false))
            return
        }
        let kind = put ? "put" : "call"
        let jumps = jumpIntensity > 0 ? "Bates" : "Heston"
        print("European \(kind), S=\(spot) K=\(strike) T=\(maturity) y, \(jumps) model")
        print(String(format: "  Monte Carlo  %12.6f  (standard error %.6f; %d paths x %d steps)",
                     result.mcPrice, result.standardError, result.paths, result.steps))
        print(String(format: "  analytic     %12.6f  (characteristic function, GSL quadrature)", result.analyticPrice))
        print(result.zScore.map { String(format: "  z-score      %12.3f", $0) } ?? "  z-score               n/a  (standard error 0: every payoff equal)")
        print(String(format: "  simulation   %.2f s on %d threads, %.3g path-steps/s",
                     result.wallSeconds, result.threads, result.pathStepsPerSecond)
              + ", generator \(result.generator), seed \(result.seed)")
    }
}
