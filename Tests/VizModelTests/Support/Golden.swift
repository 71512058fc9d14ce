import Foundation
import Testing

/// Golden files: a text the test makes, compared with the file that holds it. With
/// `SKBVIZ_RECORD=1` the text is written instead and the test fails, so that a recording run
/// is never mistaken for a passing one.
enum Golden {
    static func check(_ actual: String, against file: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        if ProcessInfo.processInfo.environment["SKBVIZ_RECORD"] == "1" {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: file, atomically: true, encoding: .utf8)
            Issue.record("recorded \(file.lastPathComponent); run again without SKBVIZ_RECORD to compare", sourceLocation: sourceLocation)
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(actual == expected, "\(file.lastPathComponent) differs; diff it after SKBVIZ_RECORD=1 if the change is meant",
                sourceLocation: sourceLocation)
    }
}
