import Foundation

/// The ways blobs are found damaged in real stores, applied in place to a copy of a store for tests: a bit
/// flipped by bad RAM or disk, a copy cut short, a file zeroed by a crash, a stray write, a deletion. (Test
/// code on a copy: Foundation's file calls are enough here.)
public enum BlobCorruption: String, CaseIterable, Sendable, CustomStringConvertible {
    case flippedByte = "one byte flipped in the middle"
    case truncated = "truncated by 100 bytes"
    case zeroFilled = "zero-filled at the same size"
    case appendedByte = "one byte appended"
    case deleted = "deleted"
    case emptied = "replaced by an empty file"
    case directory = "a directory in its place"
    case symlinkToOtherBlob = "a symbolic link to another blob"

    public var description: String { rawValue }

    /// Damages the file at `path`; `otherBlob` is the link target for `symlinkToOtherBlob`.
    public func apply(to path: String, otherBlob: String) throws {
        let manager = FileManager.default
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        func replace(with new: [UInt8]) throws {
            try manager.removeItem(atPath: path)
            try Data(new).write(to: URL(fileURLWithPath: path))
        }
        switch self {
        case .flippedByte:
            var changed = bytes
            changed[changed.count / 2] ^= 0x01
            try replace(with: changed)
        case .truncated: try replace(with: Array(bytes.dropLast(100)))
        case .zeroFilled: try replace(with: [UInt8](repeating: 0, count: bytes.count))
        case .appendedByte: try replace(with: bytes + [0x0a])
        case .deleted: try manager.removeItem(atPath: path)
        case .emptied: try replace(with: [])
        case .directory:
            try manager.removeItem(atPath: path)
            try manager.createDirectory(atPath: path, withIntermediateDirectories: false)
        case .symlinkToOtherBlob:
            try manager.removeItem(atPath: path)
            try manager.createSymbolicLink(atPath: path, withDestinationPath: otherBlob)
        }
    }
}
