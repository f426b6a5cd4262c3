import Foundation

/// The traffic light of an area or domain.
public enum ReadinessStatus: String, Codable, Sendable, CaseIterable {
    /// Ready.
    case green
    /// Needs review.
    case yellow
    /// Needs hands-on practice.
    case red
    /// Not enough evidence.
    case grey

    /// What the status means, for legends and reports.
    public var meaning: String {
        switch self {
        case .green: return "ready"
        case .yellow: return "needs review"
        case .red: return "needs hands-on practice"
        case .grey: return "not enough evidence"
        }
    }
}
