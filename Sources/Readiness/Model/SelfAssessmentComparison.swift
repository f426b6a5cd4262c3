import Foundation

/// Compares a self rating with the measured status: red < yellow < green, grey has no rank.
public enum SelfAssessmentComparison {
    public static func compare(rating: SelfRatingLevel, measured: ReadinessStatus) -> SelfComparison {
        let measuredRank: Int
        switch measured {
        case .grey: return .noEvidence
        case .red: measuredRank = 0
        case .yellow: measuredRank = 1
        case .green: measuredRank = 2
        }
        if rating.rank > measuredRank { return .overconfident }
        if rating.rank < measuredRank { return .underconfident }
        return .agrees
    }
}
