import Testing

@testable import ModelSBOM

@Suite struct LicenseIdentifierTests {
    @Test(arguments: [
        (
            "                                 Apache License\n                           Version 2.0, January 2004",
            "Apache-2.0"
        ),
        (
            "MIT License\n\nCopyright (c) 2024\n\nPermission is hereby granted, free of charge, to any person "
                + "obtaining a copy… The above copyright notice and this permission notice shall be included", "MIT"
        ),
        (
            "Redistribution and use in source and binary forms, with or without modification, are permitted… "
                + "3. Neither the name of the copyright holder", "BSD-3-Clause"
        ),
        (
            "GNU GENERAL PUBLIC LICENSE\nVersion 3, 29 June 2007 … either version 3 of the License, or (at your "
                + "option) any later version.", "GPL-3.0-or-later"
        ),
        ("Attribution-NonCommercial 4.0 International\n\nCreative Commons Corporation", "CC-BY-NC-4.0"),
        ("Mozilla Public License Version 2.0", "MPL-2.0"),
    ])
    func standardLicensesHaveTheirSPDXIdentifier(text: String, id: String) {
        #expect(LicenseIdentifier.spdxID(of: text) == id)
    }

    /// A model's own terms have no SPDX identifier: the BOM names them by their first line.
    @Test func ownTermsAreNamedNotIdentified() {
        let llama = "LLAMA 3.2 COMMUNITY LICENSE AGREEMENT\nLlama 3.2 Version Release Date: September 25, 2024\n"
        #expect(LicenseIdentifier.spdxID(of: llama) == nil)
        #expect(LicenseIdentifier.name(of: llama) == "LLAMA 3.2 COMMUNITY LICENSE AGREEMENT")
        #expect(LicenseIdentifier.name(of: "\n\n# Gemma Terms of Use #\n") == "Gemma Terms of Use")
        #expect(LicenseIdentifier.name(of: " \n\t\n") == nil)
    }
}
