/// Splits a REPL line into words the way a POSIX shell does for simple input: whitespace
/// separates words, single quotes keep text as is, double quotes allow `\"` and `\\`, and a
/// backslash outside quotes escapes the next character.
public enum LineTokenizer {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case unterminatedQuote(Character)
        case danglingBackslash

        public var description: String {
            switch self {
            case .unterminatedQuote(let quote): return "unterminated \(quote) quote: close it or escape it with \\"
            case .danglingBackslash: return "the line ends with a lone backslash"
            }
        }
    }

    public static func words(_ line: String) throws(Failure) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for ch in line {
            if escaped {
                current.append(ch)
                escaped = false
                inWord = true
                continue
            }
            if let open = quote {
                if ch == open {
                    quote = nil
                } else if ch == "\\" && open == "\"" {
                    escaped = true
                } else {
                    current.append(ch)
                }
                continue
            }
            switch ch {
            case "'", "\"":
                quote = ch
                inWord = true
            case "\\":
                escaped = true
            case " ", "\t":
                if inWord { words.append(current) }
                current = ""
                inWord = false
            default:
                current.append(ch)
                inWord = true
            }
        }
        if let open = quote { throw .unterminatedQuote(open) }
        if escaped { throw .danglingBackslash }
        if inWord { words.append(current) }
        return words
    }
}
