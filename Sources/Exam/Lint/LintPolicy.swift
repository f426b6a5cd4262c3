/// The thresholds `BankLinter` applies; the defaults are the project's quality rules.
public struct LintPolicy: Sendable, Equatable {
    /// Stems at or above this Jaccard similarity of 3-word shingles are near duplicates.
    public var nearDuplicateThreshold = 0.8
    /// No option letter may be the key of more than this share of single items.
    public var maxKeyLetterShare = 0.35
    /// The key may be the strictly longest option in at most this share of single items.
    public var maxKeyLongestShare = 0.40
    /// No length rank (longest, 2nd longest, ...) may hold the key of more than this share of single items.
    public var maxKeyLengthRankShare = 0.40
    /// No number of "yes" statements may be shared by more than this share of yes-no series.
    public var maxYesCountShare = 0.5
    /// The share of "yes" among all yes-no statements.
    public var yesShareRange = 0.3...0.7
    /// Key rate of options with a justifying clause, relative to the key rate of all options.
    public var clauseKeyRatioRange = 0.6...1.5
    /// The justifying-clause rule runs from this many such options.
    public var minClauseOptions = 20
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
