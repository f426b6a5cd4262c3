/// Word-wraps text for the terminal, keeping the author's line breaks.
enum TextWrap {
    static func wrap(_ text: String, width: Int = 96, indent: String = "") -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { paragraph -> String in
            var lines: [String] = []
            var current = indent
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                if current.count > indent.count && current.count + 1 + word.count > width {
                    lines.append(current)
                    current = indent
                }
                current += (current.count > indent.count ? " " : "") + word
            }
            lines.append(current.count > indent.count ? current : (paragraph.isEmpty ? "" : current))
            return lines.joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// Wraps `text` with `lead` before the first line and the following lines indented to match it.
    static func hanging(_ lead: String, _ text: String, width: Int = 96) -> String {
        let pad = String(repeating: " ", count: lead.count)
        let wrapped = wrap(text, width: width, indent: pad)
        return lead + wrapped.dropFirst(pad.count)
    }
}
