import ArgumentParser
import FileIO
import Foundation
import Hashing
import ModelBundle
import OllamaStore
import OrderedJSON

/// `ollama-scan pack MODEL… -o FILE`: models into one bundle for another machine.
struct PackCommand: ParsableCommand {
    static let configuration = CommandHelp.configuration(
        "pack", abstract: "Bundle models into one tar file to move them to another machine (see unpack).",
        discussion: """
            The bundle is a plain, uncompressed POSIX tar: each blob once under blobs/sha256-<hex>, then the \
            models' manifests under manifests/… with their bytes unchanged, so every ID is kept and even \
            `tar -x -C ~/.ollama/models` gives a working store. Every blob is hashed as it is written into the \
            bundle; one that does not hash to its name stops the pack, names the model and the blob, and the \
            partial bundle is deleted. -o - writes the bundle to standard output. The store is only read.
            """,
        examples: [
            "ollama-scan pack llama3.2:3b qwen3:8b -o models.tar",
            "ollama-scan pack llama3.2:3b -o - | ssh gpu-box ollama-scan unpack -",
        ])

    @Argument(help: "The models to bundle.", completion: ModelCompletion.kind)
    var models: [String]

    @OptionGroup var storeOptions: StoreOptions

    @Option(
        name: .shortAndLong, help: ArgumentHelp("The bundle to write (- for standard output).", valueName: "file"),
        completion: .file(extensions: ["tar"]))
    var output: String

    @Flag(help: "Replace the bundle file if it exists.")
    var force = false

    @Flag(
        help:
            "Print the result as JSON: {\"bundle\", \"models\", \"blobs\", \"blob_bytes\", \"bundle_bytes\", \"seconds\"}."
    )
    var json = false

    @Flag(name: .shortAndLong, help: "No progress line on stderr.")
    var quiet = false

    func validate() throws {
        if models.isEmpty { throw ValidationError("Name at least one model to pack.") }
        if output == "-" && json { throw ValidationError("-o - writes the bundle to standard output: --json cannot.") }
        if output == "-" && isatty(STDOUT_FILENO) == 1 {
            throw ValidationError("-o - would write the bundle to the terminal: redirect it to a file or a pipe.")
        }
    }

    func run() throws {
        let scan = try storeOptions.scan(readingModelFiles: false)
        let records = try StoreOptions.models(models, in: scan)
        var warnings = CommandWarnings(echoing: !json)
        warnings.add(scan, selected: records)

        let atomic: AtomicFile?
        do {
            if output != "-" && !force && FileSystem.exists(output) {
                throw CommandFailure.unusable("\(output) exists: pass --force to replace it")
            }
            atomic = output == "-" ? nil : try AtomicFile(target: output, writesBehind: true)
        } catch let error as FileIOError {
            throw CommandFailure.unusable(error.description)
        }
        let sink: any ByteSink = atomic?.file ?? StandardOutput()
        let cancellation = HashCancellation()
        let interruptions = Interruptions(cancelling: cancellation)
        let meter = ProgressMeter.forStandardError(enabled: !quiet, label: "pack", unit: "blobs")
        let result: Packer.Result
        do {
            result = try Packer(scan: scan).pack(records, into: sink, cancellation: cancellation) { meter?.show($0) }
            try atomic?.commit(replacingExisting: force)
        } catch {
            meter?.finish()
            interruptions.restore()
            atomic?.discard()
            throw Self.failure(error)
        }
        meter?.finish()
        interruptions.restore()
        if json {
            print(
                JSONWriter.pythonIndented(
                    warnings.attached(
                        to: .object(
                            JSONObject([
                                ("bundle", .string(output)), ("models", .array(result.models.map(JSONValue.string))),
                                ("blobs", .integer(Int64(result.blobCount))),
                                ("blob_bytes", .integer(result.blobBytes)),
                                ("bundle_bytes", .integer(result.bundleBytes)), ("seconds", .double(result.seconds)),
                            ])))))
        } else if output != "-" {
            print(
                "packed \(HumanFormat.list(result.models)) into \(output): \(result.blobCount) blobs, "
                    + "\(HumanFormat.bytes(result.bundleBytes)) in \(HumanFormat.fixed(result.seconds, decimals: 1)) s")
            warnings.finish()
        }
    }

    /// A bad blob or a failed write is a bad answer (1); a model that cannot be packed is unusable input (2).
    static func failure(_ error: Error) -> CommandFailure {
        switch error {
        case let error as BundleError:
            switch error {
            case .cancelled:
                return CommandFailure(message: "interrupted: the partial bundle was deleted", exitCode: 130)
            case .notPackable: return .unusable(error.description)
            default: return .notFound(error.description)
            }
        case let error as FileIOError: return .notFound(error.description)
        default: return .notFound("\(error)")
        }
    }
}
