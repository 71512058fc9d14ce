extension Program {
    /// The file's reading errors under `design`: the parser's, and a page bound to a kernel
    /// page's name where the design reserves it, in order of line and column. `run`, the
    /// trace and the viewer refuse a file for the same errors.
    public func readingErrors(in design: Design) -> [Diagnostic] {
        let reserved = calls.compactMap { $0.reservedNameError(in: design) }
        return reserved.isEmpty ? errors : (errors + reserved).sorted { $0.location < $1.location }
    }
}

extension CallStatement {
    /// The reading error of a page bound to a kernel page's name (`k` and decimal digits only)
    /// in a design whose kernel allocates pages named so (model-later.md §2), or nil.
    public func reservedNameError(in design: Design) -> Diagnostic? {
        guard design.zerocopy != nil, call.returns == .page, let name = binding,
              name.utf8.count > 1, name.utf8.first == UInt8(ascii: "k"),
              name.utf8.dropFirst().allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        else { return nil }
        return Diagnostic("name '\(name)' is reserved in design \(design.rawValue) for the pages the kernel allocates (k1, k2, ...)",
                          at: SourceLocation(line: line, column: bindingColumn))
    }

    /// Where the binding starts: the text starts with it, and the call's name starts at `column`.
    private var bindingColumn: Int {
        guard let equals = text.utf8.firstIndex(of: UInt8(ascii: "=")) else { return column }
        var at = text.utf8.index(after: equals)
        while at < text.utf8.endIndex, text.utf8[at] == UInt8(ascii: " ") || text.utf8[at] == UInt8(ascii: "\t") {
            at = text.utf8.index(after: at)
        }
        return max(1, column - text.utf8.distance(from: text.utf8.startIndex, to: at))
    }
}
