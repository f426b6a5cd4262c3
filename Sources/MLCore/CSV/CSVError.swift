/// Problems reading or writing a CSV file. Every error about content names the file and the line.
public enum CSVError: Error, Equatable, CustomStringConvertible {
    /// The file could not be opened or read.
    case unreadable(path: String, reason: String)
    /// The file could not be written.
    case unwritable(path: String, reason: String)
    /// The file has no header line.
    case empty(path: String)
    /// Two header fields share a name.
    case duplicateHeader(path: String, name: String)
    /// A row has a different number of fields than the header.
    case raggedRow(path: String, line: Int, expected: Int, found: Int)
    /// A quoted field is never closed.
    case unterminatedQuote(path: String, line: Int)
    /// Text follows a closing quote before the next delimiter.
    case textAfterQuote(path: String, line: Int)
    /// A value in a column declared numeric is not a number.
    case notNumeric(path: String, line: Int, column: String, text: String)
    /// A value in a column declared boolean is not `true`/`false`.
    case notBoolean(path: String, line: Int, column: String, text: String)

    /// One line a user can act on.
    public var message: String {
        switch self {
        case .unreadable(let path, let reason): return "cannot read \(path): \(reason)"
        case .unwritable(let path, let reason): return "cannot write \(path): \(reason)"
        case .empty(let path): return "\(path): the file is empty; a CSV file needs a header line naming the columns"
        case .duplicateHeader(let path, let name):
            return "\(path):1: column '\(name)' appears more than once in the header; rename one of them"
        case .raggedRow(let path, let line, let expected, let found):
            return "\(path):\(line): row has \(found) fields but the header has \(expected); check for a missing or extra delimiter or an unquoted comma"
        case .unterminatedQuote(let path, let line):
            return "\(path):\(line): a quoted field starting on this line is never closed; add the closing '\"'"
        case .textAfterQuote(let path, let line):
            return "\(path):\(line): text follows a closing quote; double quotes inside a quoted field must be written as \"\""
        case .notNumeric(let path, let line, let column, let text):
            return "\(path):\(line): column '\(column)' must be numeric but holds '\(text)'"
        case .notBoolean(let path, let line, let column, let text):
            return "\(path):\(line): column '\(column)' must be true or false but holds '\(text)'"
        }
    }

    public var description: String { message }
}
