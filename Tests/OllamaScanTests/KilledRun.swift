import FixtureKit
import Foundation

/// Runs the built `ollama-scan` and kills it (SIGKILL) after `delay`, as a crash or a power cut would.
/// - Returns: whether it was still running when it was killed (false: it had finished).
func runAndKill(_ arguments: [String], after delay: Duration) throws -> Bool {
    let process = Process()
    process.executableURL = cliBinary
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    for key in ["OLLAMA_MODELS", "IMAGEWORKS_REGISTRY_DIR", "COLUMNS"] { environment.removeValue(forKey: key) }
    process.environment = environment
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    let (seconds, attoseconds) = delay.components
    usleep(UInt32(seconds * 1_000_000 + attoseconds / 1_000_000_000_000))
    let running = process.isRunning
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    return running && process.terminationReason == .uncaughtSignal
}

/// A store of healthy models for kill tests: `count` models, each with a blob of its own of `blobSize`
/// bytes, sharing one config and one license.
struct KillTestStore {
    let directory: TemporaryDirectory
    let names: [String]

    init(count: Int, blobSize: Int) throws {
        directory = try TemporaryDirectory()
        let store = try StoreBuilder(root: URL(fileURLWithPath: directory.path))
        let license = try store.addBlob(Array("MIT License\n".utf8), mediaType: DemoStore.media("license"))
        var names: [String] = []
        for index in 0..<count {
            var random = DeterministicBytes(seed: "kill \(index)")
            let weights = try store.addBlob(random.next(blobSize), mediaType: DemoStore.media("model"))
            let config = try store.addBlob(
                DemoStore.config(family: "llama", type: "1B", fileType: "F16", layers: [weights]),
                mediaType: StoreBuilder.dockerConfig)
            try store.addManifest(
                "registry.ollama.ai/library/m\(index)/1b", config: config, layers: [weights, license])
            names.append("m\(index):1b")
        }
        self.names = names
    }

    var path: String { directory.path }
}
