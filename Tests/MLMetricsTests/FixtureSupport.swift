import Foundation
import Testing

/// Loads a JSON fixture written by Fixtures/make_fixtures.py.
enum Fixture {
    static func load(_ name: String) throws -> [String: Any] {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures"))
        let data = try Data(contentsOf: url)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func cases(_ name: String, _ key: String) throws -> [[String: Any]] {
        let cases = try #require(try load(name)[key] as? [[String: Any]])
        try #require(!cases.isEmpty, "fixture \(name).json has no \(key) cases")
        return cases
    }
}

extension Dictionary where Key == String, Value == Any {
    func doubles(_ key: String) -> [Double] {
        let values = (self[key] as? [NSNumber])?.map(\.doubleValue) ?? []
        #expect(!values.isEmpty, "fixture field \(key) is missing or empty")
        return values
    }
    func ints(_ key: String) -> [Int] { (self[key] as? [NSNumber])?.map(\.intValue) ?? [] }
    func strings(_ key: String) -> [String] { self[key] as? [String] ?? [] }
    func double(_ key: String) -> Double? { (self[key] as? NSNumber)?.doubleValue }
    func int(_ key: String) -> Int? { (self[key] as? NSNumber)?.intValue }
    func object(_ key: String) -> [String: Any] { self[key] as? [String: Any] ?? [:] }
    var name: String { self["name"] as? String ?? "?" }
}

/// |a − b| ≤ tolerance, or both nil.
func close(_ a: Double?, _ b: Double?, _ tolerance: Double = 1e-9) -> Bool {
    switch (a, b) {
    case (nil, nil): return true
    case let (x?, y?): return abs(x - y) <= tolerance || (x.isInfinite && x == y)
    default: return false
    }
}
