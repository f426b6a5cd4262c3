import Foundation

/// Spaced repetition with SM-2 (SuperMemo 2), documented in docs/scoring.md.
///
/// Each question the learner missed or was unsure about becomes a card with an ease factor (start
/// 2.5, floor 1.3), a repetition count and an interval: 1 day, then 6 days, then the previous
/// interval times the ease. A grade below 3 restarts the repetitions (interval 1 day) and counts a
/// lapse. Ease update: EF' = EF + (0.1 - (5 - q)(0.08 + (5 - q) 0.02)).
public enum ReviewScheduler {
    public static let initialEase = 2.5
    public static let minimumEase = 1.3

    /// A card's scheduling state.
    public struct Card: Equatable, Sendable {
        public var ease: Double
        public var intervalDays: Double
        public var repetitions: Int
        public var lapses: Int
        public var dueAt: Date

        public init(ease: Double, intervalDays: Double, repetitions: Int, lapses: Int, dueAt: Date) {
            self.ease = ease
            self.intervalDays = intervalDays
            self.repetitions = repetitions
            self.lapses = lapses
            self.dueAt = dueAt
        }
    }

    /// The SM-2 grade (0-5) for an answer: wrong or "don't know" 1, right but unsure 3,
    /// right 4, right and sure 5.
    public static func grade(correct: Bool, confidence: Confidence) -> Int {
        guard correct else { return 1 }
        switch confidence {
        case .unsure: return 3
        case .unstated: return 4
        case .sure: return 5
        }
    }

    /// Whether an answer with this grade should start a card (missed or weak items come back).
    public static func startsCard(grade: Int) -> Bool { grade < 4 }

    /// The card after a review with `grade` at `now` (a new card when `card` is nil).
    public static func review(_ card: Card?, grade: Int, now: Date) -> Card {
        let q = Double(min(max(grade, 0), 5))
        var next = card ?? Card(ease: initialEase, intervalDays: 0, repetitions: 0, lapses: 0, dueAt: now)
        if grade < 3 {
            if card != nil { next.lapses += 1 }
            next.repetitions = 0
            next.intervalDays = 1
        } else {
            switch next.repetitions {
            case 0: next.intervalDays = 1
            case 1: next.intervalDays = 6
            default: next.intervalDays = (next.intervalDays * next.ease).rounded()
            }
            next.repetitions += 1
        }
        next.ease = max(minimumEase, next.ease + (0.1 - (5 - q) * (0.08 + (5 - q) * 0.02)))
        next.dueAt = now.addingTimeInterval(next.intervalDays * 86_400)
        return next
    }
}
