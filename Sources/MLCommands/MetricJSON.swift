import Foundation
import CLICore
import MLMetrics

/// A JSON value for metric reports: undefined numbers are `null`, never NaN, and objects keep
/// sorted keys when printed.
public indirect enum MetricJSON: Encodable, Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([MetricJSON])
    case object([String: MetricJSON])

    /// A number, or `null` when nil or not finite.
    public static func num(_ value: Double?) -> MetricJSON {
        guard let value, value.isFinite else { return .null }
        return .number(value)
    }

    /// An integer count.
    public static func int(_ value: Int) -> MetricJSON { .number(Double(value)) }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let b): try container.encode(b)
        case .number(let d):
            if d == d.rounded(), abs(d) < 9_007_199_254_740_992 { try container.encode(Int64(d)) } else { try container.encode(d) }
        case .string(let s): try container.encode(s)
        case .array(let a): try container.encode(a)
        case .object(let o): try container.encode(o)
        }
    }

    /// The numeric leaves at the top level of an object (for run logging).
    var topLevelNumbers: [String: Double] {
        guard case .object(let o) = self else { return [:] }
        var out: [String: Double] = [:]
        for (k, v) in o { if case .number(let d) = v { out[k] = d } }
        return out
    }
}

extension BinaryCounts {
    var json: MetricJSON { .object(["tn": .int(tn), "fp": .int(fp), "fn": .int(fn), "tp": .int(tp)]) }
}

extension GroupMetrics {
    var json: MetricJSON {
        .object([
            "count": .int(count), "selection_rate": .num(selectionRate), "accuracy": .num(accuracy),
            "precision": .num(precision), "recall": .num(truePositiveRate),
            "true_positive_rate": .num(truePositiveRate), "false_positive_rate": .num(falsePositiveRate),
            "f1": .num(f1), "confusion_matrix": counts.json,
        ])
    }
}

extension MetricsError: UserFacingError {
    public var exitCode: Int32 { 2 }
}
