import Exam

/// The authored option indices in the order they are shown: as written, except ordering items,
/// which are shuffled by `OrderingPresentation`.
enum DisplayOrder {
    static func of(_ question: Question) -> [Int] {
        switch question.body {
        case .single(let options), .multiple(let options, _): return Array(options.indices)
        case .ordering: return OrderingPresentation(question: question)?.order ?? []
        case .yesNoSeries: return []
        }
    }
}
