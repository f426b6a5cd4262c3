import Foundation

/// Reference-versus-production histograms stored with a monitor run and drawn as text by `monitor show --feature`.
public enum TextHistogram {
    static let bins = 10

    static func numeric(reference allReference: [Double], production allProduction: [Double]) -> JSONValue {
        let reference = allReference.filter(\.isFinite), production = allProduction.filter(\.isFinite)
        let lo = min(reference.min() ?? 0, production.min() ?? 0), hi = max(reference.max() ?? 0, production.max() ?? 0)
        let width = hi > lo ? (hi - lo) / Double(bins) : 1
        func counts(_ values: [Double]) -> [JSONValue] {
            var c = [Int](repeating: 0, count: bins)
            for v in values {
                let position = ((v - lo) / width).rounded(.down)
                c[position.isFinite ? Int(min(Double(bins - 1), max(0, position))) : bins - 1] += 1
            }
            return c.map { .int(Int64($0)) }
        }
        let labels = (0..<bins).map { JSONValue.string(String(format: "%.3g..%.3g", lo + Double($0) * width, lo + Double($0 + 1) * width)) }
        return ["kind": "numerical", "bins": .array(labels), "reference": .array(counts(reference)), "production": .array(counts(production))]
    }

    static func categorical(reference: [String], production: [String]) -> JSONValue {
        let categories = Array(Set(reference).union(production)).sorted().prefix(20)
        func counts(_ values: [String]) -> [JSONValue] {
            var c: [String: Int] = [:]
            for v in values { c[v, default: 0] += 1 }
            return categories.map { .int(Int64(c[$0] ?? 0)) }
        }
        return ["kind": "categorical", "bins": .array(categories.map(JSONValue.string)), "reference": .array(counts(reference)), "production": .array(counts(production))]
    }

    /// Two bars per bin, as shares of each side, 40 characters for 100 %.
    public static func render(_ histogram: JSONValue) -> String {
        let bins = histogram["bins"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let ref = histogram["reference"]?.arrayValue?.compactMap(\.doubleValue) ?? []
        let prod = histogram["production"]?.arrayValue?.compactMap(\.doubleValue) ?? []
        let refTotal = max(ref.reduce(0, +), 1), prodTotal = max(prod.reduce(0, +), 1)
        let width = bins.map(\.count).max() ?? 0
        var lines: [String] = []
        for (i, bin) in bins.enumerated() where i < ref.count && i < prod.count {
            let r = ref[i] / refTotal, p = prod[i] / prodTotal
            let padded = bin.padding(toLength: width, withPad: " ", startingAt: 0)
            lines.append("\(padded)  ref  \(String(repeating: "#", count: Int((r * 40).rounded()))) \(String(format: "%.1f%%", r * 100))")
            lines.append("\(String(repeating: " ", count: width))  prod \(String(repeating: "*", count: Int((p * 40).rounded()))) \(String(format: "%.1f%%", p * 100))")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
