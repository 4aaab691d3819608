@testable import ALVHKit
import Foundation
import Synchronization
import Testing

/// What another process sees in a folder alvh writes into while it writes:
/// shards of one sweep share a folder and refuse one holding strangers.
@Suite struct SharedFolderTests {
    /// Lists `folder` on another thread while `body` runs (called until the
    /// folder has been listed at least `listings` times, however busy the
    /// machine); returns every name seen.
    static func namesSeen(in folder: URL, listings: Int = 200, while body: () throws -> Void) rethrows -> Set<String> {
        let seen = Mutex(Set<String>())
        let listed = Atomic(0)
        let stop = Atomic(false)
        let watcher = Thread {
            while !stop.load(ordering: .relaxed) {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
                seen.withLock { $0.formUnion(names) }
                listed.add(1, ordering: .relaxed)
            }
        }
        watcher.start()
        defer { stop.store(true, ordering: .relaxed) }
        repeat { try body() } while listed.load(ordering: .relaxed) < listings
        stop.store(true, ordering: .relaxed)
        while !watcher.isFinished { usleep(1_000) }
        return seen.withLock { $0 }
    }

    /// A file alvh creates appears under its own name only: no temporary
    /// (`FileManager.createFile` writes one, `.dat.nosync*`, for a moment,
    /// which made a concurrent shard refuse the sweep folder).
    @Test func creatingAFileShowsNoTemporaryBesideIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("alvh-shared-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let names = try Self.namesSeen(in: folder) {
            for index in 0..<1_000 {
                let file = try StreamedFile(url: folder.appendingPathComponent("f\(index % 8).txt"))
                try file.write("x")
                try file.close()
            }
            try RunDirectory.replace(folder.appendingPathComponent("sweep.json"), with: "{}")
        }
        let strangers = names.filter { !($0.hasPrefix("f") && $0.hasSuffix(".txt")) && $0 != "sweep.json" && !$0.contains(".tmp-") }
        #expect(strangers.isEmpty, "seen beside the files: \(strangers.sorted())")
        #expect(names.contains { $0.hasSuffix(".txt") })
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("sweep.json").path))
    }
}
