import Foundation

/// The ID of a process that has run and exited: what a writer killed part-way leaves in its temporary
/// files' names, for tests of their clean-up.
public func exitedProcessID() throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/true")
    try process.run()
    process.waitUntilExit()
    return process.processIdentifier
}
