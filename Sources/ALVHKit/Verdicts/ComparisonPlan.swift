/// One paired comparison a run makes, by strategy name: the reduction
/// `1 - MDD_hedged / MDD_baseline` on the same paths.
public struct StrategyPair: Sendable, Hashable, Codable {
    public var hedged: String
    public var baseline: String

    public init(hedged: String, baseline: String) {
        self.hedged = hedged
        self.baseline = baseline
    }
}

/// Which strategies play the roles the marketing claims speak of: the ALVH
/// variants (each judged on every claim), the single VIX call it is said to
/// beat, and the unhedged condor the reductions are measured against.
public struct ClaimRoles: Sendable, Hashable, Codable {
    public var alvh: [String]
    public var singleCall: String?
    public var unhedged: String?
    /// The smallest reduction (relative: 0.05 is 5% of the baseline's mean max
    /// drawdown) that counts as a difference: "better" needs the whole 95%
    /// interval above it, "lower" or "higher" in the report beyond it.
    public var materiality: Double
    /// The drawdown levels x (fractions of peak) of `P(MDD > x)` in the summary.
    public var drawdownLevels: [Double]

    /// The materiality and drawdown levels of a scenario that states none.
    public static let defaultMateriality = 0.05
    public static let defaultDrawdownLevels = [0.1, 0.2, 0.3]

    public init(
        alvh: [String], singleCall: String?, unhedged: String?, materiality: Double = Self.defaultMateriality,
        drawdownLevels: [Double] = Self.defaultDrawdownLevels
    ) {
        self.alvh = alvh
        self.singleCall = singleCall
        self.unhedged = unhedged
        self.materiality = materiality
        self.drawdownLevels = drawdownLevels
    }

    enum CodingKeys: String, CodingKey { case alvh, singleCall, unhedged, materiality, drawdownLevels }

    /// Reads the roles; a summary written before materiality and drawdown levels existed reads the defaults.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        alvh = try container.decode([String].self, forKey: .alvh)
        singleCall = try container.decodeIfPresent(String.self, forKey: .singleCall)
        unhedged = try container.decodeIfPresent(String.self, forKey: .unhedged)
        materiality = try container.decodeIfPresent(Double.self, forKey: .materiality) ?? Self.defaultMateriality
        drawdownLevels = try container.decodeIfPresent([Double].self, forKey: .drawdownLevels) ?? Self.defaultDrawdownLevels
    }
}

/// What a run compares and which strategies the claims are about. A
/// scenario may declare both (`comparisons:`, `claims:`); without them the
/// plan is inferred as before: every hedged strategy against the first
/// unhedged one, `alvh` against `single-call`, and the claims about `alvh`.
/// Every comparison a claim needs is added to the pairs when missing.
public struct ComparisonPlan: Sendable, Hashable, Codable {
    public var pairs: [StrategyPair]
    public var claims: ClaimRoles

    public init(pairs: [StrategyPair], claims: ClaimRoles) {
        self.pairs = pairs
        self.claims = claims
    }

    /// The plan of `strategies`, from what the scenario declared (nil: inferred).
    public static func resolve(strategies: [StrategySpec], declaredPairs: [StrategyPair]?, declaredClaims: ClaimRoles?) -> ComparisonPlan {
        let names = strategies.map(\.name)
        let firstUnhedged = strategies.first { $0.hedge == .none }?.name
        var pairs = declaredPairs ?? {
            var inferred: [StrategyPair] = []
            if let baseline = firstUnhedged {
                for strategy in strategies where strategy.hedge != .none {
                    inferred.append(StrategyPair(hedged: strategy.name, baseline: baseline))
                }
            }
            if names.contains("alvh") && names.contains("single-call") {
                inferred.append(StrategyPair(hedged: "alvh", baseline: "single-call"))
            }
            return inferred
        }()
        let claims = declaredClaims ?? ClaimRoles(
            alvh: names.contains("alvh") ? ["alvh"] : [], singleCall: names.contains("single-call") ? "single-call" : nil,
            unhedged: firstUnhedged)
        for variant in claims.alvh {
            for baseline in [claims.unhedged, claims.singleCall].compactMap({ $0 }) {
                let pair = StrategyPair(hedged: variant, baseline: baseline)
                if !pairs.contains(pair) { pairs.append(pair) }
            }
        }
        return ComparisonPlan(pairs: pairs, claims: claims)
    }

    /// The pairs as strategy indices into `names` (pairs naming a missing strategy are dropped).
    public func indexPairs(_ names: [String]) -> [(hedged: Int, baseline: Int)] {
        pairs.compactMap { pair in
            guard let hedged = names.firstIndex(of: pair.hedged), let baseline = names.firstIndex(of: pair.baseline) else { return nil }
            return (hedged, baseline)
        }
    }
}
