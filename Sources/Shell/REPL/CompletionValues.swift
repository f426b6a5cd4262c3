import Exam
import Foundation

/// Values Tab offers for options: area ids from the outline and pack ids from the bank, loaded on
/// the first Tab that needs them so start-up stays fast.
final class CompletionValues {
    private var cache: [String: [String]] = [:]

    func values(for option: String) -> [String]? {
        if let cached = cache[option] { return cached }
        let loaded: [String]?
        switch option {
        case "area":
            loaded = (try? Outline.bundled())?.areaIDs
        case "pack":
            guard let outline = try? Outline.bundled() else { return nil }
            loaded = BankLoader(outline: outline).load(paths: [BankLocator.defaultFolder()]).bank.packs.map(\.id).sorted()
        default:
            loaded = nil
        }
        cache[option] = loaded
        return loaded
    }
}
