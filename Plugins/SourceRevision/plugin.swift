import Foundation
import PackagePlugin

/// Writes `SourceRevision.swift` (`let sourceRevision = "..."`) before each
/// build: `git describe --always --dirty` of the package's checkout, or
/// "unknown" outside one (a source archive). The file is rewritten only when
/// the revision changed, so an unchanged tree rebuilds nothing.
@main
struct SourceRevision: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appending(path: "Generated")
        let script = """
            mkdir -p "$2" && \
            rev=$(git -C "$1" describe --always --dirty --abbrev=12 2>/dev/null || echo unknown) && \
            printf '/// The source revision alvh was built from (git describe, or unknown).\\nlet sourceRevision = "%s"\\n' "$rev" > "$2/SourceRevision.swift.new" && \
            if cmp -s "$2/SourceRevision.swift.new" "$2/SourceRevision.swift"; then rm "$2/SourceRevision.swift.new"; \
            else mv "$2/SourceRevision.swift.new" "$2/SourceRevision.swift"; fi
            """
        return [
            .prebuildCommand(
                displayName: "Source revision of \(target.name)", executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: ["-c", script, "sh", context.package.directoryURL.path, output.path],
                outputFilesDirectory: output)
        ]
    }
}
