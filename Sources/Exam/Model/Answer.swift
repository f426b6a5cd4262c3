/// How sure the learner said they were.
public enum Confidence: String, Codable, Sendable {
    case sure, unsure, unstated
}

/// A learner's response to one question (or one statement of a yes-no series).
public enum Response: Codable, Sendable, Equatable {
    /// Option indices (0 = a) for single and multiple choice; order does not matter.
    case choices(Set<Int>)
    /// Indices of the *authored* steps in the order the learner put them.
    case order([Int])
    /// Yes (true) or no (false) for one statement.
    case yesNo(Bool)
    /// "I don't know": recorded, never correct.
    case dontKnow
}

/// An answer as typed: the response and the stated confidence.
public struct GivenAnswer: Codable, Sendable, Equatable {
    public var response: Response
    public var confidence: Confidence

    public init(response: Response, confidence: Confidence = .unstated) {
        self.response = response
        self.confidence = confidence
    }
}
