/// The help every listing command shows for its `--sort`, `--filter`, `--limit` and `--names`.
public enum ListingHelp {
    /// One paragraph naming `fields` (the listing's keys) and the forms their values take.
    public static func paragraph(keys: [String]) -> String {
        "--sort KEY[:asc|desc] and --filter KEY OP VALUE (repeatable, all must hold; OP is = != > < >= <=) "
            + "take the keys \(keys.joined(separator: ", ")). Sizes are in Ollama's decimal units (5GB, 500MB; "
            + "1.5GiB is binary), counts like 7B or 8K, ages like 30d, 12h or 2w (modified>30d: older than 30 "
            + "days); text matches without case, with * as a wildcard. Sizes, counts and times sort largest and "
            + "newest first, text A to Z. --limit N keeps the first N; --names prints only the names, one per line."
    }
}
