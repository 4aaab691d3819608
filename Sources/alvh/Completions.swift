import ALVHKit
import ArgumentParser

/// What the shell completes for alvh's arguments (`alvh --generate-completion-script bash|zsh|fish`).
extension CompletionKind {
    /// Scenario and sweep files.
    static let yamlFile = CompletionKind.file(extensions: ["yaml", "yml"])
    /// Output, run, shard and history folders.
    static let folder = CompletionKind.directory
    /// The GSL generator names (`--rng`).
    static let generatorName = CompletionKind.list(RandomGeneratorType.allNames)
}
