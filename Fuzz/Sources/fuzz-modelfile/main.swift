import FuzzSupport
import ModelExport

// The Modelfile parser (Ollama's rules, rune by rune). What it reads must render and read back the same:
// export checks its Modelfiles that way.
runFuzzer { bytes in
    let text = String(decoding: bytes, as: UTF8.self)
    let instructions: [Modelfile.Instruction]
    do throws(ModelfileParser.ParseError) {
        instructions = try ModelfileParser.parse(text)
    } catch {
        _ = error.description
        return
    }
    _ = Modelfile(instructions: instructions).render()
}
