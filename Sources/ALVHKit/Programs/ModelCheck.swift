import Foundation

/// The `alvh price` model check: Monte Carlo price of a European SPX option
/// under risk-neutral Heston/Bates dynamics, simulated with the market path
/// engine, against the analytic price.
@dynamicMemberLookup
public struct ModelCheck: Sendable {
    /// The Heston/Bates model and market of the check (spot, variance, rates,
    /// variance dynamics, jumps), read as the check's own fields (`check.rho`).
    public var model: HestonBatesPricer
    /// Strike (points) and maturity (years).
    public var strike: Double
    public var maturity: Double
    /// Call or put.
    public var kind: OptionKind
    /// Monte Carlo size.
    public var paths: Int
    public var stepsPerYear: Int

    public init(
        spot: Double, strike: Double, maturity: Double, rate: Double, dividendYield: Double,
        variance: Double, kappa: Double, theta: Double, xi: Double, rho: Double,
        jumpIntensity: Double = 0, jumpMean: Double = 0, jumpVolatility: Double = 0,
        kind: OptionKind = .call, paths: Int, stepsPerYear: Int
    ) {
        model = HestonBatesPricer(
            spot: spot, variance: variance, rate: rate, dividendYield: dividendYield, kappa: kappa, theta: theta, xi: xi,
            rho: rho, jumpIntensity: jumpIntensity, jumpMean: jumpMean, jumpVolatility: jumpVolatility)
        self.strike = strike
        self.maturity = maturity
        self.kind = kind
        self.paths = paths
        self.stepsPerYear = stepsPerYear
    }

    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<HestonBatesPricer, Value>) -> Value {
        get { model[keyPath: keyPath] }
        set { model[keyPath: keyPath] = newValue }
    }

    /// Checks every input; the error's key is the command-line flag.
    public func validate() throws(ParameterError) {
        try ParameterCheck.within(model.spot, 1e-2...1e7, "--spot")
        try ParameterCheck.within(strike, 1e-2...1e8, "--strike")
        try ParameterCheck.within(maturity, 1e-3...Limits.maturityYears, "--maturity")
        try ParameterCheck.within(model.rate, -0.5...1, "--rate")
        try ParameterCheck.within(model.dividendYield, -0.5...1, "--div")
        try ParameterCheck.within(model.variance, 0...25, "--v0")
        try ParameterCheck.within(model.kappa, 1e-4...1_000, "--kappa")
        try ParameterCheck.within(model.theta, 1e-6...25, "--theta")
        try ParameterCheck.within(model.xi, 1e-4...20, "--xi")
        try ParameterCheck.correlation(model.rho, "--rho")
        try ParameterCheck.within(model.jumpIntensity, 0...1_000, "--jump-intensity")
        try ParameterCheck.within(model.jumpMean, -5...5, "--jump-mean")
        try ParameterCheck.within(model.jumpVolatility, 0...5, "--jump-vol")
        guard paths >= 2, paths <= Limits.paths else {
            throw ParameterError(key: "--paths", paths < 2 ? "must be at least 2, got \(paths)" : "must be at most \(Limits.paths), got \(paths)")
        }
        guard stepsPerYear >= 1, stepsPerYear <= Limits.stepsPerYear else {
            throw ParameterError(
                key: "--steps-per-year",
                stepsPerYear < 1 ? "must be at least 1, got \(stepsPerYear)" : "must be at most \(Limits.stepsPerYear), got \(stepsPerYear)")
        }
        let steps = maturity * Double(stepsPerYear)
        guard steps <= Double(Limits.priceSteps) else {
            throw ParameterError(key: "--steps-per-year", "gives \(Int(steps)) steps to maturity, more than \(Limits.priceSteps)")
        }
        guard Double(paths) * steps.rounded(.up) <= Limits.pricePathSteps else {
            throw ParameterError(key: "--paths", "\(paths) paths x \(Int(steps.rounded(.up))) steps is more than \(Limits.pricePathSteps) path-steps")
        }
    }

    /// Where the Monte Carlo estimate is known to be unreliable, one line
    /// each: the payoff's variance is infinite when the second moment of
    /// S_T explodes before the maturity (Andersen and Piterbarg 2007, for
    /// the Heston part), and the QE/Andersen scheme's bias grows with
    /// |rho| xi sqrt(T).
    public var warnings: [String] {
        var lines: [String] = []
        let explosion = MomentExplosion.time(order: 2, kappa: model.kappa, xi: model.xi, rho: model.rho)
        if explosion <= maturity {
            lines.append(String(
                format: "E[S_T^2] is infinite from T* = %.3g years, before the maturity %.3g: the standard error and z-score are not reliable",
                explosion, maturity))
        }
        let leverage = abs(model.rho) * model.xi * maturity.squareRoot()
        if leverage > 2 {
            lines.append(String(
                format: "|rho| xi sqrt(T) = %.3g is large: the time-discretisation bias of the scheme may exceed the standard error; raise --steps-per-year and compare",
                leverage))
        }
        return lines
    }

    /// The risk-neutral dynamics the paths follow.
    public var riskNeutralDynamics: PhysicalDynamics {
        PhysicalDynamics(
            drift: model.rate, dividendYield: model.dividendYield, kappa: model.kappa, theta: model.theta, xi: model.xi, rho: model.rho,
            jumpIntensity: model.jumpIntensity, jumpMean: model.jumpMean, jumpVolatility: model.jumpVolatility)
    }

    /// The analytic Heston (or Bates, with jumps) price (points).
    public func analyticPrice() throws(GSLError) -> Double {
        try model.price(strike: strike, maturity: maturity, kind: kind)
    }

    /// The simulation program (exposed for determinism tests).
    public var program: EuropeanOptionMonteCarlo {
        EuropeanOptionMonteCarlo(
            dynamics: riskNeutralDynamics, rate: model.rate, spot: model.spot, variance: model.variance,
            strike: strike, maturity: maturity, kind: kind, stepsPerYear: stepsPerYear)
    }

    /// Runs the check.
    public func run(simulator: ParallelSimulator) throws -> ModelCheckResult {
        try validate()
        let analytic: Double
        do {
            analytic = try analyticPrice()
        } catch {
            // The characteristic-function integral fails only at extreme inputs: say which ones drive it.
            throw ParameterError(
                key: "--xi, --rho, --maturity", "the analytic price cannot be computed for these parameters (\(error.description))")
        }
        guard analytic.isFinite else {
            throw ParameterError(key: "--xi, --rho, --maturity", "the analytic price is not finite for these parameters")
        }
        let program = self.program
        let clock = ContinuousClock()
        let start = clock.now
        let payoffs = simulator.run(program, paths: 0..<paths)
        let elapsed = clock.now - start
        let seconds = elapsed.seconds
        let statistics = SampleStatistics(payoffs)
        guard statistics.mean.isFinite, statistics.standardError.isFinite else {
            throw NonFiniteResultError(strategy: "price", figure: "the Monte Carlo payoff", path: payoffs.firstIndex { !$0.isFinite } ?? 0)
        }
        return ModelCheckResult(
            mcPrice: statistics.mean, standardError: statistics.standardError, analyticPrice: analytic,
            paths: paths, steps: program.steps, threads: simulator.threads,
            generator: simulator.random.generator.name, seed: simulator.random.seed,
            wallSeconds: seconds)
    }
}

