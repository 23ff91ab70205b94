import ArgumentParser
import FixtureKit
import Foundation

/// `store-bench generate`: writes a realistic Ollama store of a chosen size for the measurements.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract:
            "Write a realistic, deterministic Ollama store (GGUF headers with real-sized tokenizers, random data).",
        discussion: "Example: swift run -c release store-bench generate --out /tmp/store --models 20 --total-size 8GiB")

    @Option(help: "The store directory to create (must not exist).")
    var out: String

    @Option(help: "How many models (1 to 100,000; with many models most blobs are tiny).")
    var models: Int

    @Option(help: "Total size of the model blobs, e.g. 8GiB or 500MB.")
    var totalSize: ByteSize

    @Option(help: "Fraction of models that share another model's blob.")
    var sharedFraction = 0.1

    @Option(help: "Seed: the same seed writes the same store.")
    var seed = "store-bench"

    func validate() throws {
        guard (1...100_000).contains(models) else { throw ValidationError("--models must be between 1 and 100000.") }
        guard (0...1).contains(sharedFraction) else {
            throw ValidationError("--shared-fraction must be between 0 and 1.")
        }
        guard !FileManager.default.fileExists(atPath: out) else {
            throw ValidationError("\(out) exists; choose a new directory.")
        }
    }

    func run() throws {
        let started = ContinuousClock.now
        var options = StoreGenerator.Options(
            models: models, totalSize: totalSize.bytes, sharedFraction: sharedFraction, seed: seed)
        options.seed = seed
        let summary = try StoreGenerator(options: options).write(to: URL(fileURLWithPath: out))
        let elapsed = ContinuousClock.now - started
        print(
            "wrote \(out): \(summary.manifests) manifests, \(summary.blobs) blobs, \(summary.modelBlobBytes) bytes of model blobs in \(elapsed)"
        )
    }
}
