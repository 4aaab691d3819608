/// What a simulator runs for each path: given the path's own random stream,
/// positioned at the path's first draw, write the path's outcomes.
///
/// A program is a value shared read-only by all workers; each worker owns a
/// `Workspace` (preallocated buffers) for the paths it runs, so the per-step
/// loop allocates nothing. Simulators are generic over the program, so
/// calls are specialised, never dispatched through an existential.
public protocol PathProgram: Sendable {
    /// Per-worker scratch state of one path, created once per lane of a worker.
    associatedtype Workspace
    /// Per-worker scratch state of a lockstep group (what its paths price
    /// together), created once per worker; none by default.
    associatedtype GroupWorkspace = Void
    /// One per-path record; a path writes `outcomesPerPath` of them.
    associatedtype Outcome: BitwiseCopyable

    /// Records each path writes (one per strategy in a stress run).
    var outcomesPerPath: Int { get }

    /// Creates one lane's scratch state.
    func makeWorkspace() -> Workspace

    /// Creates one worker's group scratch state.
    func makeGroupWorkspace() -> GroupWorkspace

    /// Simulates path `path`, writing exactly `outcomesPerPath` records into `outcomes`.
    func simulatePath(
        _ path: Int, random: inout RandomStream, workspace: inout Workspace,
        outcomes: UnsafeMutableBufferPointer<Outcome>)

    /// Paths a worker hands to `simulatePaths` at once (1: one at a time).
    var lockstepWidth: Int { get }

    /// Simulates paths `first ..< first + count` (count at most `lockstepWidth`),
    /// `randoms[i]` and `workspaces[i]` belonging to path `first + i` (its
    /// stream started), `group` the worker's group state, writing
    /// `outcomesPerPath` records per path in path order. A path's records
    /// must not depend on the group it ran in.
    func simulatePaths(
        first: Int, count: Int, randoms: UnsafeMutablePointer<RandomStream>,
        workspaces: UnsafeMutableBufferPointer<Workspace>, group: inout GroupWorkspace,
        outcomes: UnsafeMutableBufferPointer<Outcome>)
}

extension PathProgram where GroupWorkspace == Void {
    public func makeGroupWorkspace() {}
}

extension PathProgram {
    public var lockstepWidth: Int { 1 }

    /// One path after another.
    public func simulatePaths(
        first: Int, count: Int, randoms: UnsafeMutablePointer<RandomStream>,
        workspaces: UnsafeMutableBufferPointer<Workspace>, group: inout GroupWorkspace,
        outcomes: UnsafeMutableBufferPointer<Outcome>
    ) {
        let perPath = outcomesPerPath
        for lane in 0..<count {
            simulatePath(
                first + lane, random: &randoms[lane], workspace: &workspaces[lane],
                outcomes: UnsafeMutableBufferPointer(rebasing: outcomes[(lane * perPath)..<((lane + 1) * perPath)]))
        }
    }
}

/// A program with one outcome per path and no workspace.
public protocol SingleOutcomePathProgram: PathProgram where Workspace == Void {
    /// Simulates path `path` and returns its outcome.
    func simulatePath(_ path: Int, random: inout RandomStream) -> Outcome
}

extension SingleOutcomePathProgram {
    public var outcomesPerPath: Int { 1 }

    public func makeWorkspace() {}

    @inlinable
    public func simulatePath(
        _ path: Int, random: inout RandomStream, workspace: inout Void, outcomes: UnsafeMutableBufferPointer<Outcome>
    ) {
        outcomes[0] = simulatePath(path, random: &random)
    }
}
