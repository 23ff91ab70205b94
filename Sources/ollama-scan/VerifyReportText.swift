import Hashing
import OllamaStore
import Verification

/// The human-readable `verify` report: the verdict line, the counts, every bad blob, every model.
struct VerifyReportText {
    var report: VerifyReport
    var failOnOrphans: Bool
    var failOnPartials: Bool
    /// `--max-age` of an incremental run.
    var maxAge: String? = nil
    /// The width lines must fit (nil: never cut).
    var width: Int? = nil

    /// `prefix + value + suffix`, the value shortened in the middle when the line would not fit.
    private func fitted(_ prefix: String, _ value: String, _ suffix: String = "") -> String {
        guard let width, prefix.count + value.count + suffix.count > width else { return prefix + value + suffix }
        return prefix + TextTable.shortened(value, to: max(12, width - prefix.count - suffix.count)) + suffix
    }

    func render() -> String {
        let counts = report.counts
        var lines: [String] = []
        if report.interrupted {
            lines.append("verify: INTERRUPTED (what was checked before the interruption follows)")
        } else {
            lines.append(
                report.passed(failOnOrphans: failOnOrphans, failOnPartials: failOnPartials)
                    ? "verify: passed" : "verify: FAILED")
        }

        // A blob that was to be hashed but is not there was never read: it is counted as missing, not hashed.
        let missing = report.blobs.filter { $0.hashed && $0.status == .missing }.count
        let hashed = report.hashedCount - missing
        let cached = report.cachedCount
        var checked = "\(report.blobs.count)"
        if hashed + missing != report.blobs.count {
            let sizeOnly = report.blobs.count - hashed - missing - cached
            checked +=
                " ("
                + [
                    "\(hashed) hashed", missing > 0 ? "\(missing) missing" : nil,
                    cached > 0 ? "\(cached) trusted from the cache" : nil, sizeOnly > 0 ? "\(sizeOnly) size only" : nil,
                ].compactMap { $0 }.joined(separator: ", ") + ")"
        }
        if let sample = report.options.sample { checked += ", sample \(sample)" }
        let rate = HumanFormat.preciseBytes(Int64(report.bytesPerSecond))
        var rows: [(String, String)] = [
            ("blobs checked", checked),
            ("bytes hashed", "\(report.bytesHashed) (\(HumanFormat.preciseBytes(report.bytesHashed)))"),
        ]
        if report.isIncremental {
            rows.append(
                (
                    "trusted from cache",
                    "\(cached) blobs, \(report.cachedBytes) bytes (\(HumanFormat.preciseBytes(report.cachedBytes))) not read: unchanged since hashed"
                        + (maxAge.map { " within \($0)" } ?? "")
                ))
        }
        rows += [
            (
                "seconds",
                "\(HumanFormat.fixed(report.seconds, decimals: 2)) (\(rate)/s, \(report.options.workerCount) jobs)"
            ),
            ("ok", "\(counts.ok)"),
            ("mismatched", "\(counts.mismatch)"),
            ("missing", "\(counts.missing)"),
            ("size differs", "\(counts.sizeMismatch)"),
            ("unreadable", "\(counts.unreadable)"),
            ("changed during check", "\(counts.changed)"),
            (
                "orphans",
                "\(counts.orphans)" + (failOnOrphans && counts.orphans > 0 ? " (failing: --fail-on-orphans)" : "")
            ),
            (
                "partial downloads",
                "\(counts.partials)" + (failOnPartials && counts.partials > 0 ? " (failing: --fail-on-partials)" : "")
            ),
        ]
        if counts.invalidManifests > 0 { rows.append(("invalid manifests", "\(counts.invalidManifests)")) }
        if counts.wrongSizes > 0 { rows.append(("wrong declared sizes", "\(counts.wrongSizes) models")) }
        let labelWidth = rows.map(\.0.count).max()! + 2
        lines += rows.map { label, value in (label + ":").padding(labelWidth) + value }

        let bad = report.badBlobs
        if !bad.isEmpty {
            lines += ["", "bad blobs:"]
            for blob in bad { lines += describe(blob) }
        }
        let changed = report.blobs.filter { $0.status == .changed }
        if !changed.isEmpty {
            lines += ["", "changed while being read (not verified; run verify again when the store is quiet):"]
            for blob in changed { lines.append(fitted("  ", blob.path, ": \(blob.note ?? "changed")")) }
        }
        let leftovers = report.leftovers
        if !leftovers.isEmpty {
            lines += ["", "leftovers in blobs/ (no manifest references them):"]
            if !report.unparseableManifests.isEmpty {
                lines.append(
                    "  (\(report.unparseableManifests.count) manifest(s) do not parse: a blob only they reference is listed here too)"
                )
            }
            for file in leftovers {
                let size = file.size.map { "\($0) bytes" } ?? "vanished"
                lines.append(fitted("  \(file.kind.label)  ", file.path, "  \(size)"))
            }
        }

        if !report.models.isEmpty {
            lines += ["", "models:"]
            // On a terminal, a long name gives way (shortened in the middle) to the verdict beside it.
            let nameWidth = min(report.models.map(\.name.count).max()! + 2, width.map { max(16, $0 - 32) } ?? .max)
            for model in report.models {
                var line =
                    "  " + TextTable.shortened(model.name, to: nameWidth - 2).padding(nameWidth)
                    + (model.status == .ok ? "ok" : model.status.rawValue.uppercased())
                if model.status == .ok && model.cachedCount > 0 {
                    line +=
                        model.cachedCount == model.blobCount
                        ? " (cached)" : " (\(model.cachedCount) of \(model.blobCount) blobs cached)"
                }
                let badBlobs = model.badBlobs.map {
                    fitted("      ", $0.description, " (\(report.blob($0)?.status.rawValue ?? "bad"))")
                }
                let reasons = model.problems + model.wrongSizes.map(\.description)
                if model.hashedCount < model.blobCount && model.status != .failed && !report.interrupted
                    && report.options.mode == .full
                {
                    line += "  (\(model.hashedCount) of \(model.blobCount) blobs hashed)"
                }
                lines.append(line)
                // Each reason on its own indented lines: a digest and a size do not fit beside a name.
                lines += badBlobs
                for reason in reasons {
                    lines += (width.map { TextTable.wrapped(reason, to: $0 - 6) } ?? [reason]).map { "      " + $0 }
                }
            }
        }
        return lines.joined(separator: "\n")
    }

    private func describe(_ blob: BlobVerdict) -> [String] {
        var lines = [fitted("  \(blob.status.rawValue.uppercased())  ", blob.path)]
        lines.append(
            fitted(
                "      expected  ", blob.digest.description,
                ", \(blob.declaredSizes.map { "\($0)" }.joined(separator: " or ")) bytes"))
        if let actual = blob.actualDigest {
            lines.append(fitted("      actual    ", "sha256:\(actual.hex)", ", \(blob.actualSize ?? 0) bytes"))
            if blob.isEmptyFile { lines.append("                (the empty file's digest: the blob has no bytes)") }
        } else if let size = blob.actualSize {
            lines.append("      actual    \(size) bytes (not hashed)")
        }
        if let note = blob.note, !(blob.isEmptyFile && note == "empty file") {
            lines.append(fitted("      note      ", note))
        }
        let users = width.map { TextTable.list(blob.models, total: blob.models.count, width: $0 - 16) }
        lines.append("      used by   " + (users ?? blob.models.joined(separator: ", ")))
        return lines
    }
}

extension String {
    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
