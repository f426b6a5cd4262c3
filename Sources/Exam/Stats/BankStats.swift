/// Counts of a bank's questions by area, objective, type, difficulty and style.
public struct BankStats: Sendable, Equatable {
    /// Questions (a yes-no series or a case-study question counts as one).
    public var questionCount: Int
    /// Scored items: a yes-no series counts once per statement.
    public var scoredItemCount: Int
    public var caseStudyCount: Int
    public var packCount: Int
    public var byArea: [String: Int]
    public var byObjective: [String: Int]
    public var byType: [QuestionType: Int]
    public var byDifficulty: [Difficulty: Int]
    public var byStyle: [QuestionStyle: Int]
    /// Difficulty counts inside each area.
    public var difficultyByArea: [String: [Difficulty: Int]]

    public init(bank: Bank) {
        let questions = bank.questions
        questionCount = questions.count
        scoredItemCount = questions.reduce(0) { $0 + $1.scoredItemCount }
        caseStudyCount = bank.packs.reduce(0) { $0 + $1.caseStudies.count }
        packCount = bank.packs.count
        byArea = Self.count(questions, by: \.area)
        byObjective = Self.count(questions, by: \.objective)
        byType = Self.count(questions, by: \.type)
        byDifficulty = Self.count(questions, by: \.difficulty)
        byStyle = Self.count(questions, by: \.style)
        var perArea: [String: [Difficulty: Int]] = [:]
        for question in questions { perArea[question.area, default: [:]][question.difficulty, default: 0] += 1 }
        difficultyByArea = perArea
    }

    /// Share of questions of `type`, 0 for an empty bank.
    public func share(of type: QuestionType) -> Double {
        questionCount == 0 ? 0 : Double(byType[type] ?? 0) / Double(questionCount)
    }

    /// Share of questions of `style`, 0 for an empty bank.
    public func share(of style: QuestionStyle) -> Double {
        questionCount == 0 ? 0 : Double(byStyle[style] ?? 0) / Double(questionCount)
    }

    private static func count<Key: Hashable>(_ questions: [Question], by key: (Question) -> Key) -> [Key: Int] {
        var counts: [Key: Int] = [:]
        for question in questions { counts[key(question), default: 0] += 1 }
        return counts
    }
}
