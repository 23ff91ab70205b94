import FuzzSupport
import ModelBundle
import OllamaStore
import StoreWriting

// The bundle (tar) reader, as `unpack --list` and `unpack --dry-run` read a bundle from another machine: the
// bytes are the bundle file; the dry run reads and verifies all of it against an empty store and writes nothing.
let scratch = ScratchFolder()
runFuzzer { bytes in
    let bundle = scratch.write("input.tar", bytes)
    do throws(BundleError) {
        _ = try BundleListing.read(bundle)
    } catch {
        _ = error.description
    }
    let root = StoreRoot(path: scratch.path + "/store")
    var unpacker = Unpacker(root: root, quarantine: Quarantine(folder: scratch.path + "/quarantine"))
    unpacker.dryRun = true
    unpacker.bufferSize = 1 << 16
    do throws(BundleError) {
        _ = try unpacker.unpack(bundle)
    } catch {
        _ = error.description
    }
}
