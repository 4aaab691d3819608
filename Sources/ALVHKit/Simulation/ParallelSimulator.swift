import Dispatch
import Synchronization

/// Runs a `PathProgram` over a range of paths on Dispatch workers.
///
/// Paths are cut into fixed-size blocks that do not depend on the thread
/// count; workers take blocks from a shared atomic counter. Each worker owns
/// `lockstepWidth` GSL generators and workspaces (a program may run that many
/// paths together), each generator re-seeded at every path from (seed, path
/// index); outcomes are written at their path's index. So a path's result is
/// bit-identical whatever the thread count, block size or the split of paths
/// into shards.
public struct ParallelSimulator: Sendable {
    /// Worker threads (at least 1).
    public var threads: Int
    /// Paths per block, the unit of work a worker takes at a time (nil: chosen
    /// from the run size so that every worker gets work). Results never depend on it.
    public var blockSize: Int?
    /// Generator type and master seed.
    public var random: RandomConfiguration

    public init(threads: Int, blockSize: Int? = nil, random: RandomConfiguration) {
        precondition(threads >= 1, "threads must be at least 1")
        precondition((blockSize ?? 1) >= 1, "blockSize must be at least 1")
        self.threads = threads
        self.blockSize = blockSize
        self.random = random
    }

    /// The machine's active processor count: the default thread count.
    public static var availableCores: Int { ProcessInfoCores.active }

    /// Simulates every path in `paths` (global path indices) and returns their
    /// outcomes in path order (`outcomesPerPath` consecutive records a path). `progress`, when given, is called after each
    /// block with the number of paths finished so far (from worker threads).
    public func run<Program: PathProgram>(
        _ program: Program, paths: Range<Int>, progress: (@Sendable (Int) -> Void)? = nil
    ) -> [Program.Outcome] {
        precondition(paths.lowerBound >= 0 && paths.upperBound <= PathSeeder.maxPaths, "path range \(paths) out of bounds")
        let count = paths.count
        guard count > 0 else { return [] }
        let perPath = program.outcomesPerPath
        let blockSize = self.blockSize ?? min(256, max(1, count / (threads * 16)))
        let blockCount = (count + blockSize - 1) / blockSize
        let workers = min(threads, blockCount)
        let nextBlock = Atomic<Int>(0)
        let finished = Atomic<Int>(0)
        let first = paths.lowerBound
        let random = self.random
        return [Program.Outcome](unsafeUninitializedCapacity: count * perPath) { buffer, initialized in
            nonisolated(unsafe) let output = buffer.baseAddress!
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                let width = max(program.lockstepWidth, 1)
                let streams = UnsafeMutablePointer<RandomStream>.allocate(capacity: width)
                for lane in 0..<width { (streams + lane).initialize(to: RandomStream(random)) }
                defer {
                    streams.deinitialize(count: width)
                    streams.deallocate()
                }
                var workspaces = (0..<width).map { _ in program.makeWorkspace() }
                var group = program.makeGroupWorkspace()
                while true {
                    let block = nextBlock.wrappingAdd(1, ordering: .relaxed).oldValue
                    if block >= blockCount { break }
                    let start = block * blockSize
                    let end = min(start + blockSize, count)
                    var offset = start
                    while offset < end {
                        let lanes = min(width, end - offset)
                        for lane in 0..<lanes { streams[lane].startPath(first + offset + lane) }
                        workspaces.withUnsafeMutableBufferPointer { workspaces in
                            program.simulatePaths(
                                first: first + offset, count: lanes, randoms: streams, workspaces: workspaces,
                                group: &group, outcomes: UnsafeMutableBufferPointer(start: output + offset * perPath, count: lanes * perPath))
                        }
                        offset += lanes
                    }
                    if let progress {
                        let done = finished.wrappingAdd(end - start, ordering: .relaxed).newValue
                        progress(done)
                    }
                }
            }
            initialized = count * perPath
        }
    }
}
