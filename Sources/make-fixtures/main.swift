import FixtureKit
import Foundation

// Regenerates the demo store: `swift run make-fixtures [DIR]` (default Fixtures/store).
let arguments = CommandLine.arguments.dropFirst()
guard arguments.count <= 1, arguments.first?.hasPrefix("-") != true else {
    FileHandle.standardError.write(
        Data("usage: make-fixtures [DIR]   (default: Fixtures/store; DIR is replaced)\n".utf8))
    exit(2)
}
let directory = URL(fileURLWithPath: arguments.first ?? "Fixtures/store")
do {
    if FileManager.default.fileExists(atPath: directory.path) {
        try FileManager.default.removeItem(at: directory)
    }
    try DemoStore.write(to: directory)
    print("wrote \(directory.path)")
} catch {
    FileHandle.standardError.write(Data("make-fixtures: \(directory.path): \(error)\n".utf8))
    exit(1)
}
