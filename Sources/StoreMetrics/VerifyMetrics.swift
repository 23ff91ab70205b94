import Foundation
import Verification

extension MetricsFile {
    /// The metrics of one `verify` run: blob counts by status, what was read and trusted, the verdict, the
    /// time of the last run that passed, and each model's status.
    /// - Parameters:
    ///   - passed: the run's verdict, as its exit code says (0 is passed).
    ///   - now: the run's end, in seconds since 1970.
    public func addVerify(_ report: VerifyReport, passed: Bool, now: Double = Date().timeIntervalSince1970) {
        let counts = report.counts
        let byStatus: [(BlobVerdict.Status, Int)] = [
            (.ok, counts.ok), (.mismatch, counts.mismatch), (.missing, counts.missing),
            (.sizeMismatch, counts.sizeMismatch), (.unreadable, counts.unreadable), (.changed, counts.changed),
        ]
        for (status, count) in byStatus {
            gauge(
                "ollama_scan_verify_blobs", Int64(count), labels: [("status", status.rawValue)],
                help: "Referenced blobs of the last verify run, by status.")
        }
        gauge("ollama_scan_verify_orphan_blobs", Int64(counts.orphans), help: "Blobs no manifest references.")
        gauge("ollama_scan_verify_partial_downloads", Int64(counts.partials), help: "Partial downloads in blobs/.")
        gauge(
            "ollama_scan_verify_invalid_manifests", Int64(counts.invalidManifests),
            help: "Manifests that do not parse.")
        gauge("ollama_scan_verify_hashed_bytes", report.bytesHashed, help: "Bytes read and hashed by the last run.")
        gauge("ollama_scan_verify_hashed_blobs", Int64(report.hashedCount), help: "Blobs hashed by the last run.")
        gauge(
            "ollama_scan_verify_cached_blobs", Int64(report.cachedCount),
            help: "Blobs the last run trusted from its incremental cache instead of hashing.")
        gauge("ollama_scan_verify_duration_seconds", report.seconds, help: "How long the last run took.")
        gauge("ollama_scan_verify_success", passed ? 1.0 : 0.0, help: "1 when the last run passed, else 0.")
        gauge("ollama_scan_verify_timestamp_seconds", now, help: "When the last run ended.")
        let lastSuccess = passed ? now : previousValue(of: "ollama_scan_verify_last_success_timestamp_seconds")
        if let lastSuccess {
            gauge(
                "ollama_scan_verify_last_success_timestamp_seconds", lastSuccess,
                help: "When a run last passed (kept from the previous file while runs fail).")
        }
        let statuses: [ModelVerdict.Status] = [.ok, .failed, .changed, .incomplete]
        for model in report.models {
            for status in statuses {
                gauge(
                    "ollama_scan_model_verify_status", model.status == status ? 1.0 : 0.0,
                    labels: [("model", model.name), ("status", status.rawValue)],
                    help: "1 for the model's status in the last verify run.")
            }
        }
    }
}
