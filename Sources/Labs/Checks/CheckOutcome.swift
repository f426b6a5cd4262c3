import Foundation

/// The result of one check: passed or not, and what was observed.
public struct CheckOutcome: Codable, Sendable, Equatable {
    public var id: String
    public var passed: Bool
    public var weight: Double
    public var area: String
    public var objective: String
    /// What the check saw, for authors (`labs test`) and the learner's status; never a secret.
    public var observed: String

    public init(id: String, passed: Bool, weight: Double, area: String, objective: String, observed: String) {
        self.id = id
        self.passed = passed
        self.weight = weight
        self.area = area
        self.objective = objective
        self.observed = observed
    }
}
