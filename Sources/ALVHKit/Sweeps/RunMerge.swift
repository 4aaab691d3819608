import Foundation

/// `alvh merge` for the shards of one run: checks that the shards belong
/// together and cover every path exactly once, concatenates their records in
/// path order and writes the run's outputs exactly as an unsharded run
/// writes them (the timing fields aside).
public enum RunMerge {
    /// Reads a shard folder's manifest.
    public static func manifest(_ folder: URL) throws(OutputError) -> ShardManifest {
        let url = folder.appendingPathComponent("shard.json")
        let manifest = try JSONText.decode(ShardManifest.self, from: url, what: "shard manifest")
        try manifest.validate(file: url.path)
        return manifest
    }

    static func text(_ url: URL) throws(OutputError) -> String {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw OutputError(path: url.path, message: "cannot read the file")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Merges shard folders into the run folder `final`.
    public static func merge(_ folders: [URL], into final: URL, replacing: Bool = false) throws -> RunRecord {
        let target = final.standardizedFileURL.resolvingSymlinksInPath().path
        for folder in folders where folder.standardizedFileURL.resolvingSymlinksInPath().path == target {
            throw OutputError(path: final.path, message: "--out is one of the shard folders; merge into a new folder", isInput: true)
        }
        var shards: [(manifest: ShardManifest, folder: URL)] = []
        for folder in folders { shards.append((try manifest(folder), folder)) }
        shards.sort { $0.manifest.shardIndex < $1.manifest.shardIndex }
        guard let first = shards.first?.manifest else { throw OutputError(path: final.path, message: "no shards to merge", isInput: true) }
        for shard in shards where shard.manifest.identity != first.identity {
            throw OutputError(path: shard.folder.path, message: "belongs to another run than \(shards[0].folder.path) (scenario, seed, paths or settings differ)", isInput: true)
        }
        let indices = shards.map(\.manifest.shardIndex)
        guard indices == Array(0..<first.shardCount) else {
            let missing = Set(0..<first.shardCount).subtracting(indices).sorted()
            throw OutputError(path: final.path, message: "shards \(indices) of \(first.shardCount) given; missing \(missing), or one given twice", isInput: true)
        }
        var next = 0
        for shard in shards {
            guard shard.manifest.firstPath == next else {
                throw OutputError(path: shard.folder.path, message: "starts at path \(shard.manifest.firstPath), expected \(next)", isInput: true)
            }
            next += shard.manifest.shardPaths
        }
        guard next == first.paths else {
            throw OutputError(path: final.path, message: "shards cover \(next) of \(first.paths) paths", isInput: true)
        }
        let directory = try RunDirectory.create(final: final, replacing: replacing)
        do {
            let pathsFile = try directory.stream("paths.csv")
            try pathsFile.write(RunTables.pathsHeader)
            var data: RunData?
            for shard in shards {
                let paths = try text(shard.folder.appendingPathComponent("paths.csv"))
                let daily = try text(shard.folder.appendingPathComponent("daily_closes.csv"))
                let pathBody = paths.drop { $0 != "\n" }.dropFirst()
                let dailyBody = daily.drop { $0 != "\n" }.dropFirst()
                try pathsFile.write(String(pathBody))
                let part = try RunData(
                    names: first.names, horizonDays: first.horizonDays, pathRows: pathBody, dailyRows: dailyBody,
                    firstPath: shard.manifest.firstPath, file: shard.folder.path)
                guard part.paths == shard.manifest.shardPaths else {
                    throw OutputError(
                        path: shard.folder.path, message: "paths.csv holds \(part.paths) paths, shard.json says \(shard.manifest.shardPaths)",
                        isInput: true)
                }
                if var merged = data {
                    merged.append(part)
                    data = merged
                } else {
                    data = part
                }
            }
            try pathsFile.close()
            var manifest = first
            manifest.wallSeconds = shards.reduce(0) { $0 + $1.manifest.wallSeconds }
            manifest.startedUTC = shards.map(\.manifest.startedUTC).min() ?? first.startedUTC
            let record = try RunJob.finish(manifest: manifest, data: data!, into: directory)
            try directory.commit()
            return record
        } catch {
            directory.abandon()
            throw error
        }
    }
}
