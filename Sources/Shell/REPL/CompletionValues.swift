import Exam
import Foundation
import Labs

/// Values Tab offers for options: area ids from the outline, pack ids from the bank, self-assessment
/// ratings, lab ids for
/// `lab start` and `labs test`, loaded on
/// the first Tab that needs them so start-up stays fast.
final class CompletionValues {
    private var cache: [String: [String]] = [:]

    func values(for option: String) -> [String]? {
        if let cached = cache[option] { return cached }
        let loaded: [String]?
        switch option {
        case "rating":
            loaded = ["green", "red", "yellow"]
        case "area":
            loaded = (try? Outline.bundled())?.areaIDs
        case "pack":
            guard let outline = try? Outline.bundled() else { return nil }
            loaded = BankLoader(outline: outline).load(paths: [BankLocator.defaultFolder()]).bank.packs.map(\.id).sorted()
        case "positional:start", "positional:test":
            loaded = (try? FileManager.default.contentsOfDirectory(atPath: LabLocator.defaultFolder().path))?
                .filter { FileManager.default.fileExists(atPath: LabLocator.defaultFolder().appendingPathComponent($0).appendingPathComponent("lab.yaml").path) }
                .sorted()
        default:
            loaded = nil
        }
        cache[option] = loaded
        return loaded
    }
}
