import GRDB

/// Records whose dates are stored as seconds since 1970 (REAL), which sort and compare in SQL.
public protocol EpochDates: FetchableRecord, EncodableRecord {}

extension EpochDates {
    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy { .timeIntervalSince1970 }
    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy { .timeIntervalSince1970 }
}
