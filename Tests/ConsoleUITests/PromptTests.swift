import ConsoleUI
import Screen
import Testing

@Suite("Command prompt")
struct PromptTests {
    func typed(_ text: String, then actions: [Action] = []) -> AppState {
        Fixture.after([.openPrompt, .paste(text)] + actions, from: Fixture.state())
    }

    @Test("Tab completes a unique command name and adds a space")
    func completesUnique() {
        #expect(typed("qu", then: [.prompt(.complete)]).prompt?.field.text == "quit ")
    }

    @Test("Tab on an ambiguous prefix lists the candidates")
    func listsCandidates() {
        let state = typed("", then: [.prompt(.complete)])
        #expect(state.prompt?.candidates == Command.all.map(\.name))
    }

    @Test("history walks back and forth and ends on an empty line")
    func history() {
        var state = Fixture.after([.openPrompt, .paste("help"), .prompt(.submit), .closeHelp,
                                   .openPrompt, .paste("payments"), .prompt(.submit), .openPrompt], from: Fixture.state())
        #expect(state.commandHistory == ["help", "payments"])
        state = Fixture.after([.prompt(.olderHistory)], from: state)
        #expect(state.prompt?.field.text == "payments")
        state = Fixture.after([.prompt(.olderHistory), .prompt(.olderHistory)], from: state)
        #expect(state.prompt?.field.text == "help")
        state = Fixture.after([.prompt(.newerHistory), .prompt(.newerHistory)], from: state)
        #expect(state.prompt?.field.text == "")
    }

    @Test(":theme NAME asks the runtime to load it; a wrong argument count is an error toast")
    func themeCommand() {
        #expect(reduce(typed("theme nord"), .prompt(.submit)).1 == [.loadTheme("nord")])
        let error = reduce(typed("theme"), .prompt(.submit)).0
        #expect(error.toast?.level == .error)
        #expect(error.toast?.message.contains(":theme nord") == true)
    }

    @Test(":quit, :q and :help run; unknown commands say what to do")
    func commands() {
        #expect(reduce(typed("quit"), .prompt(.submit)).1 == [.quit])
        #expect(reduce(typed("q"), .prompt(.submit)).1 == [.quit])
        #expect(reduce(typed("help"), .prompt(.submit)).0.showingHelp)
        let unknown = reduce(typed("launch rockets"), .prompt(.submit)).0
        #expect(unknown.toast?.message == "Unknown command :launch; press Tab to list the commands.")
    }

    @Test("a toast goes away on the first tick after its time")
    func toastExpires() {
        let shown = Fixture.after([.showToast(Toast("hi", duration: 4))], from: Fixture.state())
        #expect(Fixture.after([.tick(Fixture.now.addingTimeInterval(3))], from: shown).toast != nil)
        #expect(Fixture.after([.tick(Fixture.now.addingTimeInterval(4))], from: shown).toast == nil)
    }

    @Test("the theme the runtime applied is recorded and announced")
    func themeApplied() {
        let state = Fixture.after([.themeApplied("nord")], from: Fixture.state())
        #expect(state.themeName == "nord")
        #expect(state.toast?.message == "Theme nord.")
    }
}
