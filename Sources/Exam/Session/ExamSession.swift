/// The mock exam's rules as a pure state machine over an `ExamForm` and its `ExamProgress`.
///
/// Sections lock once left. Inside a yes-no series each statement locks when answered and there is
/// no going back. Inside the general section and a case study the learner moves freely.
public struct ExamSession: Sendable {
    public let form: ExamForm
    public private(set) var progress: ExamProgress
    private let slots: [FormSlot]

    public init(form: ExamForm, progress: ExamProgress = ExamProgress()) {
        self.form = form
        self.progress = progress
        self.slots = form.slots
    }

    public var slotCount: Int { slots.count }
    public var currentSlot: FormSlot? { slots.indices.contains(progress.current) ? slots[progress.current] : nil }
    public var currentSection: Int { form.sectionIndex(ofSlot: progress.current) ?? 0 }

    public func section(_ index: Int) -> FormSection? { form.sections.indices.contains(index) ? form.sections[index] : nil }

    private func isSeries(_ index: Int) -> Bool {
        if case .yesNoSeries = section(index)?.kind { return true }
        return false
    }

    /// Whether the slot can still take an answer.
    public func isOpen(_ slot: Int) -> Bool {
        guard let section = form.sectionIndex(ofSlot: slot) else { return false }
        return section >= progress.lockedSections && !progress.lockedSlots.contains(slot)
    }

    /// Records an answer for the current slot.
    public mutating func answer(_ answer: GivenAnswer) throws(ExamNavigationError) {
        let slot = progress.current
        guard form.sectionIndex(ofSlot: slot).map({ $0 >= progress.lockedSections }) ?? false else { throw .lockedSection }
        guard !progress.lockedSlots.contains(slot) else { throw .lockedStatement }
        progress.responses[slot] = answer
        if isSeries(currentSection) { progress.lockedSlots.insert(slot) }
    }

    /// Marks or unmarks the current slot for review; returns whether it is now flagged.
    @discardableResult
    public mutating func toggleFlag() -> Bool {
        if progress.flagged.remove(progress.current) != nil { return false }
        progress.flagged.insert(progress.current)
        return true
    }

    /// Moves to the next slot inside the section, or reports that the section ends here.
    public mutating func next() -> ExamStep {
        let next = progress.current + 1
        guard next < slots.count else { return .endOfExam }
        let section = currentSection
        if form.sectionIndex(ofSlot: next) == section {
            progress.current = next
            return .moved
        }
        return .leavingSection(section)
    }

    /// Locks the current section and moves to the first slot of the next one.
    public mutating func leaveSection() -> Bool {
        let section = currentSection
        guard section + 1 < form.sections.count else { return false }
        progress.lockedSections = max(progress.lockedSections, section + 1)
        progress.current = form.firstSlot(ofSection: section + 1)
        return true
    }

    /// Moves to the previous slot when the rules allow it.
    public mutating func back() throws(ExamNavigationError) {
        let previous = progress.current - 1
        guard previous >= 0, !isSeries(currentSection), form.sectionIndex(ofSlot: previous) == currentSection else { throw .noGoingBack }
        progress.current = previous
    }

    /// Jumps to question `number` (1-based) inside the current section.
    public mutating func go(to number: Int) throws(ExamNavigationError) {
        let target = number - 1
        guard slots.indices.contains(target) else { throw .outOfRange(number, count: slots.count) }
        guard let section = form.sectionIndex(ofSlot: target) else { throw .outOfRange(number, count: slots.count) }
        if section < currentSection || section < progress.lockedSections { throw .lockedSection }
        if section > currentSection { throw .laterSection(number) }
        if isSeries(section), target != progress.current { throw .noGoingBack }
        progress.current = target
    }

    /// Slot indices of the current section with no answer.
    public var unansweredInSection: [Int] {
        let start = form.firstSlot(ofSection: currentSection)
        let count = section(currentSection)?.slots.count ?? 0
        return (start..<(start + count)).filter { progress.responses[$0] == nil }
    }

    /// Counts for the review screen and the submit prompt.
    public var summary: (answered: Int, unanswered: Int, flagged: Int) {
        let answered = progress.responses.count
        return (answered, slots.count - answered, progress.flagged.count)
    }
}
