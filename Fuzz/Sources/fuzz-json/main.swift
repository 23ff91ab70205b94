import FuzzSupport
import OrderedJSON

// The order-preserving JSON reader every registry and manifest goes through. What it reads, its writer must
// write back to the same value: the registry is saved from what was read.
runFuzzer { bytes in
    let value: JSONValue
    do throws(JSONError) {
        value = try JSONReader.parse(Array(bytes))
    } catch {
        _ = error.description
        return
    }
    for text in [JSONWriter.compact(value), JSONWriter.pythonIndented(value)] {
        guard let again = try? JSONReader.parse(text), again == value else {
            fatalError("written back as \(text), which does not read as the same value")
        }
    }
}
