import Testing
import VizModel

@Suite struct KeyScriptTests {
    @Test func charactersAndNamedKeys() throws {
        #expect(try Key.parse(script: "5n G <Tab> <Esc> ?") == [
            .character("5"), .character("n"), .character("G"), .tab, .escape, .character("?"),
        ])
    }

    @Test func everyNamedKey() throws {
        let script = "<Up><Down><Left><Right><PgUp><PgDn><Home><End><Tab><S-Tab><Enter><Esc><BS><F1><F12><Resize><C-c><Space><lt>"
        #expect(try Key.parse(script: script) == [
            .up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .tab, .backTab, .enter,
            .escape, .backspace, .function(1), .function(12), .resize, .interrupt,
            .character(" "), .character("<"),
        ])
    }

    @Test func ctrlAndALetterAndDelete() throws {
        #expect(try Key.parse(script: "<C-a><c-E><Del><Delete><C-c>") == [.control("a"), .control("e"), .delete, .delete, .interrupt])
        #expect(throws: KeyScriptError.self) { try Key.parse(script: "<C-1>") }
    }

    @Test func namesAreCaseInsensitiveWithAliases() throws {
        #expect(try Key.parse(script: "<esc> <ESCAPE> <pageup> <return> <f1>") == [
            .escape, .escape, .pageUp, .enter, .function(1),
        ])
    }

    @Test func whitespaceOnlySeparates() throws {
        #expect(try Key.parse(script: "  42g\n\tq ") == [.character("4"), .character("2"), .character("g"), .character("q")])
        #expect(try Key.parse(script: "") == [])
    }

    @Test func nonASCIICharactersAreKeys() throws {
        #expect(try Key.parse(script: "é>") == [.character("é"), .character(">")])
    }

    @Test(arguments: ["<Nope>", "<F13>", "<F0>", "<F+1>", "<>"])
    func unknownNamesAreErrors(script: String) {
        let error = #expect(throws: KeyScriptError.self) { try Key.parse(script: script) }
        #expect(error?.message == "unknown key `\(script)`; the names are <Up> <Down> <Left> <Right> <PgUp> <PgDn> <Home> <End> "
                + "<Tab> <S-Tab> <Enter> <Esc> <BS> <Del> <Resize> <C-c> <Space> <lt> <F1>…<F12> <C-a>…<C-z>")
    }

    @Test func unterminatedNameIsAnError() {
        let error = #expect(throws: KeyScriptError.self) { try Key.parse(script: "n <Tab q") }
        #expect(error?.description == "key script: `<` without `>` in `<Tab q`")
    }

    @Test func descriptionRoundTrips() throws {
        let keys: [Key] = [
            .character("n"), .character(" "), .character("<"), .character(">"), .up, .pageDown,
            .backTab, .enter, .escape, .backspace, .delete, .function(1), .resize, .interrupt, .control("w"),
        ]
        let script = keys.map(\.description).joined(separator: " ")
        #expect(script == "n <Space> <lt> > <Up> <PgDn> <S-Tab> <Enter> <Esc> <BS> <Del> <F1> <Resize> <C-c> <C-w>")
        #expect(try Key.parse(script: script) == keys)
    }
}
