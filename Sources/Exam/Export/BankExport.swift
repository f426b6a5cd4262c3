/// The JSON export of a bank: every question with its answer key. Schema `mlopslab.packs/1`,
/// documented in docs/pack-export-schema.md. Encode with sorted keys for a stable order.
public struct BankExport: Encodable, Sendable, Equatable {
    public static let schemaID = "mlopslab.packs/1"

    public var schema: String
    /// The outline version of this mlopslab.
    public var outline: String
    public var questionCount: Int
    public var packs: [PackExport]

    public init(bank: Bank, outline: Outline) {
        self.schema = Self.schemaID
        self.outline = outline.version
        self.questionCount = bank.questions.count
        self.packs = bank.packs.map(PackExport.init)
    }

    enum CodingKeys: String, CodingKey {
        case schema, outline, packs
        case questionCount = "question_count"
    }
}

/// One pack in the export.
public struct PackExport: Encodable, Sendable, Equatable {
    public var id: String
    public var title: String
    public var version: Int
    public var outline: String
    public var file: String
    public var questions: [QuestionExport]
    public var caseStudies: [CaseStudyExport]

    public init(_ pack: Pack) {
        id = pack.id
        title = pack.title
        version = pack.version
        outline = pack.outline
        file = pack.path
        questions = pack.questions.map(QuestionExport.init)
        caseStudies = pack.caseStudies.map(CaseStudyExport.init)
    }

    enum CodingKeys: String, CodingKey {
        case id, title, version, outline, file, questions
        case caseStudies = "case_studies"
    }
}

/// One case study in the export.
public struct CaseStudyExport: Encodable, Sendable, Equatable {
    public var id: String
    public var title: String
    public var scenario: String
    public var questions: [QuestionExport]

    public init(_ study: CaseStudy) {
        id = study.id
        title = study.title
        scenario = study.scenario
        questions = study.questions.map(QuestionExport.init)
    }
}
