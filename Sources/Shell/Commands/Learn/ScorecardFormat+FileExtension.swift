import Readiness

extension ScorecardFormat {
    /// The usual file extension, for suggesting a file name to `--out`.
    var fileExtension: String {
        switch self {
        case .text: return "txt"
        case .markdown: return "md"
        case .json: return "json"
        case .html: return "html"
        }
    }
}
