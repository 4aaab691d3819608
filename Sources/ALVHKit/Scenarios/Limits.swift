/// The largest counts and sizes alvh accepts, in scenario files and on the
/// command line alike (a count in a file is bounded like its flag). Each is
/// beyond any real use and small enough that a run stays within a machine's
/// memory and finishes: none of them can be reached by accident.
public enum Limits {
    /// Paths of one run (all shards together): a run keeps about 100 bytes per path and strategy.
    public static let paths = 50_000_000
    /// Worker threads.
    public static let threads = 4_096
    /// Trading days simulated (20 years).
    public static let horizonDays = 5_040
    /// QE sub-steps per trading day.
    public static let substeps = 100
    /// Option expiries and condor spacing (trading days; 3 years).
    public static let expiryDays = 756
    /// Bootstrap replicates.
    public static let bootstrap = 100_000
    /// Paths whose daily closes are kept for fan charts and `sample_paths.csv`.
    public static let recordedPaths = 100_000
    /// Shards of one run or sweep.
    public static let shards = 100_000
    /// Points of one sweep, and values of one axis.
    public static let sweepPoints = 100_000
    /// Strategies of one scenario.
    public static let strategies = 64
    /// Regimes, events and shocks of one scenario.
    public static let regimes = 64
    /// Trading days a regime may take to phase in (`Regime.phaseInDays`).
    public static let phaseInDays = 63
    public static let events = 10_000
    /// Time steps per year of `alvh price`, and its years to maturity.
    public static let stepsPerYear = 100_000
    public static let maturityYears = 50.0
    /// Market steps of one `alvh price` path (steps per year x years).
    public static let priceSteps = 1_000_000
    /// Path-steps of one `alvh price` run (about an hour on two cores).
    public static let pricePathSteps = 1e11
}
