import Foundation

/// The learner's own traffic-light rating of an area.
public enum SelfRatingLevel: String, Codable, Sendable, CaseIterable {
    case red, yellow, green

    /// Order used to compare with a measured status: red < yellow < green.
    var rank: Int {
        switch self {
        case .red: return 0
        case .yellow: return 1
        case .green: return 2
        }
    }
}

/// How the learner rated one area (`self-assess`).
public struct SelfRating: Sendable, Equatable {
    public var area: String
    public var level: SelfRatingLevel

    public init(area: String, level: SelfRatingLevel) {
        self.area = area
        self.level = level
    }
}
