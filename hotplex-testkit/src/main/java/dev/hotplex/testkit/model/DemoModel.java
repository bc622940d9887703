package dev.hotplex.testkit.model;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The offline demo's "model": a fixed conversation plan that reads like a real agent. It decides each step only from
 * the request (no state in the server), so several demo sessions can share one server.
 *
 * <ol>
 *   <li>First prompt: run {@code ls -1}.</li>
 *   <li>After that result: run {@code cat README.md} (skipped when there is no README.md).</li>
 *   <li>After that: summarise both results.</li>
 *   <li>Any later prompt: answer with a text that quotes the first turn's tool results, proving the session kept them.</li>
 * </ol>
 */
final class DemoModel {

    static final String LIST_COMMAND = "ls -1";
    static final String README = "README.md";
    static final String README_COMMAND = "cat " + README;
    /** How many file names a summary shows before "and N more". */
    private static final int FILES_SHOWN = 8;

    private DemoModel() {
    }

    static ModelReply reply(ModelRequest request) {
        List<ToolResult> results = request.toolResults();
        if (request.toolResult().isEmpty()) {
            return results.isEmpty() ? firstPrompt() : laterPrompt(request.lastUserText(), results);
        }
        ToolResult listing = results.get(0);
        if (results.size() == 1 && !listing.isError() && files(listing).contains(README)) {
            return say("The folder has " + files(listing).size() + " entries. Let me read " + README + ".")
                    .plus(ModelReply.bash(README_COMMAND, "Show the project README"));
        }
        return say(summary(results));
    }

    private static ModelReply firstPrompt() {
        return say("Let me look at the repository first.")
                .plus(ModelReply.bash(LIST_COMMAND, "List the files in the working directory"));
    }

    private static ModelReply laterPrompt(String prompt, List<ToolResult> results) {
        return say("You asked: \"" + prompt + "\". This is a scripted demo, so I cannot really answer that, but I still"
                + " have the first turn's context: " + summary(results));
    }

    private static String summary(List<ToolResult> results) {
        ToolResult listing = results.get(0);
        if (listing.isError()) {
            return "the command `" + LIST_COMMAND + "` was not run (" + firstLine(listing.content())
                    + "), so I know nothing about this repository.";
        }
        List<String> files = files(listing);
        String shown = files.stream().limit(FILES_SHOWN).collect(Collectors.joining(", "));
        String more = files.size() > FILES_SHOWN ? " and " + (files.size() - FILES_SHOWN) + " more" : "";
        String readme = readmeLine(results)
                .map(line -> " " + README + " begins with \"" + line + "\".")
                .orElse(" I did not read a " + README + ".");
        return "`" + LIST_COMMAND + "` showed " + files.size() + " entries (" + shown + more + ")." + readme;
    }

    private static Optional<String> readmeLine(List<ToolResult> results) {
        if (results.size() < 2 || results.get(1).isError()) {
            return Optional.empty();
        }
        return Optional.of(firstLine(results.get(1).content()));
    }

    private static List<String> files(ToolResult listing) {
        return listing.content().lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    private static String firstLine(String text) {
        return text.lines().map(String::strip).filter(line -> !line.isEmpty()).findFirst().orElse("(empty)");
    }

    private static ModelReply say(String text) {
        return ModelReply.text(ModelScript.DEMO_LABEL + " " + text);
    }
}
