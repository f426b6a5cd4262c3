import Workspace

/// A JMESPath expression (the subset az users write in `--query`): field paths, indexes, list and
/// object projections, flatten, filters with comparisons and `&&`/`||`/`!`, multiselect lists and
/// hashes, pipes, literals and the functions `length`, `contains`, `starts_with`, `ends_with`,
/// `to_string`, `sort_by`, `max_by`, `min_by`, `keys`, `values`.
public struct JMESPath: Sendable {
    let root: JMESNode
    /// The text it was parsed from.
    public let text: String

    /// Parses an expression; a syntax error names the position.
    public init(_ text: String) throws {
        self.text = text
        var parser = try JMESParser(text: text)
        root = try parser.parseAll()
    }

    /// Evaluates the expression against a document.
    public func search(_ value: JSONValue) throws -> JSONValue {
        try JMESEvaluator.eval(root, value)
    }
}

/// A `--query` problem, printed the way az prints JMESPath errors.
public struct JMESPathError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

indirect enum JMESNode: Sendable {
    case current
    case field(String)
    case literal(JSONValue)
    case subexpression(JMESNode, JMESNode)
    case index(JMESNode, Int)
    case slice(JMESNode, Int?, Int?)
    case listProjection(JMESNode, JMESNode)
    case flatten(JMESNode, JMESNode)
    case valueProjection(JMESNode, JMESNode)
    case filter(JMESNode, JMESNode, JMESNode)
    case multiList([JMESNode])
    case multiHash([(String, JMESNode)])
    case compare(String, JMESNode, JMESNode)
    case and(JMESNode, JMESNode)
    case or(JMESNode, JMESNode)
    case not(JMESNode)
    case pipe(JMESNode, JMESNode)
    case function(String, [JMESNode])
    case expressionRef(JMESNode)
}

enum JMESToken: Equatable, Sendable {
    case identifier(String), quotedIdentifier(String), rawString(String), literal(String), number(Int)
    case dot, star, lbracket, rbracket, flatten, filter, lbrace, rbrace, lparen, rparen, comma, colon
    case pipe, or, and, not, at, ampersand, comparator(String), end
}

struct JMESParser {
    private var tokens: [(JMESToken, Int)] = []
    private var position = 0
    private let text: String

    init(text: String) throws {
        self.text = text
        tokens = try JMESParser.tokenize(text)
    }

    private var current: JMESToken { tokens[min(position, tokens.count - 1)].0 }
    private var offset: Int { tokens[min(position, tokens.count - 1)].1 }
    private func lookahead(_ n: Int) -> JMESToken { tokens[min(position + n, tokens.count - 1)].0 }
    private mutating func advance() { position += 1 }

    private func error(_ message: String) -> JMESPathError {
        JMESPathError(message: "argument --query: invalid jmespath_type value: '\(text)': \(message) at column \(offset + 1)")
    }

    mutating func parseAll() throws -> JMESNode {
        let node = try expression(0)
        guard current == .end else { throw error("unexpected token") }
        return node
    }

    private static func bindingPower(_ token: JMESToken) -> Int {
        switch token {
        case .pipe: return 1
        case .or: return 2
        case .and: return 3
        case .comparator: return 5
        case .flatten: return 9
        case .star: return 20
        case .filter: return 21
        case .dot: return 40
        case .not: return 45
        case .lbrace: return 50
        case .lbracket: return 55
        case .lparen: return 60
        default: return 0
        }
    }

    private mutating func expression(_ rbp: Int) throws -> JMESNode {
        let token = current
        advance()
        var left = try nud(token)
        while rbp < JMESParser.bindingPower(current) {
            let next = current
            advance()
            left = try led(next, left)
        }
        return left
    }

