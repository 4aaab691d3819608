import Foundation

/// The `alvh price` model check: Monte Carlo price of a European SPX option
/// under risk-neutral Heston/Bates dynamics, simulated with the market path
/// engine, against the analytic price.
public struct ModelCheck: Sendable {
    /// Spot (points), strike (points), maturity (years).
    public var spot: Double
    public var strike: Double
    public var maturity: Double
    /// Rate and dividend yield (per year, continuous).
    public var rate: Double
    public var dividendYield: Double
    /// Heston parameters.
    public var variance: Double
    public var kappa: Double
    public var theta: Double
    public var xi: Double
    public var rho: Double
    /// Bates jumps added to ln S.
    public var jumpIntensity: Double
    public var jumpMean: Double
    public var jumpVolatility: Double
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
        self.spot = spot
        self.strike = strike
        self.maturity = maturity
        self.rate = rate
        self.dividendYield = dividendYield
        self.variance = variance
        self.kappa = kappa
        self.theta = theta
        self.xi = xi
        self.rho = rho
        self.jumpIntensity = jumpIntensity
        self.jumpMean = jumpMean
        self.jumpVolatility = jumpVolatility
        self.kind = kind
        self.paths = paths
        self.stepsPerYear = stepsPerYear
    }

    /// Checks every input; the error's key is the command-line flag.
    public func validate() throws(ParameterError) {
        try ParameterCheck.positive(spot, "--spot")
        try ParameterCheck.positive(strike, "--strike")
        try ParameterCheck.positive(maturity, "--maturity")
        try ParameterCheck.finite(rate, "--rate")
        try ParameterCheck.finite(dividendYield, "--div")
        try ParameterCheck.nonNegative(variance, "--v0")
        try ParameterCheck.positive(kappa, "--kappa")
        try ParameterCheck.positive(theta, "--theta")
        try ParameterCheck.positive(xi, "--xi")
        try ParameterCheck.correlation(rho, "--rho")
        try ParameterCheck.nonNegative(jumpIntensity, "--jump-intensity")
        try ParameterCheck.finite(jumpMean, "--jump-mean")
        try ParameterCheck.nonNegative(jumpVolatility, "--jump-vol")
        guard paths >= 2, paths <= PathSeeder.maxPaths else {
            throw ParameterError(key: "--paths", "must lie in 2...\(PathSeeder.maxPaths), got \(paths)")
        }
        guard stepsPerYear >= 1 else {
            throw ParameterError(key: "--steps-per-year", "must be at least 1, got \(stepsPerYear)")
        }
    }

    /// The risk-neutral dynamics the paths follow.
    public var riskNeutralDynamics: PhysicalDynamics {
        PhysicalDynamics(
            drift: rate, dividendYield: dividendYield, kappa: kappa, theta: theta, xi: xi, rho: rho,
            jumpIntensity: jumpIntensity, jumpMean: jumpMean, jumpVolatility: jumpVolatility)
    }

    /// The analytic Heston (or Bates, with jumps) price (points).
    public func analyticPrice() throws(GSLError) -> Double {
        try HestonBatesPricer(
            spot: spot, variance: variance, rate: rate, dividendYield: dividendYield,
            kappa: kappa, theta: theta, xi: xi, rho: rho,
            jumpIntensity: jumpIntensity, jumpMean: jumpMean, jumpVolatility: jumpVolatility
        ).price(strike: strike, maturity: maturity, kind: kind)
    }

    /// The simulation program (exposed for determinism tests).
    public var program: EuropeanOptionMonteCarlo {
        EuropeanOptionMonteCarlo(
            dynamics: riskNeutralDynamics, rate: rate, spot: spot, variance: variance,
            strike: strike, maturity: maturity, kind: kind, stepsPerYear: stepsPerYear)
    }

    /// Runs the check.
    public func run(simulator: ParallelSimulator) throws -> ModelCheckResult {
        try validate()
        let analytic = try analyticPrice()
        let program = self.program
        let clock = ContinuousClock()
        let start = clock.now
        let payoffs = simulator.run(program, paths: 0..<paths)
        let elapsed = clock.now - start
        let seconds = elapsed.seconds
        let statistics = SampleStatistics(payoffs)
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
    /// `(mcPrice - analyticPrice) / standardError`.
    public let zScore: Double
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
        zScore = (mcPrice - analyticPrice) / standardError
        self.paths = paths
        self.steps = steps
        self.threads = threads
        self.generator = generator
        self.seed = seed
        self.wallSeconds = wallSeconds
        pathStepsPerSecond = Double(paths) * Double(steps) / max(wallSeconds, 1e-9)
    }
}
