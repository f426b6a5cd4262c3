/// What reading one pack file produced: the pack (when its header could be read), every
/// problem found, and where each id was declared (for duplicate checks across files).
public struct PackParseResult: Sendable {
    /// The pack with every question that parsed; nil when the file is not a pack at all.
    public var pack: Pack?
    public var diagnostics: [Diagnostic]
    /// Every declared id in file order, including ids of questions that had other problems.
    public var declarations: [IDDeclaration]

    public init(pack: Pack?, diagnostics: [Diagnostic], declarations: [IDDeclaration]) {
        self.pack = pack
        self.diagnostics = diagnostics
        self.declarations = declarations
    }
}

/// An id declared in a pack file and where.
public struct IDDeclaration: Sendable, Equatable {
    /// What the id names; packs have their own namespace, questions and case studies share one.
    public enum Kind: String, Sendable {
        case pack, question
        case caseStudy = "case study"
    }

    public var kind: Kind
    public var id: String
    public var location: SourceLocation

    public init(kind: Kind, id: String, location: SourceLocation) {
        self.kind = kind
        self.id = id
        self.location = location
    }
}
