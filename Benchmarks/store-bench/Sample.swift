/// Repeated measurements of one figure: the median with the min and max, as every number in the report.
struct Sample {
    var values: [Double]

    init(_ values: [Double]) {
        precondition(!values.isEmpty, "a sample needs at least one run")
        self.values = values.sorted()
    }

    var median: Double {
        let n = values.count
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2
    }

    var min: Double { values.first! }
    var max: Double { values.last! }
}
