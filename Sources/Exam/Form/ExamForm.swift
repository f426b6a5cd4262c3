/// One scored item on a form: a question, or one statement (`part`) of a yes-no series.
public struct FormSlot: Codable, Sendable, Equatable, Hashable {
    public var questionID: String
    public var part: Int

    public init(questionID: String, part: Int = 0) {
        self.questionID = questionID
        self.part = part
    }
}

/// A part of the exam that locks once the learner leaves it.
public struct FormSection: Codable, Sendable, Equatable {
    public enum Kind: Codable, Sendable, Equatable {
        /// Single, multiple and ordering items; free navigation inside the section.
        case general
        /// One yes-no series: each statement locks once answered, no going back.
        case yesNoSeries(questionID: String)
        /// One case study: free navigation inside it, locked once left.
        case caseStudy(id: String)
    }

    public var kind: Kind
    public var slots: [FormSlot]

    public init(kind: Kind, slots: [FormSlot]) {
        self.kind = kind
        self.slots = slots
    }
}

/// Planned versus drawn items for one outline domain.
public struct DomainDraw: Codable, Sendable, Equatable {
    public var domain: String
    public var target: Int
    public var drawn: Int
}

/// A mock-exam form: sections in the order they are taken, and how it matches the blueprint.
public struct ExamForm: Codable, Sendable, Equatable {
    public var sections: [FormSection]
    public var minutes: Int
    public var domains: [DomainDraw]

    public init(sections: [FormSection], minutes: Int, domains: [DomainDraw]) {
        self.sections = sections
        self.minutes = minutes
        self.domains = domains
    }

    /// All slots in order; a slot's number in the exam is its index + 1.
    public var slots: [FormSlot] { sections.flatMap(\.slots) }

    /// The section that holds slot `index`.
    public func sectionIndex(ofSlot index: Int) -> Int? {
        var start = 0
        for (i, section) in sections.enumerated() {
            if index >= start && index < start + section.slots.count { return i }
            start += section.slots.count
        }
        return nil
    }

    /// The first slot index of section `section`.
    public func firstSlot(ofSection section: Int) -> Int {
        sections.prefix(section).reduce(0) { $0 + $1.slots.count }
    }

    /// Whether every domain got its planned share.
    public var matchesBlueprint: Bool { domains.allSatisfy { $0.target == $0.drawn } }
}
