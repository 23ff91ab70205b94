import Dispatch
import Foundation
import Hashing

/// Turns Ctrl-C (SIGINT) and SIGTERM into a cancellation while a long job runs, so the job can stop its
/// workers and still print what it finished; `restore()` gives the signals their default action back.
final class Interruptions {
    private let sources: [DispatchSourceSignal]
    private static let signals = [SIGINT, SIGTERM]

    init(cancelling cancellation: HashCancellation) {
        sources = Self.signals.map { number in
            signal(number, SIG_IGN)  // the dispatch source still sees it; the default action must not kill us
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { cancellation.cancel() }
            source.resume()
            return source
        }
    }

    func restore() {
        sources.forEach { $0.cancel() }
        Self.signals.forEach { signal($0, SIG_DFL) }
    }
}