/// What `alvh price` reports.
public struct ModelCheckResult: Sendable, Codable, Equatable {
    /// Monte Carlo price (points) and its standard error.
    public let mcPrice: Double
    public let standardError: Double
    /// Analytic Heston/Bates price (points).
    public let analyticPrice: Double
    /// `(mcPrice - analyticPrice) / standardError`; nil when the standard
    /// error is 0 (every payoff equal), where no finite z exists.
    public let zScore: Double?
    public let paths: Int
    public let steps: Int
    public let threads: Int
    public let generator: String
    public let seed: UInt64
    /// Wall time of the simulation, and its throughput in path-steps per second.
    public let wallSeconds: Double
    public let pathStepsPerSecond: Double

    public init(
        mcPrice: Double, standardError: Double, analyticPrice: Double, paths: Int, steps: Int,
        threads: Int, generator: String, seed: UInt64, wallSeconds: Double
    ) {
        self.mcPrice = mcPrice
        self.standardError = standardError
        self.analyticPrice = analyticPrice
        zScore = standardError > 0 ? (mcPrice - analyticPrice) / standardError : nil
        self.paths = paths
        self.steps = steps
        self.threads = threads
        self.generator = generator
        self.seed = seed
        self.wallSeconds = wallSeconds
        pathStepsPerSecond = Double(paths) * Double(steps) / max(wallSeconds, 1e-9)
    }
}
