import MLCore
import MLMetrics

/// Turns one column of the reference and current tables into a drift result and data-quality rates.
enum FeatureDriftInput {
    /// The column's type comes from the reference: numeric → numerical; text or boolean → categorical.
    /// Current values that do not parse as the reference type count as type errors and are left out.
    static func compare(name: String, reference: Table, current: Table, dialect: DriftDialect) throws -> (FeatureDrift, DataQuality) {
        let refColumn = try reference.requireColumn(name)
        let curColumn = try current.requireColumn(name)
        let curText = curColumn.strings
        if refColumn.kind == .numeric, let refNumbers = refColumn.numbers {
            let ref = refNumbers.filter { !$0.isNaN }
            var cur: [Double] = []
            cur.reserveCapacity(curText.count)
            if curColumn.kind == .numeric, let numbers = curColumn.numbers {
                cur = numbers.filter { $0.isFinite }
            } else {
                for text in curText { if let text, let v = Double(text), v.isFinite { cur.append(v) } }
            }
            let quality = DataQuality(numericReference: ref, current: curText)
            let drift = try FeatureDrift.numerical(reference: ref.filter(\.isFinite), current: cur, dialect: dialect)
            return (drift, quality)
        }
        let ref = refColumn.strings.compactMap { $0 }
        let cur = curText.compactMap { $0 }
        let quality = DataQuality(categoricalReference: Set(ref), current: curText)
        return (FeatureDrift.categorical(reference: ref, current: cur, dialect: dialect), quality)
    }

    /// The per-feature JSON, with the metric names Azure ML's monitor YAML uses.
    static func json(_ d: FeatureDrift, quality: DataQuality) -> MetricJSON {
        var o: [String: MetricJSON] = [
            "type": .string(d.kind.rawValue),
            "jensen_shannon_distance": .num(d.jensenShannonDistance),
            "population_stability_index": .num(d.populationStabilityIndex),
            "drifted": d.computable ? .bool(d.drifted) : .null,
            "computable": .bool(d.computable),
            "decision_metric": .string(d.decisionMetric),
            "threshold": .num(d.threshold),
            "drift_score": .num(d.driftScore),
            "null_value_rate": .num(quality.nullValueRate),
            "data_type_error_rate": .num(quality.dataTypeErrorRate),
            "out_of_bounds_rate": .num(quality.outOfBoundsRate),
        ]
        switch d.kind {
        case .numerical:
            o["normalized_wasserstein_distance"] = .num(d.normalizedWassersteinDistance)
            o["two_sample_kolmogorov_smirnov_test"] = .num(d.ksPValue)
            o["ks_statistic"] = .num(d.ksStatistic)
            if d.chiSquaredPValue != nil { o["pearsons_chi_squared_test"] = .num(d.chiSquaredPValue) }
        case .categorical:
            o["pearsons_chi_squared_test"] = .num(d.chiSquaredPValue)
        }
        if d.zTestPValue != nil { o["z_test_p_value"] = .num(d.zTestPValue) }
        return .object(o)
    }

    /// MLflow-style metric names for one feature's numbers: `drift.<column>.<metric>` (`drifted` as 0/1).
    static func runMetrics(_ json: MetricJSON, column: String) -> [String: Double] {
        guard case .object(let o) = json else { return [:] }
        let prefix = "drift.\(RunLog.sanitizedKey(column))."
        var out: [String: Double] = [:]
        for (key, value) in o {
            switch value {
            case .number(let v): out[prefix + key] = v
            case .bool(let b) where key == "drifted": out[prefix + key] = b ? 1 : 0
            default: break
            }
        }
        return out
    }

    static func isDrifted(_ json: MetricJSON) -> Bool {
        if case .object(let o) = json, case .bool(let b)? = o["drifted"] { return b }
        return false
    }
}
