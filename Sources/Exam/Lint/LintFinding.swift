/// One quality problem found by `BankLinter`.
public struct LintFinding: Sendable, Equatable, CustomStringConvertible {
    /// Stable rule id, e.g. `near-duplicate-stem`.
    public var rule: String
    public var message: String
    /// Where the problem is; nil for bank-wide rules (coverage, shares).
    public var location: SourceLocation?

    public init(rule: String, message: String, location: SourceLocation? = nil) {
        self.rule = rule
        self.message = message
        self.location = location
    }

    /// `file:line:column: [rule] message`, or `bank: [rule] message` for bank-wide findings.
    public var description: String {
        "\(location?.description ?? "bank"): [\(rule)] \(message)"
    }
}