    private mutating func nud(_ token: JMESToken) throws -> JMESNode {
        switch token {
        case .identifier(let name), .quotedIdentifier(let name): return .field(name)
        case .rawString(let s): return .literal(.string(s))
        case .literal(let json):
            if let value = JSONValue.parse(json) { return .literal(value) }
            return .literal(.string(json))
        case .at: return .current
        case .star: return .valueProjection(.current, try projectionRHS(JMESParser.bindingPower(.star)))
        case .flatten: return .flatten(.current, try projectionRHS(JMESParser.bindingPower(.flatten)))
        case .filter: return try filterRHS(left: .current)
        case .lbrace: return try multiHash()
        case .not: return .not(try expression(JMESParser.bindingPower(.not)))
        case .ampersand: return .expressionRef(try expression(JMESParser.bindingPower(.ampersand)))
        case .lparen:
            let inner = try expression(0)
            try expect(.rparen, "expected ')'")
            return inner
        case .lbracket:
            if case .number = current { return try indexOrSlice(left: .current) }
            if current == .colon { return try indexOrSlice(left: .current) }
            if current == .star, lookahead(1) == .rbracket {
                advance(); advance()
                return .listProjection(.current, try projectionRHS(JMESParser.bindingPower(.star)))
            }
            return try multiList()
        default:
            throw error("unexpected token")
        }
    }

    private mutating func led(_ token: JMESToken, _ left: JMESNode) throws -> JMESNode {
        switch token {
        case .dot:
            if current == .star {
                advance()
                return .valueProjection(left, try projectionRHS(JMESParser.bindingPower(.star)))
            }
            return .subexpression(left, try dotRHS(JMESParser.bindingPower(.dot)))
        case .pipe: return .pipe(left, try expression(JMESParser.bindingPower(.pipe)))
        case .or: return .or(left, try expression(JMESParser.bindingPower(.or)))
        case .and: return .and(left, try expression(JMESParser.bindingPower(.and)))
        case .comparator(let op): return .compare(op, left, try expression(JMESParser.bindingPower(token)))
        case .flatten: return .flatten(left, try projectionRHS(JMESParser.bindingPower(.flatten)))
        case .filter: return try filterRHS(left: left)
        case .lbracket:
            if case .number = current { return try indexOrSlice(left: left) }
            if current == .colon { return try indexOrSlice(left: left) }
            if current == .star, lookahead(1) == .rbracket {
                advance(); advance()
                return .listProjection(left, try projectionRHS(JMESParser.bindingPower(.star)))
            }
            throw error("expected a number, ':' or '*' after '['")
        case .lparen:
            guard case .field(let name) = left else { throw error("only a function name can be called") }
            var arguments: [JMESNode] = []
            while current != .rparen {
                arguments.append(try expression(0))
                if current == .comma { advance() } else if current != .rparen { throw error("expected ',' or ')'") }
            }
            advance()
            return .function(name, arguments)
        default:
            throw error("unexpected token")
        }
    }

    private mutating func indexOrSlice(left: JMESNode) throws -> JMESNode {
        var parts: [Int?] = [nil, nil, nil]
        var slot = 0
        while current != .rbracket {
            switch current {
            case .number(let n): parts[slot] = n; advance()
            case .colon:
                slot += 1
                guard slot < 3 else { throw error("too many ':' in a slice") }
                advance()
            default: throw error("expected a number in '[...]'")
            }
        }
        advance()
        if slot == 0, let n = parts[0] { return .index(left, n) }
        return .listProjection(.slice(left, parts[0], parts[1]), try projectionRHS(JMESParser.bindingPower(.star)))
    }

    private mutating func filterRHS(left: JMESNode) throws -> JMESNode {
        let condition = try expression(0)
        try expect(.rbracket, "expected ']' to close the filter")
        return .filter(left, condition, try projectionRHS(JMESParser.bindingPower(.filter)))
    }

    private mutating func projectionRHS(_ rbp: Int) throws -> JMESNode {
        if JMESParser.bindingPower(current) < 10 { return .current }
        switch current {
        case .lbracket, .filter, .flatten: return try expression(rbp)
        case .dot:
            advance()
            return try dotRHS(rbp)
        default: throw error("unexpected token after a projection")
        }
    }

    private mutating func dotRHS(_ rbp: Int) throws -> JMESNode {
        switch current {
        case .identifier, .quotedIdentifier, .star: return try expression(rbp)
        case .lbracket:
            advance()
            return try multiList()
        case .lbrace:
            advance()
            return try multiHash()
        default: throw error("expected a field name, '[' or '{' after '.'")
        }
    }

