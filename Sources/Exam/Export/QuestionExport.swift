/// One question in the export, with its answer key in typed-answer form.
public struct QuestionExport: Encodable, Sendable, Equatable {
    public var id: String
    public var pack: String
    public var caseStudy: String?
    public var area: String
    public var objective: String
    public var domain: String
    public var difficulty: String
    public var type: String
    public var style: String
    public var stem: String
    public var asOf: String?
    public var tags: [String]
    /// single and multiple: options in the order shown (letters a, b, ...).
    public var options: [Choice]?
    /// multiple: how many options to choose.
    public var choose: Int?
    /// ordering: steps in their correct (authored) order, each with the letter it is shown under.
    public var steps: [Step]?
    /// yes-no-series: statements in order.
    public var statements: [StatementExport]?
    /// What a learner types to be right: `b`, `a,c`, `c,a,d,b`; for a yes-no series `y,n,y` (one per statement).
    public var key: String
    public var source: Source?

    public struct Choice: Encodable, Sendable, Equatable {
        public var letter: String
        public var text: String
        public var correct: Bool
        public var rationale: String
    }

    public struct Step: Encodable, Sendable, Equatable {
        /// 1-based place in the correct order.
        public var position: Int
        /// The letter the step is shown under (stable shuffle seeded by the question id).
        public var letter: String
        public var text: String
        public var rationale: String
    }

    public struct StatementExport: Encodable, Sendable, Equatable {
        public var text: String
        /// `yes` or `no`.
        public var answer: String
        public var rationale: String
    }

    public struct Source: Encodable, Sendable, Equatable {
        public var file: String
        public var line: Int
        public var column: Int
    }

    public init(_ question: Question) {
        id = question.id
        pack = question.packID
        caseStudy = question.caseStudyID
        area = question.area
        objective = question.objective
        domain = question.domain
        difficulty = question.difficulty.rawValue
        type = question.type.rawValue
        style = question.style.rawValue
        stem = question.stem
        asOf = question.asOf
        tags = question.tags
        source = question.location.map { Source(file: $0.file, line: $0.line, column: $0.column) }
        switch question.body {
        case .single(let list), .multiple(let list, _):
            options = list.enumerated().map {
                Choice(letter: AnswerParser.letter($0.offset), text: $0.element.text, correct: $0.element.correct, rationale: $0.element.rationale)
            }
            if case .multiple(_, let n) = question.body { choose = n }
            key = AnswerChecker.keyText(for: question)
        case .ordering(let list):
            let presentation = OrderingPresentation(questionID: question.id, stepCount: list.count)
            steps = list.enumerated().map {
                Step(position: $0.offset + 1, letter: presentation.letterIndex(forAuthored: $0.offset).map(AnswerParser.letter) ?? "?",
                     text: $0.element.text, rationale: $0.element.rationale)
            }
            key = presentation.keyLetters
        case .yesNoSeries(let list):
            statements = list.map { StatementExport(text: $0.text, answer: $0.answer ? "yes" : "no", rationale: $0.rationale) }
            key = list.map { $0.answer ? "y" : "n" }.joined(separator: ",")
        }
    }

    enum CodingKeys: String, CodingKey {
        case id, pack, area, objective, domain, difficulty, type, style, stem, tags, options, choose, steps, statements, key, source
        case caseStudy = "case_study"
        case asOf = "as_of"
    }
}
