import FileIO
import OllamaStore
import OrderedJSON

/// An unfinished classic pull of one blob: its `-partial` data file and the `-partial-N` part files that
/// record how far each part got (`{"N":0,"Offset":0,"Size":…,"Completed":…}`, one JSON line each).
///
/// The data file is created at the blob's full size (sparse), so its length is the size of the blob and only
/// the part files tell the progress.
public struct PartialDownload: Sendable {
    public var digest: BlobDigest
    /// The `-partial` data file, when there is one.
    public var dataPath: String?
    /// The blob's full size: the data file's length, else the parts' sizes added up.
    public var expectedBytes: Int64?
    /// Σ `Completed` of the part files; nil when no part file could be read.
    public var completedBytes: Int64?
    public var partCount: Int
    /// Part files that could not be read or parsed, with why.
    public var unreadableParts: [String]

    /// How far the download got, from 0 to 1, when the parts say.
    public var fraction: Double? {
        guard let completedBytes, let expectedBytes, expectedBytes > 0 else { return nil }
        return min(1, Double(completedBytes) / Double(expectedBytes))
    }

    /// The downloads among `leftovers`, in digest order.
    public static func all(in leftovers: [LeftoverFile]) -> [PartialDownload] {
        var byDigest: [BlobDigest: PartialDownload] = [:]
        var partSizes: [BlobDigest: Int64] = [:]
        for file in leftovers where file.kind.isPartial {
            guard let digest = file.digest else { continue }
            var download =
                byDigest[digest]
                ?? PartialDownload(
                    digest: digest, dataPath: nil, expectedBytes: nil, completedBytes: nil, partCount: 0,
                    unreadableParts: [])
            if file.kind == .partialDownload {
                download.dataPath = file.path
                download.expectedBytes = file.size
            } else {
                download.partCount += 1
                switch readPart(file.path) {
                case .success(let part):
                    download.completedBytes = (download.completedBytes ?? 0) + part.completed
                    partSizes[digest, default: 0] += part.size
                case .failure(let failure):
                    download.unreadableParts.append("\(file.path): \(failure.reason)")
                }
            }
            byDigest[digest] = download
        }
        return byDigest.values.map { download in
            var download = download
            if download.expectedBytes == nil { download.expectedBytes = partSizes[download.digest] }
            return download
        }.sorted { $0.digest < $1.digest }
    }

    struct PartFailure: Error { var reason: String }

    /// A part file's `Size` and `Completed`.
    static func readPart(_ path: String) -> Result<(size: Int64, completed: Int64), PartFailure> {
        let bytes: [UInt8]
        do {
            bytes = try ReadOnlyFile.contents(ofFile: path, limit: 64 << 10)
        } catch {
            return .failure(PartFailure(reason: error.reason))
        }
        let object: JSONObject
        do {
            guard let parsed = try JSONReader.parsePrefix(bytes).value.objectValue else {
                return .failure(PartFailure(reason: "not a JSON object"))
            }
            object = parsed
        } catch {
            return .failure(PartFailure(reason: "not JSON: \(error)"))
        }
        guard let size = object.goField("Size")?.int64Value, size >= 0 else {
            return .failure(PartFailure(reason: "no integer \"Size\""))
        }
        guard let completed = object.goField("Completed")?.int64Value, completed >= 0 else {
            return .failure(PartFailure(reason: "no integer \"Completed\""))
        }
        return .success((size, min(completed, size)))
    }
}
