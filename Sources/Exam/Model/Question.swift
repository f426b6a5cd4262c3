/// How hard an item is meant to be; maps to a Rasch difficulty for scoring.
public enum Difficulty: String, Codable, Sendable, CaseIterable, Comparable {
    case easy, medium, hard

    /// Rasch item difficulty b used by the scaled score and readiness estimates.
    public var raschDifficulty: Double {
        switch self {
        case .easy: return -1
        case .medium: return 0
        case .hard: return 1
        }
    }

    public static func < (lhs: Difficulty, rhs: Difficulty) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}

/// Whether a question puts the learner in a situation (scenario) or asks for recall (knowledge).
public enum QuestionStyle: String, Codable, Sendable, CaseIterable {
    case scenario, knowledge
}

/// The kinds of question a pack may hold.
public enum QuestionType: String, Codable, Sendable, CaseIterable {
    case single, multiple, ordering
    case yesNoSeries = "yes-no-series"
}

/// One answer option (single/multiple), ordering step, or yes-no statement, with its rationale.
public struct Option: Codable, Sendable, Equatable {
    public var text: String
    /// For single/multiple: whether this option is part of the key. Unused for ordering steps.
    public var correct: Bool
    /// Why this option is right or wrong in this situation.
    public var rationale: String

    public init(text: String, correct: Bool = false, rationale: String) {
        self.text = text
        self.correct = correct
        self.rationale = rationale
    }
}

/// One statement of a yes-no series.
public struct Statement: Codable, Sendable, Equatable {
    public var text: String
    /// The right answer: true for "yes".
    public var answer: Bool
    public var rationale: String

    public init(text: String, answer: Bool, rationale: String) {
        self.text = text
        self.answer = answer
        self.rationale = rationale
    }
}

/// What the learner must produce, per question type.
public enum QuestionBody: Sendable, Equatable {
    /// One correct option among `options`.
    case single(options: [Option])
    /// `choose` correct options among `options`.
    case multiple(options: [Option], choose: Int)
    /// Steps in their correct order; shown shuffled.
    case ordering(steps: [Option])
    /// Statements answered yes or no, one at a time, each locked once answered.
    case yesNoSeries(statements: [Statement])

    public var type: QuestionType {
        switch self {
        case .single: return .single
        case .multiple: return .multiple
        case .ordering: return .ordering
        case .yesNoSeries: return .yesNoSeries
        }
    }
}

/// Where a question was read from, for diagnostics.
public struct SourceLocation: Codable, Sendable, Equatable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// One exam-style question.
public struct Question: Sendable, Equatable, Identifiable {
    public var id: String
    /// Readiness area id (one of the fifteen).
    public var area: String
    /// Outline objective id such as `2.3c`.
    public var objective: String
    public var difficulty: Difficulty
    public var style: QuestionStyle
    public var stem: String
    public var body: QuestionBody
    /// Date of the fact for items about features that change or retire (`YYYY-MM-DD`).
    public var asOf: String?
    public var tags: [String]
    /// The case study this question belongs to, if any.
    public var caseStudyID: String?
    /// The pack that holds the question.
    public var packID: String
    public var location: SourceLocation?

    public init(
        id: String, area: String, objective: String, difficulty: Difficulty, style: QuestionStyle,
        stem: String, body: QuestionBody, asOf: String? = nil, tags: [String] = [],
        caseStudyID: String? = nil, packID: String, location: SourceLocation? = nil
    ) {
        self.id = id
        self.area = area
        self.objective = objective
        self.difficulty = difficulty
        self.style = style
        self.stem = stem
        self.body = body
        self.asOf = asOf
        self.tags = tags
        self.caseStudyID = caseStudyID
        self.packID = packID
        self.location = location
    }

    public var type: QuestionType { body.type }

    /// The outline domain id ("1" ... "5"): the objective's leading digit.
    public var domain: String { String(objective.prefix(while: { $0 != "." })) }

    /// How many scored items the question counts for (a yes-no series scores each statement).
    public var scoredItemCount: Int {
        if case .yesNoSeries(let statements) = body { return statements.count }
        return 1
    }
}
