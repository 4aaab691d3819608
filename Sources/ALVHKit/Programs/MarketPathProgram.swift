/// The bare market engine: a path of daily SPX/variance steps and nothing
/// else, used to measure the engine's throughput in path-steps per second.
public struct MarketPathProgram: SingleOutcomePathProgram {
    public typealias Workspace = Void
    public typealias Outcome = MarketState

    /// Trading days simulated per path.
    public let days: Int
    let start: MarketState
    let stepper: MarketStepper

    public init(dynamics: PhysicalDynamics, spot: Double, variance: Double, days: Int, substeps: Int = 1) {
        self.days = days
        start = MarketState(spot: spot, variance: variance)
        stepper = MarketStepper(dynamics: dynamics, stepLength: 1.0 / 252.0, substeps: substeps)
    }

    /// The path's closing state on its last day.
    public func simulatePath(_ path: Int, random: inout RandomStream) -> MarketState {
        var state = start
        for _ in 0..<days {
            stepper.advance(&state, random: &random)
        }
        return state
    }
}
