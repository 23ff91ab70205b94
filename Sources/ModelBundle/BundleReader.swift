import FileIO

/// A bundle read member by member, from a file or standard input: each member's name is checked, folders are
/// passed over, and a member no bundle may hold stops the reading with the reason.
final class BundleReader {
    /// The bundle as errors name it (`standard input` for `-`).
    let name: String
    let tar: TarReader
    private let input: SequentialReader

    init(_ path: String) throws(BundleError) {
        do {
            input = try SequentialReader(path: path)
        } catch {
            throw .io(error)
        }
        name = input.path
        tar = TarReader(input: input)
    }

    deinit { input.close() }

    /// The next blob or manifest, its data ready to be read from `tar`; nil at the end of the bundle.
    func next() throws(BundleError) -> (entry: TarEntry, member: BundleMember)? {
        while true {
            let entry: TarEntry?
            do {
                entry = try tar.next()
            } catch {
                throw Unpacker.bundleError(error, bundle: name)
            }
            guard let entry else { return nil }
            let member = BundleMember(entry)
            switch member {
            case .folder: continue
            case .refused(let reason): throw .refusedMember(bundle: name, reason: reason)
            case .blob, .manifest: return (entry, member)
            }
        }
    }
}
