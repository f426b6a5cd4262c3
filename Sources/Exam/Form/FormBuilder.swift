import Primitives
/// Draws a mock-exam form to the outline's domain weights.
///
/// Items are counted as scored slots (each statement of a yes-no series is one). The form holds at
/// most `maxCaseStudies` case studies and `maxSeries` yes-no series, each only when it fits the
/// remaining per-domain targets; the rest is filled per domain with single, multiple and ordering
/// items. Questions used in the forms passed as `recentlyUsed` are drawn last, so consecutive forms
/// do not repeat items while the bank is large enough. When a domain has too few items, the gap is
/// filled from the other domains and recorded in `ExamForm.domains` (target versus drawn).
public struct FormBuilder: Sendable {
    public var shares: [DomainShare]
    public var maxCaseStudies: Int
    public var maxSeries: Int

    public init(shares: [DomainShare], maxCaseStudies: Int = 2, maxSeries: Int = 2) {
        self.shares = shares
        self.maxCaseStudies = maxCaseStudies
        self.maxSeries = maxSeries
    }

    public func build(bank: Bank, count: Int, minutes: Int, seed: UInt64, recentlyUsed: Set<String> = []) -> ExamForm {
        var rng = SplitMix64(seed: seed)
        let targets = DomainShare.allocate(count, over: shares)
        var remaining = targets
        var drawn: [String: Int] = [:]
        var sections: [FormSection] = []
        var used = Set<String>()

        func freshFirst<T>(_ items: [T], key: (T) -> [String]) -> [T] {
            let shuffled = rng.shuffle(items)
            return shuffled.filter { key($0).allSatisfy { !recentlyUsed.contains($0) } }
                + shuffled.filter { key($0).contains { recentlyUsed.contains($0) } }
        }
        func fits(_ perDomain: [String: Int]) -> Bool {
            perDomain.allSatisfy { remaining[$0.key, default: 0] >= $0.value }
        }
        func take(_ perDomain: [String: Int]) {
            for (domain, n) in perDomain {
                remaining[domain, default: 0] -= n
                drawn[domain, default: 0] += n
            }
        }

        var studySections: [FormSection] = []
        let studies = freshFirst(bank.caseStudies.values.sorted { $0.id < $1.id }) { $0.questions.map(\.id) }
        let wantedStudies = count >= 40 ? min(maxCaseStudies, 1 + rng.nextInt(below: 2)) : min(maxCaseStudies, 1)
        for study in studies where studySections.count < wantedStudies {
            let questions = study.questions.filter { $0.type != .yesNoSeries }
            guard !questions.isEmpty else { continue }
            let perDomain = Dictionary(grouping: questions, by: \.domain).mapValues(\.count)
            guard fits(perDomain) else { continue }
            take(perDomain)
            questions.forEach { used.insert($0.id) }
            studySections.append(FormSection(kind: .caseStudy(id: study.id), slots: questions.map { FormSlot(questionID: $0.id) }))
        }

        var seriesSections: [FormSection] = []
        let standalone = bank.questions.filter { $0.caseStudyID == nil }
        let series = freshFirst(standalone.filter { $0.type == .yesNoSeries }) { [$0.id] }
        for question in series where seriesSections.count < maxSeries {
            let perDomain = [question.domain: question.scoredItemCount]
            guard question.scoredItemCount > 0, fits(perDomain) else { continue }
            take(perDomain)
            used.insert(question.id)
            let slots = (0..<question.scoredItemCount).map { FormSlot(questionID: question.id, part: $0) }
            seriesSections.append(FormSection(kind: .yesNoSeries(questionID: question.id), slots: slots))
        }

        var general: [FormSlot] = []
        var leftovers: [Question] = []
        let pool = standalone.filter { $0.type != .yesNoSeries }
        for share in shares {
            let candidates = freshFirst(pool.filter { $0.domain == share.id }) { [$0.id] }
            let need = max(remaining[share.id, default: 0], 0)
            let chosen = candidates.prefix(need)
            chosen.forEach { used.insert($0.id) }
            general += chosen.map { FormSlot(questionID: $0.id) }
            take([share.id: chosen.count])
            leftovers += candidates.dropFirst(need)
        }
        var shortfall = count - general.count - seriesSections.reduce(0) { $0 + $1.slots.count } - studySections.reduce(0) { $0 + $1.slots.count }
        for question in leftovers where shortfall > 0 && !used.contains(question.id) {
            used.insert(question.id)
            general.append(FormSlot(questionID: question.id))
            drawn[question.domain, default: 0] += 1
            shortfall -= 1
        }

        var result: [FormSection] = []
        if !general.isEmpty { result.append(FormSection(kind: .general, slots: rng.shuffle(general))) }
        result += seriesSections + studySections
        sections = result
        let domains = shares.map { DomainDraw(domain: $0.id, target: targets[$0.id, default: 0], drawn: drawn[$0.id, default: 0]) }
        return ExamForm(sections: sections, minutes: minutes, domains: domains)
    }
}
