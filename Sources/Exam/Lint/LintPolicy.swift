/// The thresholds `BankLinter` applies; the defaults are the project's quality rules.
public struct LintPolicy: Sendable, Equatable {
    /// Stems at or above this Jaccard similarity of 3-word shingles are near duplicates.
    public var nearDuplicateThreshold = 0.8
    /// No option letter may be the key of more than this share of single items.
    public var maxKeyLetterShare = 0.35
    /// The key may be the strictly longest option in at most this share of single items.
    public var maxKeyLongestShare = 0.40
    /// Letter and length shares are checked only with at least this many single items.
    public var minSingleItemsForShares = 10
    /// Questions per classic area and per generative-AI area.
    public var minPerClassicArea = 20
    public var minPerGenerativeArea = 40
    public var minPerObjective = 3
    public var minScenarioShare = 0.5
    public var minMultipleShare = 0.15
    public var minOrderingShare = 0.10
    public var minYesNoSeries = 10
    public var minCaseStudies = 6

    public init() {}
}
