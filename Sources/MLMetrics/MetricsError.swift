/// Bad input to a metric: what is wrong, phrased so a user can fix the data.
public enum MetricsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No rows to compute on.
    case empty(what: String)
    /// Two inputs that must align row by row have different lengths.
    case lengthMismatch(what: String, expected: Int, actual: Int)
    /// A value that is NaN or infinite where a finite number is required.
    case nonFinite(what: String, index: Int)
    /// A probability outside [0, 1].
    case probabilityOutOfRange(what: String, index: Int, value: Double)
    /// An argument outside its allowed range (bin counts, thresholds, ...).
    case invalidArgument(String)

    /// One line describing the problem.
    public var message: String {
        switch self {
        case .empty(let what): return "\(what) is empty: at least one row is needed"
        case .lengthMismatch(let what, let expected, let actual):
            return "\(what) has \(actual) values but \(expected) were expected (inputs must align row by row)"
        case .nonFinite(let what, let index): return "\(what) holds NaN or infinity at row \(index + 1)"
        case .probabilityOutOfRange(let what, let index, let value):
            return "\(what) holds \(value) at row \(index + 1); probabilities must lie in [0, 1]"
        case .invalidArgument(let text): return text
        }
    }

    public var description: String { message }
}

/// Checks shared by the metric functions.
enum Check {
    static func sameLength(_ n: Int, _ m: Int, _ what: String) throws {
        guard n == m else { throw MetricsError.lengthMismatch(what: what, expected: n, actual: m) }
    }

    static func nonEmpty(_ n: Int, _ what: String) throws {
        guard n > 0 else { throw MetricsError.empty(what: what) }
    }

    static func finite(_ values: [Double], _ what: String) throws {
        if let i = values.firstIndex(where: { !$0.isFinite }) { throw MetricsError.nonFinite(what: what, index: i) }
    }

    static func probabilities(_ values: [Double], _ what: String) throws {
        try finite(values, what)
        if let i = values.firstIndex(where: { $0 < 0 || $0 > 1 }) {
            throw MetricsError.probabilityOutOfRange(what: what, index: i, value: values[i])
        }
    }
}
