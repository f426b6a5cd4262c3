extension String {
    /// Whether the text is empty or only whitespace and newlines.
    var isBlank: Bool { unicodeScalars.allSatisfy(\.properties.isWhitespace) }

    /// The text without leading and trailing whitespace and newlines (pure Swift; Foundation's
    /// `trimmingCharacters` is slow on Linux and this runs for every field of every pack).
    var trimmed: String {
        let scalars = unicodeScalars
        if let head = scalars.first, let tail = scalars.last,
           !head.properties.isWhitespace, !tail.properties.isWhitespace { return self }
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
