import Foundation

/// One path's market figures, for calibrating scenarios against history.
public struct MarketFigures: Sendable, Hashable, BitwiseCopyable {
    /// Highest spot VIX close (points) and its day.
    public var peakVIX: Double
    public var peakVIXDay: Int
    /// Largest SPX peak-to-trough fall of the closes (fraction), and the
    /// trading days from that peak to the trough.
    public var spxMaxDrawdown: Double
    public var daysPeakToTrough: Int
    /// Sessions after the VIX peak until the first close below 20 (0 if VIX
    /// never closed above 20; the remaining days if it never came back).
    public var sessionsBackUnder20: Int
    /// Share of closes on which the second-month VIX future (42 days) is above the first (21 days).
    public var contangoShare: Double
    /// Mean over closes of VIX minus the realised volatility of the next 21
    /// daily SPX returns (volatility points), over closes with 21 days ahead.
    public var impliedMinusRealised: Double
    /// Mean relative gap of the second-month future over the first.
    public var secondOverFirst: Double
    /// Mean absolute SPX log return on FOMC days and on CPI days (NaN without such days).
    public var fomcAbsoluteMove: Double
    public var cpiAbsoluteMove: Double
}

/// Simulates only the market of a scenario (regimes, events, shocks) and
/// measures what a calibration compares with history.
public struct MarketFiguresProgram: PathProgram {
    public typealias Outcome = MarketFigures
    let configuration: StressConfiguration
    let market: ScenarioMarket
    let horizon: Int

    public init(_ configuration: StressConfiguration) {
        self.configuration = configuration
        market = ScenarioMarket(configuration)
        horizon = configuration.horizonDays
    }

    public var outcomesPerPath: Int { 1 }

    /// Daily log returns and VIX closes of the current path.
    public struct Workspace {
        var returns: [Double]
        var vix: [Double]
    }

    public func makeWorkspace() -> Workspace {
        Workspace(returns: [Double](repeating: 0, count: horizon + 1), vix: [Double](repeating: 0, count: horizon + 1))
    }

    public func simulatePath(
        _ path: Int, random: inout RandomStream, workspace: inout Workspace, outcomes: UnsafeMutableBufferPointer<MarketFigures>
    ) {
        var state = MarketState(spot: configuration.spot, variance: configuration.variance)
        var regime = market.startRegime(random: &random)
        var close = market.marketClose(day: 0, state: state, regime: regime)
        var figures = MarketFigures(
            peakVIX: close.vix, peakVIXDay: 0, spxMaxDrawdown: 0, daysPeakToTrough: 0, sessionsBackUnder20: 0,
            contangoShare: 0, impliedMinusRealised: 0, secondOverFirst: 0, fomcAbsoluteMove: .nan, cpiAbsoluteMove: .nan)
        var fomc = (sum: 0.0, days: 0)
        var cpi = (sum: 0.0, days: 0)
        var contango = 0
        var gap = 0.0
        workspace.vix[0] = close.vix
        var peakSpot = state.spot
        var peakDay = 0
        func measureCurve(_ close: MarketClose) {
            // The first two monthly futures, 21 and 42 trading days out, each with its expiry's VIX window.
            func future(_ days: Int) -> Double {
                close.vixModel.futureQuote(
                    variance: close.variance, maturity: Double(days) / 252,
                    eventVariance: close.eventVariance(after: close.day + days, through: close.day + days + VIXModel.windowDays)
                ).future
            }
            let first = future(21)
            let second = future(42)
            if second > first { contango += 1 }
            gap += second / first - 1
        }
        measureCurve(close)
        for day in 1...horizon {
            let previous = state.logSpot
            regime = market.step(day: day, state: &state, regime: regime, random: &random)
            _ = random.normal()  // the A/D draw, as in a stress run, so the paths are the same
            close = market.marketClose(day: day, state: state, regime: regime)
            workspace.returns[day] = state.logSpot - previous
            for event in market.eventsByDay[day] {
                if event.kind == "FOMC" { fomc = (fomc.sum + abs(workspace.returns[day]), fomc.days + 1) }
                if event.kind == "CPI" { cpi = (cpi.sum + abs(workspace.returns[day]), cpi.days + 1) }
            }
            workspace.vix[day] = close.vix
            measureCurve(close)
            if close.vix > figures.peakVIX {
                figures.peakVIX = close.vix
                figures.peakVIXDay = day
            }
            if state.spot > peakSpot {
                peakSpot = state.spot
                peakDay = day
            } else if (peakSpot - state.spot) / peakSpot > figures.spxMaxDrawdown {
                figures.spxMaxDrawdown = (peakSpot - state.spot) / peakSpot
                figures.daysPeakToTrough = day - peakDay
            }
        }
        if figures.peakVIX > 20 {
            var day = figures.peakVIXDay
            while day <= horizon && workspace.vix[day] >= 20 { day += 1 }
            figures.sessionsBackUnder20 = day - figures.peakVIXDay
        }
        if fomc.days > 0 { figures.fomcAbsoluteMove = fomc.sum / Double(fomc.days) }
        if cpi.days > 0 { figures.cpiAbsoluteMove = cpi.sum / Double(cpi.days) }
        figures.contangoShare = Double(contango) / Double(horizon + 1)
        figures.secondOverFirst = gap / Double(horizon + 1)
        var spread = 0.0
        var counted = 0
        if horizon >= 21 {
            for day in 0...(horizon - 21) {
                var squares = 0.0
                for ahead in 1...21 { squares += workspace.returns[day + ahead] * workspace.returns[day + ahead] }
                spread += workspace.vix[day] - 100 * (252 * squares / 21).squareRoot()
                counted += 1
            }
        }
        figures.impliedMinusRealised = counted > 0 ? spread / Double(counted) : .nan
        outcomes[0] = figures
    }
}

/// Percentiles of market figures over the paths of a calibration run.
public struct MarketCalibration: Sendable {
    public let figures: [MarketFigures]

    public init(configuration: StressConfiguration, paths: Int, simulator: ParallelSimulator) {
        figures = simulator.run(MarketFiguresProgram(configuration), paths: 0..<paths)
    }

    /// The `level` quantile of a figure over the paths where it is defined (NaN if none).
    public func quantile(_ level: Double, _ figure: (MarketFigures) -> Double) -> Double {
        let values = figures.map(figure).filter { !$0.isNaN }
        return values.isEmpty ? .nan : Quantiles(values).value(at: level)
    }

    /// The mean of a figure over the paths where it is defined (NaN if none).
    public func mean(_ figure: (MarketFigures) -> Double) -> Double {
        let values = figures.map(figure).filter { !$0.isNaN }
        return values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
    }
}
