import FileIO
import Synchronization

/// Hands the workers their files, largest first, and never more than a set number at once from one
/// rotational disk: on a spinning disk, parallel readers seek against each other and read slower together than
/// one alone, while files on other disks (or on an SSD) are still read in parallel.
final class ReadScheduler: Sendable {
    private struct State {
        var taken: [Bool]
        /// The first position in `order` not yet taken.
        var cursor = 0
        var active: [UInt64: Int] = [:]
    }

    private let order: [Int]
    /// For each request, the rotational device it is on, or nil when its reads need no turn.
    private let devices: [UInt64?]
    private let readersPerDevice: Int
    private let next = Atomic<Int>(0)
    private let state: Mutex<State>
    /// Whether any file needs a turn; if not, the lock-free counter is all there is.
    private let isLimited: Bool

    /// - Parameters:
    ///   - order: request indices, in the order they should start.
    ///   - readersPerRotationalDevice: nil for no limit (`--jobs` given).
    init(order: [Int], paths: [String], readersPerRotationalDevice: Int?, sysPath: String = "/sys") {
        self.order = order
        readersPerDevice = max(1, readersPerRotationalDevice ?? 1)
        var devices = [UInt64?](repeating: nil, count: paths.count)
        if readersPerRotationalDevice != nil {
            var rotational: [UInt64: Bool] = [:]
            for (index, path) in paths.enumerated() {
                guard let device = (try? FileStatus(path: path))?.device else { continue }
                if rotational[device] == nil {
                    rotational[device] = BlockDevice.isRotational(device: device, sysPath: sysPath) ?? false
                }
                if rotational[device] == true { devices[index] = device }
            }
        }
        self.devices = devices
        isLimited = devices.contains { $0 != nil }
        state = Mutex(State(taken: [Bool](repeating: false, count: order.count)))
    }

    /// The next request a worker may read now; nil when none is left for it (the rest wait for the readers
    /// already on their disks, which take them in turn).
    func take() -> Int? {
        guard isLimited else {
            let position = next.wrappingAdd(1, ordering: .relaxed).oldValue
            return position < order.count ? order[position] : nil
        }
        return state.withLock { state in
            while state.cursor < order.count && state.taken[state.cursor] { state.cursor += 1 }
            for position in state.cursor..<order.count where !state.taken[position] {
                let index = order[position]
                if let device = devices[index] {
                    guard state.active[device, default: 0] < readersPerDevice else { continue }
                    state.active[device, default: 0] += 1
                }
                state.taken[position] = true
                return index
            }
            return nil
        }
    }

    /// A worker finished reading request `index`.
    func finished(_ index: Int) {
        guard isLimited, let device = devices[index] else { return }
        state.withLock { $0.active[device, default: 1] -= 1 }
    }
}
