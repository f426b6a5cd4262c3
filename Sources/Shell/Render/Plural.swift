/// Counts with their noun in the right number: `1 minute`, `2 minutes`.
enum Plural {
    static func count(_ n: Int, _ singular: String, plural: String? = nil) -> String {
        "\(n) \(n == 1 ? singular : (plural ?? singular + "s"))"
    }
}
