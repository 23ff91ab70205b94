import Dispatch
import FileIO
import Synchronization

/// Hands the workers their files, largest first, and gives the reads of a rotational disk their turns.
///
/// On a spinning disk, readers that run at once seek against each other and read slower together than one
/// alone. So every worker still hashes its own file (SHA-256 keeps every core busy), but on a rotational disk
/// only a set number of reads run at once, each a large chunk, so the head moves once per chunk rather than
/// once per small request. Files on other disks (or on an SSD) are read without turns.
final class ReadScheduler: Sendable {
    /// The size of one read on a rotational disk: large enough that a seek between two files' chunks
    /// (about 10 ms) costs a few percent of the read (50 ms or more at 150 MB/s).
    static let rotationalChunkSize = 8 << 20

    private let order: [Int]
    /// For each request, the turns of the rotational device it is on, or nil when its reads need none.
    private let turns: [ReadTurns?]
    private let next = Atomic<Int>(0)

    /// - Parameters:
    ///   - order: request indices, in the order they should start.
    ///   - readersPerRotationalDevice: how many reads may run at once on one rotational disk; nil for no limit.
    init(order: [Int], paths: [String], readersPerRotationalDevice: Int?, sysPath: String = "/sys") {
        self.order = order
        var turns = [ReadTurns?](repeating: nil, count: paths.count)
        if let readers = readersPerRotationalDevice {
            var byDevice: [UInt64: ReadTurns?] = [:]
            for (index, path) in paths.enumerated() {
                guard let device = (try? FileStatus(path: path))?.device else { continue }
                if byDevice[device] == nil {
                    let rotational = BlockDevice.isRotational(device: device, sysPath: sysPath) ?? false
                    byDevice[device] = .some(rotational ? ReadTurns(readers: max(1, readers)) : nil)
                }
                turns[index] = byDevice[device] ?? nil
            }
        }
        self.turns = turns
    }

    /// Whether any file's reads take turns (and so want large chunks).
    var takesTurns: Bool { turns.contains { $0 != nil } }

    /// The next request to hash; nil when none is left.
    func take() -> Int? {
        let position = next.wrappingAdd(1, ordering: .relaxed).oldValue
        return position < order.count ? order[position] : nil
    }

    /// The turns request `index` reads under, nil when its disk needs none.
    func turns(for index: Int) -> ReadTurns? { turns[index] }
}

/// The reads one rotational disk allows at once.
final class ReadTurns: Sendable {
    // A counting semaphore rather than a Mutex: the limit may be more than one reader.
    private let slots: DispatchSemaphore

    init(readers: Int) { slots = DispatchSemaphore(value: readers) }

    /// Runs one read when the disk's turn comes.
    func read<T>(_ body: () -> T) -> T {
        slots.wait()
        defer { slots.signal() }
        return body()
    }
}
