/// Names the standard license a model's license text is, as an SPDX identifier, when the text is recognisably
/// one; nil for anything else (a model's own terms, such as Llama's or Gemma's, which have no SPDX identifier).
///
/// Written by hand: each rule is a phrase the license's own text carries, so a text is named only when it
/// says which license it is; a longer matcher (SPDX's template matching) would need the whole license list.
public enum LicenseIdentifier {
    /// The SPDX identifier of `text`, if it is a standard license.
    public static func spdxID(of text: String) -> String? {
        let t = normalized(text)
        func has(_ phrases: String...) -> Bool { phrases.allSatisfy { t.contains($0) } }
        if has("apache license") && (has("version 2.0") || has("apache license 2.0")) { return "Apache-2.0" }
        if has("mozilla public license") && has("2.0") { return "MPL-2.0" }
        if has("gnu lesser general public license") {
            if has("version 3") { return has("any later version") ? "LGPL-3.0-or-later" : "LGPL-3.0-only" }
            if has("version 2.1") { return has("any later version") ? "LGPL-2.1-or-later" : "LGPL-2.1-only" }
            return nil
        }
        if has("gnu affero general public license", "version 3") {
            return has("any later version") ? "AGPL-3.0-or-later" : "AGPL-3.0-only"
        }
        if has("gnu general public license") {
            if has("version 3") { return has("any later version") ? "GPL-3.0-or-later" : "GPL-3.0-only" }
            if has("version 2") { return has("any later version") ? "GPL-2.0-or-later" : "GPL-2.0-only" }
            return nil
        }
        if has("creative commons") || has("creativecommons.org") {
            for (phrase, id) in [
                ("attribution-noncommercial-sharealike 4.0", "CC-BY-NC-SA-4.0"),
                ("attribution-noncommercial-noderivatives 4.0", "CC-BY-NC-ND-4.0"),
                ("attribution-noncommercial 4.0", "CC-BY-NC-4.0"), ("attribution-sharealike 4.0", "CC-BY-SA-4.0"),
                ("attribution-noderivatives 4.0", "CC-BY-ND-4.0"), ("attribution 4.0", "CC-BY-4.0"),
                ("cc0 1.0", "CC0-1.0"),
            ] where t.contains(phrase) {
                return id
            }
        }
        if has("creativeml open rail-m") { return "CreativeML-OpenRAIL-M" }
        if has("redistribution and use in source and binary forms") {
            return has("neither the name") ? "BSD-3-Clause" : "BSD-2-Clause"
        }
        if has("permission is hereby granted, free of charge") && has("the above copyright notice") {
            return "MIT"
        }
        if has("this is free and unencumbered software released into the public domain") { return "Unlicense" }
        return nil
    }

    /// A short name for a license that is not a standard one: its first line that says something (without
    /// Markdown decoration), at most 120 characters.
    public static func name(of text: String) -> String? {
        let decoration: Set<Character> = [" ", "\t", "#", "*", "=", "-"]
        for line in text.split(whereSeparator: \.isNewline) {
            guard let start = line.firstIndex(where: { !decoration.contains($0) }),
                let end = line.lastIndex(where: { !decoration.contains($0) })
            else { continue }
            let name = line[start...end]
            return name.count > 120 ? String(name.prefix(119)) + "…" : String(name)
        }
        return nil
    }

    /// Lower case, every run of white space one space.
    static func normalized(_ text: String) -> String {
        text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
