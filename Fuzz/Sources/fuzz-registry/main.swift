import FuzzSupport
import ImageWorksRegistry

// The ImageWorks registry loader, as every registry command starts: the bytes as one registry file, then split
// at the first NUL byte into the curated and the discovered layer of a layered registry. Loading never writes.
let scratch = ScratchFolder()
let single = scratch.path + "/single/model_registry.json"
let layered = scratch.path + "/layered"
runFuzzer { bytes in
    scratch.write("single/model_registry.json", bytes)
    let split = bytes.firstIndex(of: 0) ?? bytes.count
    scratch.write("layered/" + RegistryLocation.curatedName, UnsafeRawBufferPointer(rebasing: bytes[..<split]))
    scratch.write(
        "layered/" + RegistryLocation.discoveredName,
        UnsafeRawBufferPointer(rebasing: bytes[min(split + 1, bytes.count)...]))
    for location in [RegistryLocation.singleFile(path: single), .layered(directory: layered)] {
        do throws(RegistryError) {
            let registry = try Registry.load(location, environment: [:])
            _ = (registry.entries.count, registry.warnings, registry.needsMigration)
        } catch {
            _ = error.description
        }
    }
}
