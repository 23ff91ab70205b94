import ArgumentParser
import Foundation
import Hashing
import ImageWorksRegistry
import RegistryImport
import OllamaStore
import OrderedJSON

/// `ollama-scan import`: merges the store's GGUF models into the ImageWorks registry, offline.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandHelp.configuration(
        "import", abstract: "Merge the store's GGUF models into the ImageWorks registry (Strategy A names).",
        discussion: """
            Every model with a GGUF model layer gets an entry named <family>-ollama-gguf[-<quant>] with its \
            exact model blob path, Ollama's SIZE in bytes, its layer blobs, quantization and metadata read from \
            the store; an existing entry is updated field by field as ImageWorks' importer does, and a \
            quant-less legacy entry is renamed. Cloud stubs, safetensors models and broken models are listed as \
            skipped. Entries written by hand are kept. Writes are atomic, locked and backed up; --dry-run \
            writes nothing. A model whose blobs fail --hash gets no checksums, and the run exits 1.

            \(RegistryOptions.help)
            """,
        examples: [
            "ollama-scan import --registry-dir ~/imageworks/configs --dry-run",
            "ollama-scan import --registry-dir configs --hash",
        ])

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var registryOptions: RegistryOptions

    @Flag(help: "Show what would change and write nothing at all.")
    var dryRun = false

    @Flag(help: "Verify every blob of the imported models first and record their SHA-256 in artifacts.")
    var hash = false

    @OptionGroup var jobsOptions: JobsOptions

    @Flag(help: "Mark placeholder entries (model-ollama-gguf…) of the ollama backend deprecated.")
    var deprecatePlaceholders = false

    @Flag(help: "Remove every ollama entry from the ollama source before importing (hand-curated ones come back).")
    var purgeExisting = false

    @Option(help: "The download_location of imported entries.")
    var location = "linux_wsl"

    @Flag(help: "Print the result (or the plan) as JSON.")
    var json = false

    func run() throws {
        let scan = try storeOptions.scan()
        var warnings = CommandWarnings(echoing: !json)
        warnings.add(scan)
        var options = RegistryImporter.Options()
        options.location = location
        options.hash = hash
        options.jobs = jobsOptions.workerCount
        options.readersPerRotationalDevice = jobsOptions.readersPerRotationalDevice
        options.deprecatePlaceholders = deprecatePlaceholders
        options.purgeExisting = purgeExisting
        options.now = PythonTimestamp.now()

        let cancellation = HashCancellation()
        let (result, written, registryLocation) = try registryOptions.transaction(
            dryRun: dryRun, allowingMissing: true, warnings: &warnings
        ) {
            registry -> RegistryImporter.Result in
            let interruptions = Interruptions(cancelling: cancellation)
            defer { interruptions.restore() }
            let meter = hash ? ProgressMeter.forStandardError(enabled: !json) : nil
            let result: RegistryImporter.Result
            do {
                result = try RegistryImporter(scan: scan, options: options).run(
                    on: &registry, cancellation: cancellation, progress: meter?.callback)
            } catch {
                throw CommandFailure.unusable("\(error)")
            }
            meter?.finish()
            if result.verification?.interrupted == true {
                Console.error("interrupted: the registry was not changed")
                throw ExitCode(130)
            }
            return result
        }

        if json {
            print(
                JSONWriter.pythonIndented(
                    warnings.attached(
                        to: result.jsonValue(registry: registryLocation, dryRun: dryRun, written: written))))
        } else {
            print(ImportReport.text(result, dryRun: dryRun, written: written))
            warnings.finish()
        }
        if result.hashFailed { throw ExitCode(1) }
    }
}
