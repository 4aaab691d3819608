/// What a simulator runs for each path: given the path's own random stream,
/// positioned at the path's first draw, produce the path's outcome.
///
/// A program is a value shared read-only by all workers; each worker owns a
/// `Workspace` (preallocated buffers) for the paths it runs, so the per-step
/// loop allocates nothing. Simulators are generic over the program, so
/// calls are specialised, never dispatched through an existential.
public protocol PathProgram: Sendable {
    /// Per-worker scratch state, created once per worker.
    associatedtype Workspace
    /// The per-path result written at the path's index.
    associatedtype Outcome

    /// Creates one worker's scratch state.
    func makeWorkspace() -> Workspace

    /// Simulates path `path`.
    func simulatePath(_ path: Int, random: inout RandomStream, workspace: inout Workspace) -> Outcome
}
