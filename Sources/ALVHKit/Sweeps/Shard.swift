import Foundation

/// A deterministic slice `index` of `count` (0-based) of a run's paths or a
/// sweep's points, so that shards on many machines cover everything once.
public struct Shard: Sendable, Hashable, Codable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    public init(index: Int, count: Int) throws(ParameterError) {
        guard count >= 1, count <= Limits.shards, index >= 0, index < count else {
            throw ParameterError(key: "--shard", "must be I/N with 0 <= I < N <= \(Limits.shards), got \(index)/\(count)")
        }
        self.index = index
        self.count = count
    }

    /// The whole job.
    public static let whole = try! Shard(index: 0, count: 1)

    /// Whether this is the whole job.
    public var isWhole: Bool { count == 1 }

    public var description: String { "\(index)/\(count)" }

    /// Parses `I/N`.
    public static func parse(_ text: String) throws(ParameterError) -> Shard {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw ParameterError(key: "--shard", "must be I/N (for example 0/4), got '\(text)'")
        }
        return try Shard(index: index, count: count)
    }

    /// The shard a batch scheduler assigned, if any: Slurm's
    /// `SLURM_ARRAY_TASK_ID` with `SLURM_ARRAY_TASK_COUNT`, or Kubernetes'
    /// `JOB_COMPLETION_INDEX` with `ALVH_SHARD_COUNT` (an indexed Job does not
    /// export its completion count).
    public static func fromEnvironment(_ environment: [String: String]) throws(ParameterError) -> Shard? {
        if let id = environment["SLURM_ARRAY_TASK_ID"], let count = environment["SLURM_ARRAY_TASK_COUNT"] {
            guard let i = Int(id), let n = Int(count) else {
                throw ParameterError(key: "SLURM_ARRAY_TASK_ID", "must be a whole number, got '\(id)' of '\(count)'")
            }
            let minimumText = environment["SLURM_ARRAY_TASK_MIN"] ?? "0"
            guard let minimum = Int(minimumText), minimum >= 0, minimum <= i else {
                throw ParameterError(key: "SLURM_ARRAY_TASK_MIN", "must be a whole number no larger than SLURM_ARRAY_TASK_ID (\(id)), got '\(minimumText)'")
            }
            return try Shard(index: i - minimum, count: n)
        }
        if let id = environment["JOB_COMPLETION_INDEX"] {
            guard let count = environment["ALVH_SHARD_COUNT"] else {
                throw ParameterError(key: "JOB_COMPLETION_INDEX", "is set: set ALVH_SHARD_COUNT to the number of completions too")
            }
            guard let i = Int(id), let n = Int(count) else {
                throw ParameterError(key: "JOB_COMPLETION_INDEX", "must be a whole number, got '\(id)' of '\(count)'")
            }
            return try Shard(index: i, count: n)
        }
        return nil
    }

    /// This shard's contiguous part of `0..<total`.
    public func slice(of total: Int) -> Range<Int> {
        (total * index / count)..<(total * (index + 1) / count)
    }

    /// Whether this shard owns item `item` of a list (sweep points: round robin).
    public func owns(_ item: Int) -> Bool { item % count == index }
}