    private mutating func multiList() throws -> JMESNode {
        var items: [JMESNode] = []
        while true {
            items.append(try expression(0))
            if current == .rbracket { advance(); break }
            try expect(.comma, "expected ',' or ']'")
        }
        return .multiList(items)
    }

    private mutating func multiHash() throws -> JMESNode {
        var pairs: [(String, JMESNode)] = []
        while true {
            let key: String
            switch current {
            case .identifier(let k), .quotedIdentifier(let k): key = k
            default: throw error("expected a key name in '{...}'")
            }
            advance()
            try expect(.colon, "expected ':' after a key")
            pairs.append((key, try expression(0)))
            if current == .rbrace { advance(); break }
            try expect(.comma, "expected ',' or '}'")
        }
        return .multiHash(pairs)
    }

    private mutating func expect(_ token: JMESToken, _ message: String) throws {
        guard current == token else { throw error(message) }
        advance()
    }

    static func tokenize(_ text: String) throws -> [(JMESToken, Int)] {
        let chars = Array(text)
        var tokens: [(JMESToken, Int)] = []
        var i = 0
        func fail(_ message: String) -> JMESPathError {
            JMESPathError(message: "argument --query: invalid jmespath_type value: '\(text)': \(message) at column \(i + 1)")
        }
        while i < chars.count {
            let c = chars[i]
            let start = i
            if c == " " || c == "\t" || c == "\n" { i += 1; continue }
            if c.isLetter || c == "_" {
                var j = i
                while j < chars.count, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" { j += 1 }
                tokens.append((.identifier(String(chars[i..<j])), start)); i = j; continue
            }
            if c.isNumber || (c == "-" && i + 1 < chars.count && chars[i + 1].isNumber) {
                var j = i + 1
                while j < chars.count, chars[j].isNumber { j += 1 }
                guard let n = Int(String(chars[i..<j])) else { throw fail("number out of range") }
                tokens.append((.number(n), start)); i = j; continue
            }
            func delimited(_ close: Character) throws -> String {
                var j = i + 1
                var out = ""
                while j < chars.count, chars[j] != close {
                    if chars[j] == "\\", j + 1 < chars.count { out.append(chars[j + 1]); j += 2; continue }
                    out.append(chars[j]); j += 1
                }
                guard j < chars.count else { throw fail("unterminated \(close)") }
                i = j + 1
                return out
            }
            switch c {
            case "'": tokens.append((.rawString(try delimited("'")), start)); continue
            case "\"": tokens.append((.quotedIdentifier(try delimited("\"")), start)); continue
            case "`": tokens.append((.literal(try delimited("`")), start)); continue
            default: break
            }
            let next: Character? = i + 1 < chars.count ? chars[i + 1] : nil
            switch (c, next) {
            case ("[", "]"): tokens.append((.flatten, start)); i += 2
            case ("[", "?"): tokens.append((.filter, start)); i += 2
            case ("|", "|"): tokens.append((.or, start)); i += 2
            case ("&", "&"): tokens.append((.and, start)); i += 2
            case ("=", "="), ("!", "="), ("<", "="), (">", "="):
                tokens.append((.comparator(String([c, "="])), start)); i += 2
            case ("<", _), (">", _): tokens.append((.comparator(String(c)), start)); i += 1
            case ("!", _): tokens.append((.not, start)); i += 1
            case ("&", _): tokens.append((.ampersand, start)); i += 1
            case (".", _): tokens.append((.dot, start)); i += 1
            case ("*", _): tokens.append((.star, start)); i += 1
            case ("[", _): tokens.append((.lbracket, start)); i += 1
            case ("]", _): tokens.append((.rbracket, start)); i += 1
            case ("{", _): tokens.append((.lbrace, start)); i += 1
            case ("}", _): tokens.append((.rbrace, start)); i += 1
            case ("(", _): tokens.append((.lparen, start)); i += 1
            case (")", _): tokens.append((.rparen, start)); i += 1
            case (",", _): tokens.append((.comma, start)); i += 1
            case (":", _): tokens.append((.colon, start)); i += 1
            case ("|", _): tokens.append((.pipe, start)); i += 1
            case ("@", _): tokens.append((.at, start)); i += 1
            default: throw fail("unexpected character '\(c)'")
            }
        }
        tokens.append((.end, chars.count))
        return tokens
    }
}
