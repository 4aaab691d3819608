import Foundation
import Testing

/// ALVHKit as a versioned dependency: a clone of this repository tagged
/// 0.1.0 is the dependency of `docs/examples/StressFromSwift` (the DocC
/// article's code), which must resolve, build (no unsafe flags in the
/// library) and run W1. Skipped, with the reason printed, where git or the
/// repository's history is not at hand. It builds the committed HEAD.
@Suite struct DependentPackageTests {
    static var repository: URL {
        var url = URL(fileURLWithPath: #filePath)
        while url.lastPathComponent != "Tests" { url.deleteLastPathComponent() }
        return url.deletingLastPathComponent()
    }

    /// Runs `arguments` (through env) in `directory`; exit status and output (stderr included).
    static func shell(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> (Int32, String) {
        try Subprocess.run("/usr/bin/env", arguments, in: directory, environment: environment, mergingErrors: true)
    }

    @Test func aPackageBuildsAgainstTheTaggedLibrary() throws {
        let repository = Self.repository
        guard FileManager.default.fileExists(atPath: repository.appendingPathComponent(".git").path),
              (try? Self.shell(["git", "--version"], in: repository).0) == 0 else {
            print("DependentPackageTests skipped: no git checkout at \(repository.path) (or no git)")
            return
        }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("alvh-dependent-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let clone = work.appendingPathComponent("alvh")
        let cloned = try Self.shell(["git", "clone", "--quiet", repository.path, clone.path], in: work)
        #expect(cloned.0 == 0, "\(cloned.1)")
        let tagged = try Self.shell(["git", "-C", clone.path, "tag", "-f", "0.1.0"], in: work)
        #expect(tagged.0 == 0, "\(tagged.1)")
        let example = clone.appendingPathComponent("docs/examples/StressFromSwift")
        let environment = ["ALVH_SOURCE": "file://\(clone.path)"]
        let built = try Self.shell(["swift", "build", "--package-path", example.path], in: work, environment: environment)
        #expect(built.0 == 0, "\(built.1.suffix(2_000))")
        #expect(!built.1.contains("unsafe build flags"))
        guard built.0 == 0 else { return }
        let ran = try Self.shell(
            [example.appendingPathComponent(".build/debug/StressFromSwift").path, clone.appendingPathComponent("Scenarios/w1.yaml").path],
            in: work)
        #expect(ran.0 == 0, "\(ran.1)")
        for line in ["unhedged: mean max drawdown", "single-call: mean max drawdown", "alvh: mean max drawdown", "alvh vs unhedged:"] {
            #expect(ran.1.contains(line), "\(ran.1)")
        }
    }
}
