/// What identifies a run and how it ran: the fields `summary.json` and every
/// shard's `shard.json` share, declared once. Both files write them as flat
/// keys beside their own (`RunRecord`, `ShardManifest`).
public struct RunMetadata: Sendable, Hashable, Codable {
    /// The alvh version that wrote it.
    public var alvhVersion: String
    /// Scenario name, description, file as given and the SHA-256 (hex) of its bytes and its `extends` chain.
    public var scenario: String
    public var description: String
    public var scenarioFile: String
    public var scenarioSHA256: String
    /// Master seed and GSL generator type.
    public var seed: UInt64
    public var generator: String
    /// Paths of the whole run (every shard together) and trading days per path.
    public var paths: Int
    public var horizonDays: Int
    /// Worker threads (results do not depend on them).
    public var threads: Int
    /// Wall seconds of the simulation; UTC time the run started, ISO 8601 (timing: they differ run to run).
    public var wallSeconds: Double
    public var startedUTC: String
    /// How the intervals of the comparisons are computed.
    public var bootstrap: PairedBootstrap
    /// The strategies the marketing claims are judged on (declared in the scenario, or inferred).
    public var claims: ClaimRoles
    /// The real history a bootstrapped market drew from: file name -> SHA-256 of its bytes (absent otherwise).
    public var history: [String: String]? = nil
    /// The strategies whose budgets were scaled to another's spend (`SpendMatching`; absent when none).
    public var spendMatches: [SpendMatching.Match]? = nil

    public init(
        alvhVersion: String, scenario: String, description: String, scenarioFile: String, scenarioSHA256: String,
        seed: UInt64, generator: String, paths: Int, horizonDays: Int, threads: Int, wallSeconds: Double,
        startedUTC: String, bootstrap: PairedBootstrap, claims: ClaimRoles
    ) {
        self.alvhVersion = alvhVersion
        self.scenario = scenario
        self.description = description
        self.scenarioFile = scenarioFile
        self.scenarioSHA256 = scenarioSHA256
        self.seed = seed
        self.generator = generator
        self.paths = paths
        self.horizonDays = horizonDays
        self.threads = threads
        self.wallSeconds = wallSeconds
        self.startedUTC = startedUTC
        self.bootstrap = bootstrap
        self.claims = claims
    }
}
