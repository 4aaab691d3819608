/// The market states a path can be in when regimes phase in
/// (`Regime.phaseInDays`): the named regimes first, in regime order, then,
/// for every way from one regime into another that takes `n > 1` days, the
/// `n - 1` regimes part of the way there (day k of the way is `k / n` of the
/// way, `Regime.blended`); on day n the path is in the regime it entered.
///
/// On the way a path does not draw another regime: it goes on, one state a
/// day, and the chain picks up again once it has arrived (its expected stay
/// there is unchanged). A scripted shock that forces a regime starts a new
/// way from the regime the path was heading to. Without any phase-in the
/// states are the regimes and nothing changes (model.md's switch).
public struct RegimePhases: Sendable {
    /// Every state's parameters: the named regimes, then the ways' days.
    public let states: [Regime]
    /// Named regimes.
    public let regimeCount: Int
    /// Whether any regime phases in.
    public let phases: Bool
    /// Per state: tomorrow's state while on the way (-1 for a named regime).
    let onward: [Int]
    /// Per state: the named regime it is, or is heading to.
    public let destination: [Int]
    /// `entry[from * regimeCount + to]`: the state a path in named regime
    /// `from` moves to on the day it is sent to `to` (`to` itself when that
    /// way takes one day).
    let entry: [Int]

    /// The most states a scenario may have (named regimes and the days of their ways).
    public static let maximumStates = 4_096

    /// - Parameters:
    ///   - regimes: the named regimes, base first (`StressConfiguration.allRegimes`).
    ///   - reachable: whether a path in regime i can be sent to regime j (by the chain or a shock).
    public init(regimes: [Regime], reachable: (Int, Int) -> Bool) {
        let count = regimes.count
        var states = regimes
        var onward = [Int](repeating: -1, count: count)
        var destination = Array(0..<count)
        var entry = [Int](repeating: 0, count: count * count)
        for from in 0..<count {
            for to in 0..<count {
                entry[from * count + to] = to
                let days = regimes[to].phaseInDays
                guard from != to, days > 1, reachable(from, to) else { continue }
                entry[from * count + to] = states.count
                for day in 1..<days {
                    let weight = Double(day) / Double(days)
                    states.append(regimes[from].blended(
                        toward: regimes[to], weight: weight,
                        name: "\(regimes[from].name)->\(regimes[to].name) day \(day) of \(days)"))
                    onward.append(day + 1 < days ? states.count : to)
                    destination.append(to)
                }
            }
        }
        self.states = states
        regimeCount = count
        phases = states.count > count
        self.onward = onward
        self.destination = destination
        self.entry = entry
    }

    /// The states of `configuration`: a way into regime j for every regime
    /// the chain can leave for j, and from every regime into a regime a
    /// scripted shock forces.
    public init(_ configuration: StressConfiguration) {
        let chain = configuration.regimeChain
        let forced = Set(configuration.shocks.compactMap(\.regime))
        self.init(regimes: configuration.allRegimes) { from, to in
            forced.contains(to) || chain.transitions[from][to] > 0
        }
    }

    /// Whether `state` is a day on the way into a regime.
    @inline(__always)
    public func isOnTheWay(_ state: Int) -> Bool { state >= regimeCount }

    /// Tomorrow's state of a path on the way.
    @inline(__always)
    func next(onTheWay state: Int) -> Int { onward[state] }

    /// The state of a path in `state` sent to named regime `to` today.
    @inline(__always)
    func entering(_ to: Int, from state: Int) -> Int {
        let from = destination[state]
        if from == to { return state }
        return entry[from &* regimeCount &+ to]
    }
}
