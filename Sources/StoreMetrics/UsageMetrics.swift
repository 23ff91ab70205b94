import StoreCare

extension MetricsFile {
    /// What `du` found: each model's sizes and the store's totals.
    public func addUsage(_ usage: DiskUsage) {
        for model in usage.models {
            let labels = [("model", model.name)]
            gauge(
                "ollama_scan_model_declared_bytes", model.declaredSize, labels: labels,
                help: "The model's size as its manifest declares it (what ollama list shows).")
            gauge(
                "ollama_scan_model_unique_bytes", model.uniqueBytes, labels: labels,
                help: "Bytes of the model's distinct blobs on disk.")
            gauge(
                "ollama_scan_model_shared_bytes", model.sharedBytes, labels: labels,
                help: "Bytes of the model's blobs other models use too.")
            gauge(
                "ollama_scan_model_exclusive_bytes", model.exclusiveBytes, labels: labels,
                help: "Bytes removing the model would free.")
        }
        let totals = usage.totals
        gauge("ollama_scan_store_models", Int64(usage.models.count), help: "Models in the store.")
        gauge("ollama_scan_store_referenced_bytes", totals.referencedBytes, help: "Bytes of blobs manifests reference.")
        gauge("ollama_scan_store_orphan_bytes", totals.orphanBytes, help: "Bytes of blobs no manifest references.")
        gauge("ollama_scan_store_partial_bytes", totals.partialBytes, help: "Bytes of partial downloads.")
        gauge("ollama_scan_store_temporary_bytes", totals.temporaryBytes, help: "Bytes of temporary files in blobs/.")
        gauge("ollama_scan_store_foreign_bytes", totals.foreignBytes, help: "Bytes of other files in blobs/.")
        gauge("ollama_scan_store_manifest_bytes", totals.manifestBytes, help: "Bytes of the manifests.")
    }
}
