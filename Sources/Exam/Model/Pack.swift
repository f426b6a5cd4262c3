/// A shared scenario with several questions; a locked section in the mock exam.
public struct CaseStudy: Sendable, Equatable, Identifiable {
    public var id: String
    public var title: String
    public var scenario: String
    public var questions: [Question]

    public init(id: String, title: String, scenario: String, questions: [Question]) {
        self.id = id
        self.title = title
        self.scenario = scenario
        self.questions = questions
    }
}

/// One scenario pack file.
public struct Pack: Sendable, Equatable, Identifiable {
    public var id: String
    public var title: String
    public var version: Int
    /// The outline version the objective ids refer to.
    public var outline: String
    public var questions: [Question]
    public var caseStudies: [CaseStudy]
    /// The file the pack was read from.
    public var path: String

    public init(id: String, title: String, version: Int, outline: String, questions: [Question], caseStudies: [CaseStudy], path: String) {
        self.id = id
        self.title = title
        self.version = version
        self.outline = outline
        self.questions = questions
        self.caseStudies = caseStudies
        self.path = path
    }

    /// Standalone questions and case-study questions together.
    public var allQuestions: [Question] { questions + caseStudies.flatMap(\.questions) }
}

/// All packs of a bank, with lookups.
public struct Bank: Sendable {
    public var packs: [Pack]
    public let questions: [Question]
    public let caseStudies: [String: CaseStudy]
    private let index: [String: Int]

    public init(packs: [Pack]) {
        self.packs = packs
        let all = packs.flatMap(\.allQuestions)
        self.questions = all
        var index: [String: Int] = [:]
        for (i, q) in all.enumerated() where index[q.id] == nil { index[q.id] = i }
        self.index = index
        var studies: [String: CaseStudy] = [:]
        for pack in packs { for study in pack.caseStudies { studies[study.id] = study } }
        self.caseStudies = studies
    }

    public func question(id: String) -> Question? {
        guard let i = index[id], i < questions.count else { return nil }
        return questions[i]
    }
}
