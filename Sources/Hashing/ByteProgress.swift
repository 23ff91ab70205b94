/// How far a long job over files is: bytes and files done of the total, and the time spent. Hashing (verify,
/// import --hash) and export report it, and the command line draws one progress line from it.
public struct ByteProgress: Sendable, Equatable {
    public var bytesDone: Int64
    public var bytesTotal: Int64
    public var filesDone: Int
    public var filesTotal: Int
    /// Seconds since the job started.
    public var elapsed: Double

    public init(bytesDone: Int64, bytesTotal: Int64, filesDone: Int, filesTotal: Int, elapsed: Double) {
        self.bytesDone = bytesDone
        self.bytesTotal = bytesTotal
        self.filesDone = filesDone
        self.filesTotal = filesTotal
        self.elapsed = elapsed
    }
}
