/// Where a learner is in a mock exam and what they have answered: the whole navigation state,
/// saved after every change so an interrupted exam resumes exactly where it stopped.
public struct ExamProgress: Codable, Sendable, Equatable {
    /// Index of the slot on screen.
    public var current: Int = 0
    /// Answers by slot index.
    public var responses: [Int: GivenAnswer] = [:]
    /// Slots marked for review.
    public var flagged: Set<Int> = []
    /// Sections before this index are finished and locked.
    public var lockedSections: Int = 0
    /// Yes-no statements locked once answered.
    public var lockedSlots: Set<Int> = []

    public init() {}
}

/// Why a navigation or answer was refused, worded for the learner.
public enum ExamNavigationError: Error, Equatable, CustomStringConvertible {
    case lockedSection
    case lockedStatement
    case noGoingBack
    case outOfRange(Int, count: Int)
    case laterSection(Int)

    public var description: String {
        switch self {
        case .lockedSection: return "that section is finished and locked, as on the real exam"
        case .lockedStatement: return "this statement is answered and locked; a yes-no series goes one way"
        case .noGoingBack: return "you cannot go back from here: the previous item is in a locked section or a yes-no series"
        case .outOfRange(let n, let count): return "there is no question \(n): choose 1-\(count)"
        case .laterSection(let n): return "question \(n) is in a later section; finish this one first (next)"
        }
    }
}

/// What moving forward did.
public enum ExamStep: Equatable, Sendable {
    /// Now on another slot of the same section.
    case moved
    /// The next slot is in a new section: leaving locks the current one, so ask first.
    case leavingSection(Int)
    /// There is nothing after this slot.
    case endOfExam
}
